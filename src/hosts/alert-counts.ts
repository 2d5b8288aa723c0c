import type { Logger } from '../core/logger.js';
import type { AlertCounts } from './host-summary.js';
import { RISK_WEIGHTS } from './risk.js';

/** The event store's search, as the hosts context uses it (`EventService.search`). */
export interface HostAlertSource {
  search(raw: unknown, accountId?: string): Promise<{ aggregations: ReadonlyArray<{ kind: string; buckets?: ReadonlyArray<{ key: unknown; count: number }> }> }>;
}

function byHost(result: Awaited<ReturnType<HostAlertSource['search']>>): Map<string, number> {
  const agg = result.aggregations[0];
  return new Map((agg?.buckets ?? []).map((b) => [String(b.key), b.count]));
}

/**
 * Intrusion alerts of the last 7 days per host of an account (all of them, and those with severity ≥ 73),
 * counted by the event store; null when it cannot answer (the risk score then leaves them out).
 */
export async function alertCounts(source: HostAlertSource | undefined, accountId: string, logger: Logger, hostId?: string): Promise<AlertCounts | null> {
  if (!source) return null;
  const { days, highSeverity } = RISK_WEIGHTS.intrusions;
  // failed baseline checks are alerts too, but they count in the baseline part already
  const base = `event.kind:alert AND NOT event.dataset:agent.baseline${hostId ? ` AND host.id:${hostId}` : ''}`;
  const search = (query: string) => source.search({ query, from: `-${days}d`, size: 0, aggs: ['terms:host.id:1000'] }, accountId);
  try {
    const [all, high] = await Promise.all([search(base), search(`${base} AND event.severity>=${highSeverity}`)]);
    const highs = byHost(high);
    return new Map([...byHost(all)].map(([id, total]) => [id, { total, high: highs.get(id) ?? 0 }]));
  } catch (e) {
    logger.warn({ err: e, account: accountId }, 'host alert counts unavailable');
    return null;
  }
}
