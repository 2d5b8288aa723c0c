import { join, resolve } from 'node:path';
import { BulwarkError } from '../../../core/errors.js';
import type { EcsDocument } from '../alert.js';
import { BASELINE_FILE, loadBaseline, saveBaseline, type Baseline } from './baseline-store.js';
import { fileChangeAlert } from './change-alert.js';
import { diffStates, underRoots, type FileChange } from './file-change.js';
import { excluder, type FimConfig } from './fim-config.js';
import { scanTree } from './scan-tree.js';

export interface BaselineSummary {
  readonly stateFile: string;
  readonly roots: string[];
  readonly files: number;
  readonly skipped: { path: string; note: string }[];
  readonly missingRoots: string[];
  readonly overLimit: number;
}

/**
 * Takes a baseline of `paths` into the state dir (`agent fim baseline`). Paths already in an
 * existing baseline are replaced; the other paths it covers are kept.
 */
export async function takeBaseline(paths: readonly string[], stateDir: string, config: FimConfig, now = Date.now()): Promise<BaselineSummary> {
  const roots = paths.map((p) => resolve(p));
  const scan = await scanTree(roots, { maxFileBytes: config.maxFileBytes, maxFiles: config.maxFiles, excluded: excluder(config.exclude) });
  const previous = await loadBaseline(stateDir);
  const inRoots = underRoots(roots);
  const files = new Map([...(previous?.files ?? new Map()).entries()].filter(([p]) => !inRoots(p)));
  for (const [p, s] of scan.files) files.set(p, s);
  const allRoots = [...new Set([...(previous?.roots ?? []).filter((r) => !roots.includes(r)), ...roots])];
  await saveBaseline(stateDir, { createdAt: now, roots: allRoots, files });
  return {
    stateFile: join(stateDir, BASELINE_FILE),
    roots: allRoots,
    files: scan.files.size,
    skipped: [...scan.files.values()].filter((s) => s.note).map((s) => ({ path: s.path, note: s.note! })),
    missingRoots: scan.missingRoots,
    overLimit: scan.overLimit,
  };
}

export interface CheckResult {
  readonly roots: string[];
  readonly changes: FileChange[];
  readonly events: EcsDocument[];
}

/** Compares `paths` (default: every root of the baseline) with the baseline (`agent fim check`); `update` accepts the changes. */
export async function checkBaseline(paths: readonly string[], stateDir: string, config: FimConfig, options: { update?: boolean; host?: string; now?: number } = {}): Promise<CheckResult> {
  const baseline: Baseline | undefined = await loadBaseline(stateDir);
  if (!baseline) throw new BulwarkError('Agent.Fim.NoBaseline', { file: join(stateDir, BASELINE_FILE) });
  const roots = paths.length > 0 ? paths.map((p) => resolve(p)) : baseline.roots;
  const scan = await scanTree(roots, { maxFileBytes: config.maxFileBytes, maxFiles: config.maxFiles, excluded: excluder(config.exclude), previous: baseline.files, rehashUnchanged: config.rehashUnchanged });
  const changes = diffStates(baseline.files, scan.files, underRoots(roots));
  const at = options.now ?? Date.now();
  const isWebRoot = underRoots(config.webRoots);
  const events = changes.map((c) => fileChangeAlert(c, { at, webRoot: config.webRoots.length > 0 && isWebRoot(c.path), detectedBy: 'scan', ...(options.host ? { host: options.host } : {}) }));
  if (options.update && changes.length > 0) {
    for (const c of changes) {
      if (c.after) baseline.files.set(c.path, c.after);
      else baseline.files.delete(c.path);
    }
    await saveBaseline(stateDir, { ...baseline, createdAt: at });
  }
  return { roots, changes, events };
}
