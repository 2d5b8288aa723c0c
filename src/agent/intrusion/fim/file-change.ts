import { COMPARED, type FileState } from './file-state.js';

export interface FileChange {
  readonly kind: 'added' | 'removed' | 'modified';
  readonly path: string;
  readonly before?: FileState;
  readonly after?: FileState;
  /** attributes that differ (modified only), e.g. `sha256`, `mode` */
  readonly changed: readonly string[];
}

/** The attributes that differ between two states of a path (ctime and inode alone are no change). */
export function changedAttributes(before: FileState, after: FileState): string[] {
  return COMPARED.filter((k) => before[k] !== after[k]);
}

/** Compares one path's baseline state with its state now. */
export function compareFile(path: string, before: FileState | undefined, after: FileState | undefined): FileChange | undefined {
  if (!before && !after) return undefined;
  if (!before) return { kind: 'added', path, after: after!, changed: [] };
  if (!after) return { kind: 'removed', path, before, changed: [] };
  const changed = changedAttributes(before, after);
  return changed.length > 0 ? { kind: 'modified', path, before, after, changed } : undefined;
}

/** Every change between a baseline and a scan, limited to paths under `within` (all when omitted). */
export function diffStates(baseline: ReadonlyMap<string, FileState>, now: ReadonlyMap<string, FileState>, within?: (path: string) => boolean): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, before] of baseline) {
    if (within && !within(path)) continue;
    const change = compareFile(path, before, now.get(path));
    if (change) changes.push(change);
  }
  for (const [path, after] of now) {
    if (!baseline.has(path) && (!within || within(path))) changes.push({ kind: 'added', path, after, changed: [] });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** True when `path` is one of the roots or under one of them. */
export function underRoots(roots: readonly string[]): (path: string) => boolean {
  const clean = roots.map((r) => r.replace(/\/+$/, '') || '/');
  return (path) => clean.some((r) => r === '/' || path === r || path.startsWith(`${r}/`));
}
