import { lstat, opendir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BulwarkError } from '../../core/errors.js';

export interface DirFile {
  /** path relative to the scanned root, with `/` separators */
  path: string;
  absolute: string;
  size: number;
}

export interface WalkOptions {
  /** files larger than this are skipped (default 8 MiB) */
  maxFileBytes: number;
  /** a relative path (file or folder) that needs no scanning, e.g. a global path allowlist */
  ignored?: (path: string) => boolean;
  onSkip?: (path: string, reason: 'too-large' | 'generated' | 'ignored') => void;
}

/** Names of generated artefacts that hold no hand-written secrets (minified bundles, source maps). */
const GENERATED = /(?:\.min\.(?:js|css|mjs)|\.(?:js|css|mjs)\.map|\.pb\.go|_pb2\.py|\.snap)$/i;

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

/** True for file names of generated artefacts. */
export function isGeneratedName(path: string): boolean {
  return GENERATED.test(path);
}

/**
 * Walks a folder depth-first: regular files only (symlinks are not followed), `.git` folders
 * skipped, large and generated files reported through `onSkip`.
 */
export async function* walkDirectory(root: string, options: WalkOptions): AsyncGenerator<DirFile> {
  let info;
  try {
    info = await lstat(root);
  } catch (e) {
    throw new BulwarkError('Scan.PathNotFound', { path: root, reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  if (info.isFile()) {
    yield { path: root.split(sep).pop() ?? root, absolute: root, size: info.size };
    return;
  }
  if (!info.isDirectory()) throw new BulwarkError('Scan.PathNotFound', { path: root, reason: 'not a file or folder' });
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      continue;
    }
    const subdirs: string[] = [];
    for await (const entry of handle) {
      const absolute = join(dir, entry.name);
      const path = relative(root, absolute).split(sep).join('/');
      if (entry.isDirectory()) {
        if (entry.name === '.git') continue;
        if (options.ignored?.(path)) {
          options.onSkip?.(path, 'ignored');
          continue;
        }
        subdirs.push(absolute);
        continue;
      }
      if (!entry.isFile()) continue;
      if (options.ignored?.(path)) {
        options.onSkip?.(path, 'ignored');
        continue;
      }
      if (GENERATED.test(entry.name)) {
        options.onSkip?.(path, 'generated');
        continue;
      }
      let size: number;
      try {
        size = (await lstat(absolute)).size;
      } catch {
        continue;
      }
      if (size > options.maxFileBytes) {
        options.onSkip?.(path, 'too-large');
        continue;
      }
      if (size === 0) continue;
      yield { path, absolute, size };
    }
    // Sorted so output order is stable across runs.
    subdirs.sort().reverse();
    stack.push(...subdirs);
  }
}
