import { overSection, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-WAF-101';

export const siteHttps: PlatformCheck = {
  id: ID,
  title: 'Gateway sites are served over HTTPS only',
  severity: 'high',
  source: 'platform',
  resourceTypes: ['bulwark:site'],
  rationale: 'Plain HTTP exposes credentials, session cookies and data to anyone on the path; a TLS listener and a redirect from HTTP keep every request encrypted.',
  remediation: {
    console: 'Gateway config: add a listener with `tls: {cert, key}` and set `httpsRedirect: true` (and `hsts`) on the site.',
    cli: 'bulwark config check --gateway FILE   # after adding listen[].tls and sites[].httpsRedirect: true',
  },
  evaluate(s) {
    return overSection(ID, s.sites, 'site', (site) => {
      const ref = { id: `bulwark:site/${site.name}`, type: 'bulwark:site' };
      if (site.listeners === null) {
        const ok = site.certificates > 0 && site.httpsRedirect;
        return result(ID, ok ? 'pass' : 'fail', ref, ok ? `${site.name} has ${site.certificates} certificate(s) and redirects plain HTTP` : site.certificates === 0 ? `${site.name} has no TLS certificate` : `${site.name} does not redirect plain HTTP to HTTPS`, { certificates: site.certificates, httpsRedirect: site.httpsRedirect, hsts: site.hsts });
      }
      const tls = site.listeners.filter((l) => l.tls).map((l) => l.address);
      const plain = site.listeners.filter((l) => !l.tls).map((l) => l.address);
      const ok = tls.length > 0 && (plain.length === 0 || site.httpsRedirect);
      const message = tls.length === 0 ? `${site.name} has no TLS listener (served on ${plain.join(', ')} in plain HTTP)` : ok ? `${site.name} is served over TLS on ${tls.join(', ')}${plain.length > 0 ? ' and redirects plain HTTP' : ''}` : `${site.name} also answers plain HTTP on ${plain.join(', ')} without redirecting to HTTPS`;
      return result(ID, ok ? 'pass' : 'fail', ref, message, { tlsListeners: tls, plainListeners: plain, httpsRedirect: site.httpsRedirect, hsts: site.hsts });
    });
  },
};
