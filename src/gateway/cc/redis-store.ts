import { Redis } from 'ioredis';
import type { Logger } from '../../core/logger.js';
import type { LimitSpec, LimitVerdict, RateLimiterStore } from './limiter.js';
import { MemoryRateLimiterStore } from './memory-store.js';

/**
 * Sliding-window log in a Redis sorted set, atomic in one Lua script, so every worker and every
 * gateway instance sharing the Redis sees the same count. The clock is Redis's own (TIME), so
 * gateway hosts with skewed clocks still agree.
 * KEYS[1] = window set, KEYS[2] = block flag; ARGV = limit, window ms, block ms, member.
 * Returns { allowed (1|0), retry after ms }.
 */
const SLIDING_WINDOW_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {0, blocked} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
if block > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', block)
  return {0, block}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`;

type SlidingWindowRedis = Redis & {
  bulwarkSlidingWindow(windowKey: string, blockKey: string, limit: number, windowMs: number, blockMs: number, member: string): Promise<[number, number]>;
};

export class RedisRateLimiterStore implements RateLimiterStore {
  private readonly redis: SlidingWindowRedis;
  /** Used while Redis is unreachable: limits keep holding per worker instead of failing open. */
  private readonly fallback = new MemoryRateLimiterStore();
  private warned = false;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    redis.on('error', (e: Error) => {
      if (!this.warned) logger?.warn({ err: e.message }, 'rate limit redis unavailable; using per-worker memory counters');
      this.warned = true;
    });
    redis.on('ready', () => {
      this.warned = false;
    });
    redis.defineCommand('bulwarkSlidingWindow', { numberOfKeys: 2, lua: SLIDING_WINDOW_LUA });
    this.redis = redis as SlidingWindowRedis;
  }

  /** Resolves once connected (or after `timeoutMs`, staying on the memory fallback meanwhile). */
  ready(timeoutMs = 3000): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.redis.once('ready', done);
    });
  }

  async hit(key: string, spec: LimitSpec, requestId: string): Promise<LimitVerdict> {
    if (this.redis.status !== 'ready') return this.fallback.hit(key, spec);
    try {
      const k = this.prefix + key;
      const [allowed, retry] = await this.redis.bulwarkSlidingWindow(`${k}:w`, `${k}:b`, spec.limit, spec.windowMs, spec.blockMs, requestId);
      return { allowed: allowed === 1, retryAfterMs: Math.max(0, retry) };
    } catch {
      return this.fallback.hit(key, spec);
    }
  }

  async close(): Promise<void> {
    await this.fallback.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
