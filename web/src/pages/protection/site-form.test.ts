import { describe, expect, it } from 'vitest';
import { siteConfig } from '../../../../src/config/gateway.js';
import { EMPTY_SITE, expiryLevel, FormMappingError, toDocument, toForm, withExclusion, type SiteDocument } from './site-form.js';

const full: SiteDocument = {
  name: 'shop',
  hosts: ['shop.example.com', '*.shop.example.com'],
  upstreams: ['http://127.0.0.1:8001', { url: 'http://127.0.0.1:8002', weight: 3 }],
  balance: 'weighted',
  healthCheck: { path: '/healthz', interval: '10s', timeout: 2000 },
  retries: 2,
  tls: { certificates: [{ cert: 'shop.crt', key: 'shop.key' }] },
  acl: { allow: ['10.0.0.0/8'], deny: ['203.0.113.7'] },
  rules: [
    { id: 'admin', priority: 10, action: 'block', when: { path: { prefix: '/admin' }, ip: ['198.51.100.0/24'], header: [{ name: 'X-Debug', present: true }] }, status: 404 },
    { id: 'bots', action: 'log', when: { userAgent: { contains: 'curl' } } },
  ],
  rateLimits: [{ id: 'login', key: 'ip', pathPrefix: '/login', limit: 5, window: '1m', block: '5m' }],
  waf: { mode: 'block', paranoia: 2, thresholds: { inbound: 10, outbound: 4 }, crs: '/usr/share/modsecurity-crs', exclusions: [{ id: 942100, target: 'ARGS:q' }, { tag: 'attack-xss', path: '/cms' }], rules: ['SecRule ARGS "@rx x" "id:1,deny"'] },
  dlp: { action: 'block', exceptions: ['/healthz'], detectors: { email: { enabled: false } } },
};

describe('site form mapping', () => {
  it('round-trips a document unchanged, keeping settings the editor does not show', () => {
    expect(toDocument(toForm(full), full)).toEqual(full);
    const minimal = { name: 'blog', upstreams: ['http://127.0.0.1:9'] };
    expect(toDocument(toForm(minimal), minimal)).toEqual(minimal);
  });

  it('reads the editor values out of the document', () => {
    const f = toForm(full);
    expect(f.upstreams).toEqual([{ url: 'http://127.0.0.1:8001' }, { url: 'http://127.0.0.1:8002', weight: 3 }]);
    expect(f.healthCheck).toMatchObject({ enabled: true, path: '/healthz', interval: '10s', timeout: '2000' });
    expect(f.waf).toMatchObject({ mode: 'block', paranoia: 2, inbound: 10, crs: '/usr/share/modsecurity-crs' });
    expect(f.waf.exclusions).toEqual([{ kind: 'id', value: '942100', target: 'ARGS:q', path: undefined }, { kind: 'tag', value: 'attack-xss', target: undefined, path: '/cms' }]);
    expect(f.rules[0]).toMatchObject({ id: 'admin', pathKind: 'prefix', pathValue: '/admin', ip: ['198.51.100.0/24'], status: 404 });
    expect(JSON.parse(f.rules[0]!.more)).toEqual({ header: [{ name: 'X-Debug', present: true }] });
    expect(f.dlp).toMatchObject({ enabled: true, action: 'block', exceptions: ['/healthz'] });
  });

  it('writes edits as the gateway schema expects them, and the gateway accepts the result', () => {
    const f = toForm(EMPTY_SITE);
    f.name = ' api ';
    f.upstreams = [{ url: 'http://127.0.0.1:7000' }, { url: '' }];
    f.healthCheck.enabled = true;
    f.waf.mode = 'detect';
    f.waf.exclusions = [{ kind: 'id', value: '942100', path: '/search' }, { kind: 'id', value: '' }];
    f.rules = [{ id: 'no-admin', priority: 100, action: 'block', status: 403, methods: ['POST'], pathKind: 'regex', pathValue: '^/admin', ip: [], more: '{"query":[{"name":"debug","equals":"1"}]}' }];
    f.rateLimits = [{ key: 'ip', limit: 100, window: '60000', block: '0' }];
    f.dlp.enabled = true;
    const doc = toDocument(f, EMPTY_SITE);
    expect(doc).toEqual({
      name: 'api',
      hosts: ['*'],
      upstreams: ['http://127.0.0.1:7000'],
      healthCheck: { path: '/', interval: '5s', timeout: '2s', unhealthyThreshold: 2, healthyThreshold: 1 },
      waf: { mode: 'detect', exclusions: [{ id: 942100, path: '/search' }] },
      rules: [{ id: 'no-admin', action: 'block', when: { method: ['POST'], path: { regex: '^/admin' }, query: [{ name: 'debug', equals: '1' }] } }],
      rateLimits: [{ key: 'ip', limit: 100, window: 60000 }],
      dlp: {},
    });
    expect(siteConfig.safeParse(doc).success).toBe(true);
    expect(siteConfig.safeParse(toDocument(toForm(full), full)).success).toBe(true);
  });

  it('turns features off: DLP kept but disabled, health check removed, WAF back to defaults', () => {
    const f = toForm(full);
    f.dlp.enabled = false;
    f.healthCheck.enabled = false;
    f.waf.exclusions = [];
    const doc = toDocument(f, full);
    expect(doc.dlp).toMatchObject({ enabled: false, action: 'block' });
    expect(doc.healthCheck).toBeUndefined();
    expect((doc.waf as Record<string, unknown>).exclusions).toEqual([]);
  });

  it('names the rule whose extra conditions are not JSON', () => {
    const f = toForm(full);
    f.rules[1]!.more = '{not json';
    expect(() => toDocument(f, full)).toThrow(FormMappingError);
    try {
      toDocument(f, full);
    } catch (e) {
      expect((e as FormMappingError).field).toEqual(['rules', 1, 'more']);
    }
  });

  it('adds an exclusion for a rule id, optionally under a path, once', () => {
    const doc = { name: 'a', upstreams: ['http://127.0.0.1:1'] };
    const once = withExclusion(doc, '942100', '/search');
    expect(once).toEqual({ ...doc, waf: { exclusions: [{ id: 942100, path: '/search' }] } });
    expect(withExclusion(once, 942100, '/search')).toBe(once);
    expect(withExclusion(once, 941100)).toMatchObject({ waf: { exclusions: [{ id: 942100, path: '/search' }, { id: 941100 }] } });
    expect(siteConfig.safeParse(withExclusion(once, 941100)).success).toBe(true);
  });

  it('keeps certificate files and follows the form for managed certificates', () => {
    const doc = { name: 'a', upstreams: ['http://127.0.0.1:1'], tls: { certificates: [{ cert: 'a.crt', key: 'a.key' }, { certificate: 'old' }], clientAuth: 'none' } };
    const f = toForm(doc);
    expect(f.certificates).toEqual(['old']);
    f.certificates = ['shop', 'www'];
    expect(toDocument(f, doc).tls).toEqual({ certificates: [{ cert: 'a.crt', key: 'a.key' }, { certificate: 'shop' }, { certificate: 'www' }], clientAuth: 'none' });
    f.certificates = [];
    expect(toDocument(f, doc).tls).toEqual({ certificates: [{ cert: 'a.crt', key: 'a.key' }], clientAuth: 'none' });
    const plain = { name: 'b', upstreams: ['http://127.0.0.1:1'] };
    expect(toDocument(toForm(plain), plain).tls).toBeUndefined();
    const g = toForm(plain);
    g.certificates = ['shop'];
    expect(siteConfig.safeParse(toDocument(g, plain)).success).toBe(true);
    expect([expiryLevel(-1), expiryLevel(0), expiryLevel(30), expiryLevel(31)]).toEqual(['expired', 'soon', 'soon', 'ok']);
  });
});
