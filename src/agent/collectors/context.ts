import { join } from 'node:path';

/** Where and how a collection reads the host. */
export interface CollectContext {
  /** directory standing in for `/` (tests use fixture trees); `/` on a real host */
  readonly root: string;
  /** `root` is this machine's own `/`: live-only sources (uname, interfaces, `rpm`) may be used */
  readonly live: boolean;
  /** a path under `root`, e.g. `at('/etc/passwd')` */
  at(path: string): string;
  /** computes a value once per collection (files several collectors read, such as passwd) */
  memo<T>(key: string, compute: () => T): T;
}

export function collectContext(root = '/'): CollectContext {
  const live = root === '/' || root === '';
  const base = live ? '/' : root;
  const cache = new Map<string, unknown>();
  return {
    root: base,
    live,
    at: (path) => (live ? path : join(base, path)),
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}
