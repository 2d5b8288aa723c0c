import { lstat, opendir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import { readFileState, type FileState } from './file-state.js';

export interface ScanOptions {
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  readonly excluded: (path: string) => boolean;
  readonly rehashUnchanged?: boolean;
  /** the previous state of each path (hashes are reused for unchanged files) */
  readonly previous?: ReadonlyMap<string, FileState>;
  /** called for each folder walked (the watcher adds a watch) */
  readonly onDirectory?: (path: string) => void;
}

export interface ScanResult {
  readonly files: Map<string, FileState>;
  /** roots that do not exist or cannot be read */
  readonly missingRoots: string[];
  /** files beyond maxFiles, not recorded */
  readonly overLimit: number;
}

/**
 * Walks the roots depth-first (symlinks are recorded, never followed; other mount points are
 * walked like any folder), one file hashed at a time, so memory and IO stay bounded.
 */
export async function scanTree(roots: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const files = new Map<string, FileState>();
  const missingRoots: string[] = [];
  let overLimit = 0;
  const record = async (path: string, info: Stats): Promise<void> => {
    if (files.has(path)) return;
    if (files.size >= options.maxFiles) {
      overLimit++;
      return;
    }
    const previous = options.previous?.get(path);
    const state = await readFileState(path, { maxFileBytes: options.maxFileBytes, rehashUnchanged: options.rehashUnchanged ?? false, ...(previous ? { previous } : {}) }, info);
    if (state) files.set(path, state);
  };
  for (const root of roots) {
    const info = await lstat(root).catch(() => undefined);
    if (!info) {
      missingRoots.push(root);
      continue;
    }
    if (options.excluded(root)) continue;
    if (!info.isDirectory()) {
      await record(root, info);
      continue;
    }
    const stack = [root];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      options.onDirectory?.(dir);
      let handle;
      try {
        handle = await opendir(dir);
      } catch {
        continue;
      }
      for await (const entry of handle) {
        const path = join(dir, entry.name);
        if (options.excluded(path)) continue;
        if (entry.isDirectory()) stack.push(path);
        else if (entry.isFile() || entry.isSymbolicLink()) {
          const st = await lstat(path).catch(() => undefined);
          if (st) await record(path, st);
        }
      }
    }
  }
  return { files, missingRoots, overLimit };
}
