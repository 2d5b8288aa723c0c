import { compilePolicy, type CompiledPolicy, type PolicyMeta } from './compile.js';
import type { PolicyKind } from './document.js';
import { CompiledPolicySet } from './policy-set.js';

export interface PolicyCacheOptions {
  /** principals whose merged policy sets are kept (least recently used evicted); default 10,000 */
  readonly maxPrincipals?: number;
  /** compiled policy documents kept; default 5,000 */
  readonly maxDocuments?: number;
}

interface PrincipalEntry {
  readonly version: string;
  readonly set: CompiledPolicySet;
  readonly documentKeys: ReadonlySet<string>;
}

/** A Map used as an LRU: reads move the entry to the end, inserts evict from the front. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K): boolean {
    return this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
  get size(): number {
    return this.map.size;
  }
}

const documentKeyOf = new WeakMap<CompiledPolicy, string>();

/**
 * Compiled policies per principal, keyed by (principal id, policy set version). The RAM service
 * bumps the version it passes whenever anything that shapes a principal's permissions changes
 * (attach/detach, group membership, a new default policy version); a different version is a miss
 * and rebuilds. The explicit invalidation calls cover changes the caller cannot express as a
 * version. Compiled documents are shared between principals (`document(key, …)`), so a system
 * policy attached to 1,000 users is compiled once.
 */
export class PolicyCache {
  private readonly principals: Lru<string, PrincipalEntry>;
  private readonly documents: Lru<string, CompiledPolicy>;
  private hits = 0;
  private misses = 0;

  constructor(options: PolicyCacheOptions = {}) {
    this.principals = new Lru(options.maxPrincipals ?? 10_000);
    this.documents = new Lru(options.maxDocuments ?? 5_000);
  }

  /**
   * The compiled form of one policy document, compiled once per `key`. Use a key that changes with
   * the content, e.g. `${accountId}:${policyType}:${policyName}:${versionId}`.
   */
  document(key: string, document: unknown, meta: PolicyMeta, options: { kind?: PolicyKind } = {}): CompiledPolicy {
    const hit = this.documents.get(key);
    if (hit !== undefined) return hit;
    const compiled = compilePolicy(document, meta, options);
    documentKeyOf.set(compiled, key);
    this.documents.set(key, compiled);
    return compiled;
  }

  /** The principal's merged policy set for `version`, built with `load` on a miss. */
  policySet(principalId: string, version: string | number, load: () => readonly CompiledPolicy[]): CompiledPolicySet {
    const v = String(version);
    const entry = this.principals.get(principalId);
    if (entry !== undefined && entry.version === v) {
      this.hits++;
      return entry.set;
    }
    this.misses++;
    const policies = load();
    const set = new CompiledPolicySet(policies);
    const documentKeys = new Set<string>();
    for (const p of policies) {
      const k = documentKeyOf.get(p);
      if (k !== undefined) documentKeys.add(k);
    }
    this.principals.set(principalId, { version: v, set, documentKeys });
    return set;
  }

  /** The cached set if present for exactly this version. */
  peek(principalId: string, version: string | number): CompiledPolicySet | undefined {
    const entry = this.principals.get(principalId);
    return entry !== undefined && entry.version === String(version) ? entry.set : undefined;
  }

  /** Forgets one principal (user deleted, removed from a group, …). */
  invalidatePrincipal(principalId: string): void {
    this.principals.delete(principalId);
  }

  /** Forgets one compiled document and every principal set that contains it (policy version changed or deleted). */
  invalidateDocument(key: string): void {
    this.documents.delete(key);
    const stale: string[] = [];
    for (const [id, entry] of this.principals.entries()) if (entry.documentKeys.has(key)) stale.push(id);
    for (const id of stale) this.principals.delete(id);
  }

  /** Forgets everything (e.g. an account-wide change). */
  invalidateAll(): void {
    this.principals.clear();
    this.documents.clear();
  }

  stats(): { principals: number; documents: number; hits: number; misses: number } {
    return { principals: this.principals.size, documents: this.documents.size, hits: this.hits, misses: this.misses };
  }
}
