import type { GatewayConfig } from '../../config/gateway.js';
import { loadGatewayConfig } from '../../gateway/load-config.js';
import type { Section, SiteState } from './snapshot.js';

/** The sites of a standalone gateway configuration (every site is served on every listener). */
export function sitesFromGatewayConfig(config: GatewayConfig): SiteState[] {
  const listeners = config.listen.map((l) => ({ address: l.address, tls: l.tls !== undefined }));
  return config.sites.map((s) => ({
    name: s.name,
    hosts: s.hosts,
    listeners,
    certificates: s.tls?.certificates.length ?? 0,
    httpsRedirect: s.httpsRedirect,
    hsts: s.hsts !== undefined,
    wafMode: s.waf.mode,
    rateLimits: s.rateLimits.length,
  }));
}

/**
 * Sites to check: the server has no site store yet (managed gateways are not built), so sites come
 * from a gateway YAML (`--gateway-config FILE`, validated like `bulwark gateway` does); without one
 * the site checks are not applicable.
 */
export function readSites(gatewayConfigFile: string | undefined): Section<SiteState> {
  if (gatewayConfigFile === undefined) return { available: false, reason: 'no gateway configuration given (--gateway-config FILE); managed sites are not stored by the server yet' };
  const { config } = loadGatewayConfig(gatewayConfigFile, {});
  return { available: true, source: gatewayConfigFile, items: sitesFromGatewayConfig(config) };
}
