import type { Keyring } from './keyring.js';

export interface UnwrapCacheOptions {
  /** How long unwrapped material stays in memory after it was unwrapped (ms). */
  ttlMs: number;
  /** Most versions kept; the least recently used is zeroed and dropped first. */
  maxEntries: number;
  now?: () => number;
}

/** Defaults: a minute, a thousand key versions. */
export const UNWRAP_CACHE_DEFAULTS: UnwrapCacheOptions = { ttlMs: 60_000, maxEntries: 1000 };

interface Entry {
  material: Buffer;
  expires: number;
}

/**
 * A keyring that keeps recently unwrapped material in memory for a bounded time, so hot keys are not
 * unwrapped (an HSM round trip for pkcs11) on every Encrypt/Decrypt. Entries are keyed by the wrapped
 * bytes and their context, so a version whose wrapped material changes (re-import) never hits a stale
 * entry; key state is still checked by the caller on every call. Callers get a copy they may zero;
 * expired entries (swept every half lifetime), evicted ones and all on close are zeroed. Failures are
 * never cached.
 */
export function withUnwrapCache(inner: Keyring, options: UnwrapCacheOptions = UNWRAP_CACHE_DEFAULTS): Keyring {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const drop = (id: string, entry: Entry): void => {
    entry.material.fill(0);
    entries.delete(id);
  };
  // Expired material is zeroed within half a lifetime even when its key is not used again.
  const sweep = setInterval(() => {
    const t = now();
    for (const [id, entry] of entries) if (entry.expires <= t) drop(id, entry);
  }, Math.max(1000, options.ttlMs / 2));
  sweep.unref();
  return {
    backend: inner.backend,
    protectionLevel: inner.protectionLevel,
    wrap: (material, context) => inner.wrap(material, context),
    async unwrap(wrapped, context) {
      const id = `${context}\n${wrapped}`;
      const t = now();
      const hit = entries.get(id);
      if (hit && hit.expires > t) {
        entries.delete(id);
        entries.set(id, hit);
        return Buffer.from(hit.material);
      }
      if (hit) drop(id, hit);
      const material = await inner.unwrap(wrapped, context);
      for (const [oldId, old] of entries) {
        if (entries.size < options.maxEntries && old.expires > t) break;
        drop(oldId, old);
      }
      entries.set(id, { material: Buffer.from(material), expires: t + options.ttlMs });
      return material;
    },
    async close() {
      clearInterval(sweep);
      for (const [id, entry] of entries) drop(id, entry);
      await inner.close();
    },
  };
}
