import { trimOldest } from './bounded-map.js';

/**
 * Leaky-bucket scenarios, in the manner of CrowdSec's: events are poured into one bucket per group
 * key; a bucket leaks one event every `leakMs`; when it holds more than `capacity` events it
 * overflows, the caller gets the events that filled it (the explanation of the decision) and the
 * bucket starts empty again. With `distinct`, an event whose distinct key is already in the bucket
 * is ignored (e.g. count distinct user names per source IP to see password spraying).
 *
 * Time comes from the events (`at`, epoch ms), not a wall clock, so a log replayed offline gives the
 * same results as the live stream. Memory is bounded: a bucket holds at most `capacity` + 1 events,
 * empty buckets are swept every `SWEEP_EVERY` pours and at most `maxBuckets` are kept per scenario
 * (the least recently poured go first). Every pour is O(1) amortised.
 * Used by the agent's SSH detector and the server's reputation scoring alike.
 */
export interface Scenario<E> {
  /** stable name, e.g. `ssh-bruteforce`; shows in overflows */
  readonly name: string;
  /** events a bucket holds without overflowing (it overflows on event capacity + 1) */
  readonly capacity: number;
  /** one event leaks out every `leakMs` milliseconds */
  readonly leakMs: number;
  /** the bucket an event goes to; undefined: this scenario ignores the event */
  readonly groupBy: (event: E) => string | undefined;
  /** optional: only events with a key not yet in the bucket count */
  readonly distinct?: (event: E) => string | undefined;
  /** optional pre-filter; false: ignored */
  readonly filter?: (event: E) => boolean;
  /** after an overflow, the same group does not overflow again for this long (default: 0) */
  readonly blackholeMs?: number;
}

export interface PouredEvent<E> {
  readonly event: E;
  readonly at: number;
}

export interface Overflow<E> {
  readonly scenario: string;
  /** the group key (e.g. the source IP) */
  readonly key: string;
  readonly at: number;
  /** the events that filled the bucket, oldest first (capacity + 1 of them) */
  readonly events: ReadonlyArray<PouredEvent<E>>;
  /** the distinct keys counted, when the scenario has `distinct` */
  readonly distinctKeys?: readonly string[];
}

interface Bucket<E> {
  queue: Array<PouredEvent<E> & { distinct: string | undefined }>;
  /** time from which the next leak is counted */
  leakFrom: number;
  /** no overflow before this time (blackhole) */
  quietUntil: number;
}

export const DEFAULT_MAX_BUCKETS = 100_000;
/** pours between two sweeps of leaked-empty buckets */
export const SWEEP_EVERY = 10_000;

export class LeakyBucketEngine<E> {
  private readonly buckets: Map<string, Bucket<E>>[];
  private pours = 0;

  constructor(
    readonly scenarios: ReadonlyArray<Scenario<E>>,
    private readonly maxBuckets = DEFAULT_MAX_BUCKETS,
  ) {
    for (const s of scenarios) {
      if (!Number.isInteger(s.capacity) || s.capacity < 0) throw new RangeError(`scenario ${s.name}: capacity must be a non-negative integer`);
      if (!(s.leakMs > 0)) throw new RangeError(`scenario ${s.name}: leakMs must be positive`);
    }
    this.buckets = scenarios.map(() => new Map());
  }

  /** Pours one event into every scenario that takes it; returns the overflows it caused. */
  pour(event: E, at: number): Array<Overflow<E>> {
    if (++this.pours % SWEEP_EVERY === 0) this.sweep(at);
    const overflows: Array<Overflow<E>> = [];
    this.scenarios.forEach((scenario, i) => {
      if (scenario.filter && !scenario.filter(event)) return;
      const key = scenario.groupBy(event);
      if (key === undefined) return;
      const overflow = this.pourInto(scenario, this.buckets[i]!, key, event, at);
      if (overflow) overflows.push(overflow);
    });
    return overflows;
  }

  /** Number of live buckets (all scenarios). */
  get size(): number {
    return this.buckets.reduce((n, m) => n + m.size, 0);
  }

  /** Drops buckets that have leaked empty and whose blackhole is over by `now`. */
  sweep(now: number): void {
    this.scenarios.forEach((scenario, i) => {
      for (const [key, bucket] of this.buckets[i]!) {
        leak(bucket, scenario.leakMs, now);
        if (bucket.queue.length === 0 && bucket.quietUntil <= now) this.buckets[i]!.delete(key);
      }
    });
  }

  private pourInto(scenario: Scenario<E>, buckets: Map<string, Bucket<E>>, key: string, event: E, at: number): Overflow<E> | undefined {
    let bucket = buckets.get(key);
    if (bucket) buckets.delete(key); // re-inserted below: Map order is least recently poured first
    else bucket = { queue: [], leakFrom: at, quietUntil: 0 };
    buckets.set(key, bucket);
    // over the limit: the least recently poured buckets go
    trimOldest(buckets, this.maxBuckets);
    leak(bucket, scenario.leakMs, at);
    const distinct = scenario.distinct?.(event);
    if (scenario.distinct) {
      if (distinct === undefined) return undefined;
      if (bucket.queue.some((q) => q.distinct === distinct)) return undefined;
    }
    if (bucket.queue.length === 0) bucket.leakFrom = at;
    bucket.queue.push({ event, at, distinct });
    if (bucket.queue.length <= scenario.capacity) return undefined;
    const events = bucket.queue.map(({ event: e, at: t }) => ({ event: e, at: t }));
    const distinctKeys = scenario.distinct ? bucket.queue.map((q) => q.distinct!) : undefined;
    bucket.queue = [];
    if (at < bucket.quietUntil) return undefined;
    bucket.quietUntil = at + (scenario.blackholeMs ?? 0);
    return { scenario: scenario.name, key, at, events, ...(distinctKeys ? { distinctKeys } : {}) };
  }

}

function leak<E>(bucket: Bucket<E>, leakMs: number, now: number): void {
  if (bucket.queue.length === 0 || now <= bucket.leakFrom) return;
  const leaked = Math.floor((now - bucket.leakFrom) / leakMs);
  if (leaked === 0) return;
  bucket.queue.splice(0, leaked);
  bucket.leakFrom = bucket.queue.length === 0 ? now : bucket.leakFrom + leaked * leakMs;
}
