import { describe, expect, it } from 'vitest';
import { outcomes, site, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { siteHttps } from './site-https.js';

describe('BWK-WAF-101 sites without HTTPS', () => {
  it('passes TLS-only or redirecting sites and fails plain-HTTP ones', () => {
    const s = snapshotWith((x) => {
      x.sites = {
        available: true,
        source: 'gw.yaml',
        items: [
          site('tls-only'),
          site('redirect', { listeners: [{ address: '0.0.0.0:80', tls: false }, { address: '0.0.0.0:443', tls: true }], httpsRedirect: true }),
          site('mixed', { listeners: [{ address: '0.0.0.0:80', tls: false }, { address: '0.0.0.0:443', tls: true }] }),
          site('plain', { listeners: [{ address: '0.0.0.0:80', tls: false }] }),
          site('managed-ok', { listeners: null, certificates: 1, httpsRedirect: true }),
          site('managed-plain', { listeners: null, certificates: 0 }),
        ],
      };
    });
    expect(outcomes(siteHttps, s)).toEqual({
      'bulwark:site/tls-only': 'pass',
      'bulwark:site/redirect': 'pass',
      'bulwark:site/mixed': 'fail',
      'bulwark:site/plain': 'fail',
      'bulwark:site/managed-ok': 'pass',
      'bulwark:site/managed-plain': 'fail',
    });
  });

  it('is not applicable, with the reason, when no sites are known', () => {
    const s = snapshotWith((x) => {
      x.sites = { available: false, reason: 'no gateway configuration given' };
    });
    expect(siteHttps.evaluate(s)).toMatchObject([{ status: 'not_applicable', message: 'no gateway configuration given' }]);
  });
});
