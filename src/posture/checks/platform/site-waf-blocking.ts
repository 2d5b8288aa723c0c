import { overSection, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-WAF-102';

export const siteWafBlocking: PlatformCheck = {
  id: ID,
  title: 'The WAF blocks attacks on every gateway site',
  severity: 'high',
  source: 'platform',
  resourceTypes: ['bulwark:site'],
  rationale: 'A WAF that is off or only detecting lets SQL injection, XSS and other attacks reach the application; detect mode is for tuning, not for production.',
  remediation: {
    console: 'Gateway config: set `waf: { mode: block, crs: <CRS folder> }` on the site after tuning exclusions in detect mode.',
    cli: 'bulwark waf test-crs   # confirm the CRS set-up, then switch sites[].waf.mode to block',
  },
  evaluate(s) {
    return overSection(ID, s.sites, 'site', (site) => result(ID, site.wafMode === 'block' ? 'pass' : 'fail', { id: `bulwark:site/${site.name}`, type: 'bulwark:site' }, `${site.name} has the WAF in ${site.wafMode} mode`, { wafMode: site.wafMode }));
  },
};
