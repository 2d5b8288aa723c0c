import type { Kysely } from 'kysely';
import { siteConfig, type GatewayConfig, type SiteConfig } from '../../config/gateway.js';
import { loadGatewayConfig } from '../../gateway/load-config.js';
import type { SitesTables } from '../../sites/tables.js';
import type { Section, SiteState } from './snapshot.js';

function siteState(s: SiteConfig, listeners: SiteState['listeners']): SiteState {
  return { name: s.name, hosts: s.hosts, listeners, certificates: s.tls?.certificates.length ?? 0, httpsRedirect: s.httpsRedirect, hsts: s.hsts !== undefined, wafMode: s.waf.mode, rateLimits: s.rateLimits.length };
}

/** The sites of a standalone gateway configuration (every site is served on every listener). */
export function sitesFromGatewayConfig(config: GatewayConfig): SiteState[] {
  const listeners = config.listen.map((l) => ({ address: l.address, tls: l.tls !== undefined }));
  return config.sites.map((s) => siteState(s, listeners));
}

/**
 * Sites to check: the account's managed sites (stored on the server; their listeners belong to each
 * gateway, so HTTPS is judged from site certificates and the redirect) plus, when given, the sites
 * of a standalone gateway YAML (`--gateway-config FILE`, validated as `bulwark gateway` does).
 */
export async function readSites(db: Kysely<SitesTables>, accountId: string, gatewayConfigFile: string | undefined): Promise<Section<SiteState>> {
  const rows = await db.selectFrom('gateway_sites').select(['name', 'document']).where('account_id', '=', accountId).orderBy('name').execute();
  const managed = rows.flatMap((r) => {
    const parsed = siteConfig.safeParse(JSON.parse(r.document));
    return parsed.success ? [siteState(parsed.data, null)] : [];
  });
  const standalone = gatewayConfigFile === undefined ? [] : sitesFromGatewayConfig(loadGatewayConfig(gatewayConfigFile, {}).config);
  const source = ['gateway_sites', ...(gatewayConfigFile === undefined ? [] : [gatewayConfigFile])].join(' + ');
  return { available: true, source, items: [...managed, ...standalone] };
}
