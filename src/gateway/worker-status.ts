import type { GatewayStatus } from './gateway.js';

/** How often a cluster worker sends its status (listeners, upstream health) to the primary, in ms. */
export const WORKER_STATUS_INTERVAL_MS = 5000;

/**
 * The cluster's status from its workers' latest ones: listeners as the first worker sees them, and
 * per upstream `healthy` only when every worker that runs it sees it healthy (each worker checks on
 * its own), `ejected` when any worker ejected it, `inFlight` summed. `undefined` when no worker reported yet.
 */
export function mergeWorkerStatus(statuses: readonly GatewayStatus[]): GatewayStatus | undefined {
  const first = statuses[0];
  if (!first) return undefined;
  const sites = first.sites.map((site) => ({
    name: site.name,
    upstreams: site.upstreams.map((u) => {
      const same = statuses.map((s) => s.sites.find((x) => x.name === site.name)?.upstreams.find((x) => x.url === u.url)).filter((x) => x !== undefined);
      return { url: u.url, healthy: same.every((x) => x.healthy), ejected: same.some((x) => x.ejected), inFlight: same.reduce((n, x) => n + x.inFlight, 0) };
    }),
  }));
  return { listeners: first.listeners, sites };
}
