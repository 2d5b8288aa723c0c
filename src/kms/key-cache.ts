import type { KmsTables } from './tables.js';

type KeyRow = KmsTables['kms_keys'];
type VersionRow = KmsTables['kms_key_versions'];

/** How long a looked-up row may be used without reading it again, for changes made by other processes (ms). */
export const KEY_CACHE_TTL_MS = 1000;
/** Most rows of each kind kept; the oldest go first. */
export const KEY_CACHE_MAX_ENTRIES = 10_000;

interface Entry<T> {
  row: T;
  expires: number;
}

/**
 * Keys, aliases and key versions looked up by calls that change nothing (Encrypt, Decrypt,
 * GenerateDataKey, …), so the hot path does not query them on every call. Rows hold no key material
 * (versions hold it wrapped). Every KMS change made by this process invalidates the whole cache when
 * it is written and again once committed (`invalidate`), so disabling, deleting, rotating or
 * re-importing takes effect on the next call; changes made by another process (another server on the
 * same PostgreSQL, an offline CLI) are seen within KEY_CACHE_TTL_MS. A lookup that was running while
 * the cache was invalidated does not store what it read. Rows are frozen: callers cannot alter them.
 */
export class KeyCache {
  private generation = 0;
  private readonly keys = new Map<string, Entry<KeyRow>>();
  private readonly aliases = new Map<string, Entry<string>>();
  private readonly versions = new Map<string, Entry<VersionRow>>();

  constructor(
    private readonly ttlMs = KEY_CACHE_TTL_MS,
    private readonly maxEntries = KEY_CACHE_MAX_ENTRIES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  invalidate(): void {
    this.generation += 1;
    this.keys.clear();
    this.aliases.clear();
    this.versions.clear();
  }

  /** The key `id` of `accountId` in `region`; undefined (not cached) when it does not exist. */
  key(accountId: string, region: string, id: string, load: () => Promise<KeyRow | undefined>): Promise<KeyRow | undefined> {
    return this.through(this.keys, `${accountId}\n${region}\n${id}`, load);
  }

  /** The key id an alias names. */
  alias(accountId: string, region: string, name: string, load: () => Promise<string | undefined>): Promise<string | undefined> {
    return this.through(this.aliases, `${accountId}\n${region}\n${name}`, load);
  }

  version(keyId: string, versionId: string, load: () => Promise<VersionRow | undefined>): Promise<VersionRow | undefined> {
    return this.through(this.versions, `${keyId}\n${versionId}`, load);
  }

  private async through<T>(map: Map<string, Entry<T>>, id: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = map.get(id);
    const t = this.now();
    if (hit && hit.expires > t) return hit.row;
    const generation = this.generation;
    const row = await load();
    if (row === undefined || generation !== this.generation) return row;
    const frozen = typeof row === 'object' && row !== null ? Object.freeze({ ...row }) : row;
    map.delete(id);
    if (map.size >= this.maxEntries) map.delete(map.keys().next().value!);
    map.set(id, { row: frozen, expires: t + this.ttlMs });
    return frozen;
  }
}
