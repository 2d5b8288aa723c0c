import type { FieldValue } from '../../events/event.js';
import { literal, type Expr } from '../../events/query/ast.js';
import type { AggregationResult, EventStore } from '../../events/store/event-store.js';
import { alignCounts, bucketKeys, type DashboardRange } from './range.js';

/** Attack classes shown as their own series; the rest (and unclassified attacks) are `other`. */
const MAX_CATEGORIES = 8;
export const OTHER_CATEGORY = 'other';

export interface TrafficSection {
  /** gateway requests in the range */
  requests: number;
  blocked: number;
  passed: number;
  /** requests a WAF rule, access rule or limit matched (`event.kind: alert`) */
  attacks: number;
  /** distinct source addresses of those */
  attackers: number;
  /** bucket start times (epoch ms) shared by every series below */
  buckets: number[];
  blockedOverTime: number[];
  passedOverTime: number[];
  /** attacks per class over time, biggest class first; `other` last */
  attacksOverTime: Array<{ category: string; counts: number[] }>;
  attackTypes: Array<{ category: string; count: number }>;
  topSources: Array<{ ip: string; count: number }>;
  topTargets: Array<{ site: string; path: string; count: number }>;
}

const term = (name: string, value: string | boolean): Expr => ({ kind: 'term', field: { kind: 'schema', name }, pattern: literal(String(value)), caseInsensitive: false, column: 0 });
const and = (...items: Expr[]): Expr => ({ kind: 'and', items });

function histogram(aggs: readonly AggregationResult[]): ReadonlyArray<{ key: number; count: number }> {
  const h = aggs.find((a) => a.kind === 'date_histogram');
  return h?.kind === 'date_histogram' ? h.buckets : [];
}

function termBuckets(aggs: readonly AggregationResult[], field: string): ReadonlyArray<{ key: FieldValue; count: number }> {
  const t = aggs.find((a) => a.kind === 'terms' && a.field === field);
  return t?.kind === 'terms' ? t.buckets : [];
}

/**
 * What the gateways saw in the range, for one account: requests blocked and passed over time,
 * attacks by class over time (`rule.category` of the access events), the top attacking addresses and
 * the most attacked site paths. Every figure is an aggregation of the event store.
 */
export async function trafficSection(store: EventStore, accountId: string, range: DashboardRange, top: number): Promise<TrafficSection> {
  const { from, to, intervalMs } = range;
  const keys = bucketKeys(range);
  const gateway = and(term('cloud.account.id', accountId), term('event.dataset', 'bulwark.gateway'));
  const attacks = and(gateway, term('event.kind', 'alert'));
  const over = { kind: 'date_histogram', intervalMs } as const;

  const all = await store.search({ query: gateway, from, to, size: 0, aggregations: [over, { kind: 'terms', field: { kind: 'schema', name: 'bulwark.blocked' }, size: 2 }] });
  const blockedRun = await store.search({ query: and(gateway, term('bulwark.blocked', true)), from, to, size: 0, trackTotal: false, aggregations: [over] });
  const totalOverTime = alignCounts(keys, histogram(all.aggregations));
  const blockedOverTime = alignCounts(keys, histogram(blockedRun.aggregations));
  const blocked = termBuckets(all.aggregations, 'bulwark.blocked').find((b) => b.key === true)?.count ?? 0;

  const hits = await store.search({
    query: attacks,
    from,
    to,
    size: 0,
    aggregations: [over, { kind: 'terms', field: { kind: 'schema', name: 'rule.category' }, size: MAX_CATEGORIES }, { kind: 'cardinality', field: { kind: 'schema', name: 'source.ip' } }],
  });
  const attacksOverTime: TrafficSection['attacksOverTime'] = [];
  const remaining = alignCounts(keys, histogram(hits.aggregations));
  const attackTypes: TrafficSection['attackTypes'] = [];
  for (const b of termBuckets(hits.aggregations, 'rule.category')) {
    const category = String(b.key);
    const run = await store.search({ query: and(attacks, term('rule.category', category)), from, to, size: 0, trackTotal: false, aggregations: [over] });
    const counts = alignCounts(keys, histogram(run.aggregations));
    counts.forEach((c, i) => (remaining[i] = (remaining[i] as number) - c));
    attacksOverTime.push({ category, counts });
    attackTypes.push({ category, count: b.count });
  }
  const other = hits.total - attackTypes.reduce((n, t) => n + t.count, 0);
  if (other > 0) {
    attacksOverTime.push({ category: OTHER_CATEGORY, counts: remaining });
    attackTypes.push({ category: OTHER_CATEGORY, count: other });
  }
  const cardinality = hits.aggregations.find((a) => a.kind === 'cardinality');

  const sources = await store.groupCount({ query: attacks, from, to, groupBy: [{ kind: 'schema', name: 'source.ip' }], limit: top + 1 });
  const targets = await store.groupCount({ query: attacks, from, to, groupBy: [{ kind: 'schema', name: 'bulwark.site' }, { kind: 'schema', name: 'url.path' }], limit: top });
  return {
    requests: all.total,
    blocked,
    passed: all.total - blocked,
    attacks: hits.total,
    attackers: cardinality?.kind === 'cardinality' ? cardinality.value : 0,
    buckets: keys,
    blockedOverTime,
    passedOverTime: totalOverTime.map((n, i) => n - (blockedOverTime[i] as number)),
    attacksOverTime,
    attackTypes,
    // events without a source address group as null: not an attacker to list
    topSources: sources.filter((s) => s.values[0] !== null).slice(0, top).map((s) => ({ ip: String(s.values[0]), count: s.count })),
    topTargets: targets.map((t) => ({ site: t.values[0] === null ? '' : String(t.values[0]), path: t.values[1] === null ? '' : String(t.values[1]), count: t.count })),
  };
}
