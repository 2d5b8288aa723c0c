import { describe, expect, it } from 'vitest';
import { outcomes, site, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { siteRateLimit } from './site-rate-limit.js';

describe('BWK-WAF-103 sites without rate limits', () => {
  it('fails sites without a rate limit', () => {
    const s = snapshotWith((x) => {
      x.sites = { available: true, source: 'gw.yaml', items: [site('a'), site('b', { rateLimits: 0 })] };
    });
    expect(outcomes(siteRateLimit, s)).toEqual({ 'bulwark:site/a': 'pass', 'bulwark:site/b': 'fail' });
  });
});
