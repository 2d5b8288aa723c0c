import { overSection, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-WAF-103';

export const siteRateLimit: PlatformCheck = {
  id: ID,
  title: 'Every gateway site has a rate limit',
  severity: 'medium',
  source: 'platform',
  resourceTypes: ['bulwark:site'],
  rationale: 'Without a rate limit one client can brute-force sign-ins, scrape, or exhaust the origin (CC attacks).',
  remediation: {
    console: 'Gateway config: add `rateLimits: [{ key: ip, limit: 100, window: 10s }]` to the site (and a stricter one on sign-in paths).',
  },
  evaluate(s) {
    return overSection(ID, s.sites, 'site', (site) => result(ID, site.rateLimits > 0 ? 'pass' : 'fail', { id: `bulwark:site/${site.name}`, type: 'bulwark:site' }, site.rateLimits > 0 ? `${site.name} has ${site.rateLimits} rate limit(s)` : `${site.name} has no rate limit`, { rateLimits: site.rateLimits }));
  },
};
