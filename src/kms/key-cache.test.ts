import { describe, expect, it } from 'vitest';
import { KeyCache } from './key-cache.js';
import type { KmsTables } from './tables.js';

type KeyRow = KmsTables['kms_keys'];
const row = (state: string): KeyRow => ({ id: 'k1', account_id: 'a', region: 'r', state } as KeyRow);

describe('KeyCache', () => {
  it('answers a repeated lookup without loading again, until invalidated', async () => {
    const cache = new KeyCache();
    let loads = 0;
    const load = async () => (loads++, row('Enabled'));
    expect((await cache.key('a', 'r', 'k1', load))?.state).toBe('Enabled');
    expect((await cache.key('a', 'r', 'k1', load))?.state).toBe('Enabled');
    expect(loads).toBe(1);
    // another account or region is another entry
    await cache.key('b', 'r', 'k1', load);
    expect(loads).toBe(2);
    cache.invalidate();
    await cache.key('a', 'r', 'k1', async () => (loads++, row('Disabled')));
    expect((await cache.key('a', 'r', 'k1', load))?.state).toBe('Disabled');
    expect(loads).toBe(3);
  });

  it('does not keep what a lookup read while the cache was invalidated', async () => {
    const cache = new KeyCache();
    let release!: () => void;
    const slow = cache.key('a', 'r', 'k1', () => new Promise<KeyRow>((resolve) => (release = () => resolve(row('Enabled')))));
    cache.invalidate(); // a change was written while the lookup ran
    release();
    expect((await slow)?.state).toBe('Enabled');
    expect((await cache.key('a', 'r', 'k1', async () => row('Disabled')))?.state).toBe('Disabled');
  });

  it('reads again after the lifetime (changes made by another process) and never caches a miss', async () => {
    let t = 0;
    const cache = new KeyCache(1000, 10, () => t);
    await cache.key('a', 'r', 'k1', async () => row('Enabled'));
    t = 999;
    expect((await cache.key('a', 'r', 'k1', async () => row('Disabled')))?.state).toBe('Enabled');
    t = 1000;
    expect((await cache.key('a', 'r', 'k1', async () => row('Disabled')))?.state).toBe('Disabled');
    expect(await cache.alias('a', 'r', 'alias/x', async () => undefined)).toBeUndefined();
    expect(await cache.alias('a', 'r', 'alias/x', async () => 'k1')).toBe('k1');
  });

  it('hands out frozen rows and keeps at most maxEntries', async () => {
    const cache = new KeyCache(1000, 2);
    const got = (await cache.key('a', 'r', 'k1', async () => row('Enabled')))!;
    expect(Object.isFrozen(got)).toBe(true);
    let loads = 0;
    for (const id of ['k2', 'k3']) await cache.key('a', 'r', id, async () => (loads++, row('Enabled')));
    await cache.key('a', 'r', 'k1', async () => (loads++, row('Enabled')));
    expect(loads).toBe(3); // k1 was dropped for k3
  });
});
