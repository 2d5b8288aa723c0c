import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { config, gateway, http, startOrigin } from '../test-support/harness.js';
import { MemoryRateLimiterStore } from './memory-store.js';
import { RedisRateLimiterStore } from './redis-store.js';

const REDIS = process.env.BULWARK_REDIS_URL ?? 'redis://127.0.0.1:6379';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

describe('MemoryRateLimiterStore', () => {
  it('is an exact sliding window with an optional block period', () => {
    let now = 1_000_000;
    const store = new MemoryRateLimiterStore(() => now);
    cleanup.push(() => store.close());
    const spec = { limit: 3, windowMs: 1000, blockMs: 0 };
    const hits = (): boolean[] => [0, 1, 2, 3].map(() => store.hit('k', spec).allowed);
    expect(hits()).toEqual([true, true, true, false]);
    now += 500;
    expect(store.hit('k', spec)).toEqual({ allowed: false, retryAfterMs: 500 });
    now += 500; // the first three leave the window together
    expect(hits()).toEqual([true, true, true, false]);
    const blocking = { limit: 1, windowMs: 1000, blockMs: 5000 };
    expect(store.hit('b', blocking).allowed).toBe(true);
    expect(store.hit('b', blocking)).toEqual({ allowed: false, retryAfterMs: 5000 });
    now += 2000; // window over, block still on
    expect(store.hit('b', blocking).allowed).toBe(false);
    now += 3001;
    expect(store.hit('b', blocking).allowed).toBe(true);
  });
});

describe('MemoryRateLimiterStore with large limits', () => {
  it('switches to a two-counter approximate window with O(1) memory', () => {
    let now = 10_000; // start of a window
    const store = new MemoryRateLimiterStore(() => now);
    cleanup.push(() => store.close());
    const spec = { limit: 2000, windowMs: 1000, blockMs: 0 };
    let allowed = 0;
    for (let i = 0; i < 2500; i++) if (store.hit('big', spec).allowed) allowed++;
    expect(allowed).toBe(2000);
    now += 1500; // half of the previous window still weighs in: 2000 * 0.5 = 1000 left
    allowed = 0;
    for (let i = 0; i < 2500; i++) if (store.hit('big', spec).allowed) allowed++;
    expect(allowed).toBe(1000);
  });
});

describe('RedisRateLimiterStore', () => {
  it('shares one sliding window between stores (atomic Lua) and honours the block period', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = new RedisRateLimiterStore(REDIS, prefix);
    const b = new RedisRateLimiterStore(REDIS, prefix);
    cleanup.push(() => a.close(), () => b.close());
    await Promise.all([a.ready(), b.ready()]);
    const spec = { limit: 10, windowMs: 60_000, blockMs: 0 };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).hit('k', spec, `r${i}`)));
    expect(results.filter((r) => r.allowed).length).toBe(10);
    expect(results.find((r) => !r.allowed)!.retryAfterMs).toBeGreaterThan(50_000);
    const blocking = { limit: 1, windowMs: 60_000, blockMs: 30_000 };
    expect((await a.hit('blk', blocking, 'x1')).allowed).toBe(true);
    const denied = await b.hit('blk', blocking, 'x2');
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBeGreaterThan(29_000);
  });

  it('holds a combined limit across two gateways on one Redis', async () => {
    const origin = await startOrigin('o');
    cleanup.push(() => origin.stop());
    const redisPrefix = `test:${randomUUID().slice(0, 8)}:`;
    const cfg = config({ redisUrl: REDIS, redisPrefix, sites: [{ name: 's', upstreams: [origin.url], rateLimits: [{ key: 'ip', limit: 12, window: '60s' }] }] });
    const g1 = await gateway(cfg);
    const g2 = await gateway(cfg);
    cleanup.push(() => g1.gw.stop(), () => g2.gw.stop());
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => http(`${(i % 2 === 0 ? g1 : g2).url}/x`).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200).length).toBe(12);
    expect(statuses.filter((s) => s === 429).length).toBe(18);
    expect(origin.seen.length).toBe(12);
  });
});
