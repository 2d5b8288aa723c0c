/** Result of counting one request against a sliding-window limit. */
export interface LimitVerdict {
  allowed: boolean;
  /** Milliseconds until a request with this key may succeed again (0 when allowed). */
  retryAfterMs: number;
}

export interface LimitSpec {
  limit: number;
  windowMs: number;
  blockMs: number;
}

/** Counts requests per key in a sliding window; in memory per worker or shared through Redis. */
export interface RateLimiterStore {
  hit(key: string, spec: LimitSpec, requestId: string): LimitVerdict | Promise<LimitVerdict>;
  close(): Promise<void>;
}
