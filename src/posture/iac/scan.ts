/** `scan iac`: load the inputs, run the checks, keep scan errors beside the results. */
import type { CheckResult } from '../check.js';
import { ALICLOUD_CHECKS } from '../checks/alicloud/index.js';
import type { IacCheck } from '../checks/alicloud/kit.js';
import { loadIac, type IacScanError } from './load.js';

export interface IacScanResult {
  checks: readonly IacCheck[];
  files: string[];
  resources: number;
  results: CheckResult[];
  errors: IacScanError[];
  durationMs: number;
}

export interface IacScanOptions {
  checks?: readonly IacCheck[];
  onFile?: (done: number, total: number, file: string) => void;
}

export async function scanIac(paths: readonly string[], options: IacScanOptions = {}): Promise<IacScanResult> {
  const started = performance.now();
  const checks = options.checks ?? ALICLOUD_CHECKS;
  const loaded = await loadIac(paths, options.onFile);
  const input = { resources: loaded.resources };
  const results = checks.flatMap((c) => c.evaluate(input));
  return { checks, files: loaded.files, resources: loaded.resources.length, results, errors: loaded.errors, durationMs: performance.now() - started };
}
