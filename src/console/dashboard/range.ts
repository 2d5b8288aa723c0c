import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { parseTime } from '../../events/query/aggregations.js';

/** The dashboard's request body: a time range in the events grammar (`-24h`, `now`, ISO dates). */
export const dashboardInput = z
  .object({
    from: z.string().min(1).max(64).default('-24h'),
    to: z.string().min(1).max(64).default('now'),
    /** rows in the "top" lists (source IPs, targets) */
    top: z.number().int().min(1).max(50).default(10),
  })
  .strict();
export type DashboardInput = z.output<typeof dashboardInput>;

/** A resolved range: epoch ms bounds and the histogram interval. */
export interface DashboardRange {
  from: number;
  to: number;
  intervalMs: number;
}

const MINUTE = 60_000;
/** Histogram intervals, each dividing a day (buckets stay aligned to UTC midnight). */
const INTERVALS = [MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE, 180 * MINUTE, 360 * MINUTE, 720 * MINUTE, 1440 * MINUTE];
/** At most this many whole buckets per series (more would not fit a chart's width), plus a partial first one. */
export const MAX_BUCKETS = 60;
/** The longest range a dashboard covers. */
const MAX_RANGE_MS = 400 * 86_400_000;

/** The smallest interval that keeps the range within MAX_BUCKETS buckets (a day at most). */
export function intervalFor(spanMs: number): number {
  return INTERVALS.find((i) => Math.ceil(spanMs / i) <= MAX_BUCKETS) ?? (INTERVALS[INTERVALS.length - 1] as number);
}

/** Resolves `from`/`to` against `now`; an empty, inverted or too long range names the field. */
export function resolveRange(input: Pick<DashboardInput, 'from' | 'to'>, now: number): DashboardRange {
  const from = parseTime(input.from, now, 'from');
  const to = parseTime(input.to, now, 'to');
  if (from >= to) throw new BulwarkError('InvalidParameter', { field: 'from', reason: 'must be before to' });
  if (to - from > MAX_RANGE_MS) throw new BulwarkError('InvalidParameter', { field: 'from', reason: 'the range may span at most 400 days' });
  return { from, to, intervalMs: intervalFor(to - from) };
}

/** Bucket keys (epoch ms, aligned to the interval) covering the range, oldest first. */
export function bucketKeys(range: DashboardRange): number[] {
  const keys: number[] = [];
  for (let k = Math.floor(range.from / range.intervalMs) * range.intervalMs; k < range.to; k += range.intervalMs) keys.push(k);
  return keys;
}

/** Histogram buckets as counts per key of `keys` (missing buckets are zero). */
export function alignCounts(keys: readonly number[], buckets: ReadonlyArray<{ key: number; count: number }>): number[] {
  const byKey = new Map(buckets.map((b) => [b.key, b.count]));
  return keys.map((k) => byKey.get(k) ?? 0);
}
