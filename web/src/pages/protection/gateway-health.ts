import type { GatewayView } from './sites-api.js';

/** One upstream's health across the online gateways that report it. */
export interface UpstreamHealth {
  /** Online gateways reporting health for this upstream, and how many of them see it healthy (and not ejected). */
  healthy: number;
  reporting: number;
  /** Online gateways serving the site without reporting health (several workers). */
  unknown: number;
}

const normal = (url: string): string => url.replace(/\/$/, '');

/** Sums what the online gateways report about `url` of site `site`. */
export function upstreamHealth(gateways: readonly GatewayView[], site: string, url: string): UpstreamHealth {
  const out: UpstreamHealth = { healthy: 0, reporting: 0, unknown: 0 };
  for (const g of gateways) {
    if (!g.online) continue;
    const u = g.sites.find((s) => s.name === site)?.upstreams.find((x) => normal(x.url) === normal(url));
    if (!u) continue;
    if (g.health === 'unknown' || u.healthy === undefined) out.unknown++;
    else {
      out.reporting++;
      if (u.healthy && u.ejected !== true) out.healthy++;
    }
  }
  return out;
}
