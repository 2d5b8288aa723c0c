import type { LimitSpec, LimitVerdict, RateLimiterStore } from './limiter.js';

/** Above this limit a key keeps two counters (approximate sliding window) instead of a timestamp ring. */
const EXACT_MAX = 1024;

interface Entry {
  /** Timestamps of the last `limit` accepted requests, a ring buffer. */
  ring: Float64Array;
  head: number;
  count: number;
  blockedUntil: number;
  lastSeen: number;
}

/**
 * Exact sliding-window log per key, in memory: a ring of the last `limit` accepted timestamps makes
 * each hit O(1) — a request is allowed when fewer than `limit` were accepted in the last window,
 * i.e. when the oldest of the last `limit` is older than the window. Idle keys are swept.
 */
export class MemoryRateLimiterStore implements RateLimiterStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 1_000_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  hit(key: string, spec: LimitSpec): LimitVerdict {
    const now = this.now();
    if (spec.limit > EXACT_MAX) return this.hitApprox(key, spec, now);
    let e = this.entries.get(key);
    if (!e || e.ring.length !== spec.limit) {
      if (!e && this.entries.size >= this.maxKeys) this.sweep(true);
      e = { ring: new Float64Array(spec.limit), head: 0, count: 0, blockedUntil: 0, lastSeen: now };
      this.entries.set(key, e);
    }
    e.lastSeen = now;
    if (e.blockedUntil > now) return { allowed: false, retryAfterMs: e.blockedUntil - now };
    if (e.count < spec.limit) {
      e.ring[(e.head + e.count) % spec.limit] = now;
      e.count++;
      return { allowed: true, retryAfterMs: 0 };
    }
    const oldest = e.ring[e.head] as number;
    if (oldest <= now - spec.windowMs) {
      e.ring[e.head] = now;
      e.head = (e.head + 1) % spec.limit;
      return { allowed: true, retryAfterMs: 0 };
    }
    if (spec.blockMs > 0) {
      e.blockedUntil = now + spec.blockMs;
      return { allowed: false, retryAfterMs: spec.blockMs };
    }
    return { allowed: false, retryAfterMs: oldest + spec.windowMs - now };
  }

  /**
   * Large limits: the previous and current fixed windows, the previous one weighted by how much of
   * it still overlaps the sliding window (as Cloudflare and nginx-style limiters do). O(1) memory.
   */
  private hitApprox(key: string, spec: LimitSpec, now: number): LimitVerdict {
    let e = this.entries.get(key);
    if (!e || e.ring.length !== 3) {
      if (!e && this.entries.size >= this.maxKeys) this.sweep(true);
      e = { ring: new Float64Array(3), head: 0, count: 0, blockedUntil: 0, lastSeen: now };
      this.entries.set(key, e);
    }
    e.lastSeen = now;
    if (e.blockedUntil > now) return { allowed: false, retryAfterMs: e.blockedUntil - now };
    const windowIndex = Math.floor(now / spec.windowMs);
    const ring = e.ring; // [window index, previous count, current count]
    if (ring[0] !== windowIndex) {
      ring[1] = ring[0] === windowIndex - 1 ? (ring[2] as number) : 0;
      ring[2] = 0;
      ring[0] = windowIndex;
    }
    const elapsed = (now % spec.windowMs) / spec.windowMs;
    const estimate = (ring[1] as number) * (1 - elapsed) + (ring[2] as number);
    if (estimate < spec.limit) {
      ring[2] = (ring[2] as number) + 1;
      return { allowed: true, retryAfterMs: 0 };
    }
    if (spec.blockMs > 0) {
      e.blockedUntil = now + spec.blockMs;
      return { allowed: false, retryAfterMs: spec.blockMs };
    }
    return { allowed: false, retryAfterMs: Math.max(1, spec.windowMs - (now % spec.windowMs)) };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops keys idle for 10 minutes (or, under memory pressure, the older half). */
  sweep(pressure = false): void {
    const cutoff = this.now() - 600_000;
    for (const [k, e] of this.entries) if (e.lastSeen < cutoff && e.blockedUntil < this.now()) this.entries.delete(k);
    if (pressure && this.entries.size >= this.maxKeys) {
      let drop = this.entries.size / 2;
      for (const k of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(k);
      }
    }
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
    return Promise.resolve();
  }
}
