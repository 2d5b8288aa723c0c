import { describe, expect, it } from 'vitest';
import { outcomes, site, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { siteWafBlocking } from './site-waf-blocking.js';

describe('BWK-WAF-102 WAF off or detect-only', () => {
  it('passes only blocking WAFs', () => {
    const s = snapshotWith((x) => {
      x.sites = { available: true, source: 'gw.yaml', items: [site('a'), site('b', { wafMode: 'detect' }), site('c', { wafMode: 'off' })] };
    });
    expect(outcomes(siteWafBlocking, s)).toEqual({ 'bulwark:site/a': 'pass', 'bulwark:site/b': 'fail', 'bulwark:site/c': 'fail' });
  });

  it('is not applicable when the configuration has no sites', () => {
    expect(siteWafBlocking.evaluate(snapshotWith(() => undefined))[0]?.status).toBe('not_applicable');
  });
});
