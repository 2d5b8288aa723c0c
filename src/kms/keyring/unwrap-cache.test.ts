import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFileKeyring } from './file.js';
import type { Keyring } from './keyring.js';
import { withUnwrapCache } from './unwrap-cache.js';

/** The file keyring, counting unwraps. */
function counted(): { ring: Keyring; unwraps: () => number } {
  const inner = createFileKeyring(randomBytes(32));
  let n = 0;
  return {
    ring: { ...inner, unwrap: (w, c) => ((n += 1), inner.unwrap(w, c)) },
    unwraps: () => n,
  };
}

describe('unwrap cache', () => {
  it('unwraps a version once within its lifetime and hands out copies the caller may zero', async () => {
    const { ring, unwraps } = counted();
    let t = 0;
    const cached = withUnwrapCache(ring, { ttlMs: 1000, maxEntries: 10, now: () => t });
    const material = randomBytes(32);
    const wrapped = await cached.wrap(material, 'key/a/version/1');
    const first = await cached.unwrap(wrapped, 'key/a/version/1');
    first.fill(0);
    t = 999;
    expect(await cached.unwrap(wrapped, 'key/a/version/1')).toEqual(material);
    expect(unwraps()).toBe(1);
    t = 1000; // expired: unwrapped again
    expect(await cached.unwrap(wrapped, 'key/a/version/1')).toEqual(material);
    expect(unwraps()).toBe(2);
    await cached.close();
  });

  it('keys entries by wrapped bytes and context: other material or another context is never served from the cache', async () => {
    const { ring, unwraps } = counted();
    const cached = withUnwrapCache(ring, { ttlMs: 60_000, maxEntries: 10 });
    const a = randomBytes(32);
    const b = randomBytes(32);
    const wa = await cached.wrap(a, 'key/k/version/1');
    const wb = await cached.wrap(b, 'key/k/version/1'); // re-imported material of the same version
    expect(await cached.unwrap(wa, 'key/k/version/1')).toEqual(a);
    expect(await cached.unwrap(wb, 'key/k/version/1')).toEqual(b);
    // moving wrapped material to another key still fails (the context is authenticated), also after a hit
    await expect(cached.unwrap(wa, 'key/other/version/1')).rejects.toMatchObject({ code: 'Kms.Keyring.UnwrapFailed' });
    await expect(cached.unwrap(wa, 'key/other/version/1')).rejects.toMatchObject({ code: 'Kms.Keyring.UnwrapFailed' });
    expect(unwraps()).toBe(4);
    await cached.close();
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const { ring, unwraps } = counted();
    const cached = withUnwrapCache(ring, { ttlMs: 60_000, maxEntries: 2 });
    const w = await Promise.all([1, 2, 3].map((i) => cached.wrap(randomBytes(32), `v${i}`)));
    await cached.unwrap(w[0]!, 'v1');
    await cached.unwrap(w[1]!, 'v2');
    await cached.unwrap(w[0]!, 'v1'); // hit; v1 is now the most recent
    await cached.unwrap(w[2]!, 'v3'); // evicts v2
    expect(unwraps()).toBe(3);
    await cached.unwrap(w[0]!, 'v1');
    expect(unwraps()).toBe(3);
    await cached.unwrap(w[1]!, 'v2');
    expect(unwraps()).toBe(4);
    await cached.close();
  });

  it('zeroes what it holds on close', async () => {
    const cached = withUnwrapCache(createFileKeyring(randomBytes(32)), { ttlMs: 60_000, maxEntries: 10 });
    const material = randomBytes(32);
    const wrapped = await cached.wrap(material, 'ctx');
    // the cache's own copy is made with Buffer.from right after the inner unwrap: capture it
    const realFrom = Buffer.from;
    const copies: Buffer[] = [];
    Buffer.from = ((...args: unknown[]) => {
      const b = (realFrom as (...a: unknown[]) => Buffer)(...args);
      copies.push(b);
      return b;
    }) as typeof Buffer.from;
    try {
      await cached.unwrap(wrapped, 'ctx');
    } finally {
      Buffer.from = realFrom;
    }
    const held = copies.find((c) => c.length === 32 && c.equals(material));
    expect(held).toBeDefined();
    await cached.close();
    expect(held!.every((byte) => byte === 0)).toBe(true);
  });
});
