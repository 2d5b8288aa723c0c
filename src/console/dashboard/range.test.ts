import { describe, expect, it } from 'vitest';
import { alignCounts, bucketKeys, dashboardInput, intervalFor, MAX_BUCKETS, resolveRange } from './range.js';

const NOW = Date.parse('2026-11-28T12:34:56Z');
const MIN = 60_000;

describe('dashboard range', () => {
  it('picks the smallest interval that keeps a series within the chart width', () => {
    expect(intervalFor(60 * MIN)).toBe(MIN);
    expect(intervalFor(24 * 60 * MIN)).toBe(30 * MIN);
    expect(intervalFor(7 * 24 * 60 * MIN)).toBe(180 * MIN);
    expect(intervalFor(30 * 24 * 60 * MIN)).toBe(720 * MIN);
    expect(intervalFor(90 * 24 * 60 * MIN)).toBe(1440 * MIN);
    for (const span of [15 * MIN, 6 * 60 * MIN, 3 * 24 * 60 * MIN]) expect(Math.ceil(span / intervalFor(span))).toBeLessThanOrEqual(MAX_BUCKETS);
  });

  it('resolves relative and absolute bounds, and names the field of a bad range', () => {
    expect(resolveRange({ from: '-1h', to: 'now' }, NOW)).toEqual({ from: NOW - 60 * MIN, to: NOW, intervalMs: MIN });
    expect(resolveRange({ from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' }, NOW).intervalMs).toBe(180 * MIN);
    expect(() => resolveRange({ from: 'now', to: '-1h' }, NOW)).toThrow(expect.objectContaining({ code: 'InvalidParameter', params: expect.objectContaining({ field: 'from' }) }));
    expect(() => resolveRange({ from: 'yesterday', to: 'now' }, NOW)).toThrow(expect.objectContaining({ params: expect.objectContaining({ field: 'from' }) }));
    expect(() => resolveRange({ from: '-500d', to: 'now' }, NOW)).toThrow(expect.objectContaining({ params: expect.objectContaining({ field: 'from' }) }));
    expect(dashboardInput.safeParse({ from: '-1h', extra: 1 }).success).toBe(false);
    expect(dashboardInput.parse({})).toEqual({ from: '-24h', to: 'now', top: 10 });
  });

  it('lays buckets on interval boundaries and fills empty ones with zero', () => {
    const range = { from: NOW - 60 * MIN, to: NOW, intervalMs: 15 * MIN };
    const keys = bucketKeys(range);
    expect(keys).toHaveLength(5);
    expect(new Date(keys[0]!).toISOString()).toBe('2026-11-28T11:30:00.000Z');
    expect(alignCounts(keys, [{ key: keys[2]!, count: 7 }])).toEqual([0, 0, 7, 0, 0]);
  });
});
