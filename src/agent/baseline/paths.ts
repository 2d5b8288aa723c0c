import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';

/** A path as the policy names it (`shown`) and where it is read on this machine (`real`, under the root). */
export interface RootedPath {
  readonly shown: string;
  readonly real: string;
}

/** Resolves a policy path under `root` (a directory standing in for `/`); `..` cannot climb above it. */
export function underRoot(root: string, path: string): RootedPath {
  const shown = posix.normalize(`/${path}`);
  return { shown, real: root === '/' ? shown : join(root, shown) };
}

const GLOB = /[*?]/;

function globToRegExp(part: string): RegExp {
  const body = part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/**
 * Expands a comma-separated path list (Wazuh variables hold lists) with `*` and `?` wildcards in
 * path components, under `root`. Paths without wildcards are returned as they are (existence is the
 * rule's business); a wildcard that matches nothing contributes nothing.
 */
export function expandPaths(root: string, list: string): RootedPath[] {
  const out: RootedPath[] = [];
  for (const item of list.split(',')) {
    const path = item.trim();
    if (path === '') continue;
    if (!GLOB.test(path)) {
      out.push(underRoot(root, path));
      continue;
    }
    let prefixes = ['/'];
    for (const part of posix.normalize(`/${path}`).split('/').filter((p) => p !== '')) {
      if (!GLOB.test(part)) {
        prefixes = prefixes.map((p) => posix.join(p, part));
        continue;
      }
      const re = globToRegExp(part);
      const next: string[] = [];
      for (const p of prefixes) {
        let names: string[];
        try {
          names = readdirSync(underRoot(root, p).real);
        } catch {
          continue;
        }
        for (const name of names.sort()) if (re.test(name) && !(name.startsWith('.') && !part.startsWith('.'))) next.push(posix.join(p, name));
      }
      prefixes = next;
    }
    for (const p of prefixes) out.push(underRoot(root, p));
  }
  return out;
}
