import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import type { Severity } from '../posture/check.js';
import { scanIac } from '../posture/iac/scan.js';
import { findingsOf, reachesThreshold, type ReportInput } from '../posture/report/findings.js';
import { htmlReport } from '../posture/report/html.js';
import { jsonReport } from '../posture/report/json.js';
import { junitReport } from '../posture/report/junit.js';
import { sarifReport } from '../posture/report/sarif.js';
import { tableReport } from '../posture/report/table.js';
import { action, EXIT_FAILURE, EXIT_OK } from './run.js';
import { packageVersion } from './version.js';

const FORMATS = ['table', 'json', 'sarif', 'junit', 'html'] as const;
const THRESHOLDS: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

interface IacFlags {
  format: string;
  failOn: string;
  output?: string;
}

/** `[#####-----] 12/40 path` on one stderr line, redrawn in place. */
function progressBar(): (done: number, total: number, file: string) => void {
  const width = 24;
  return (done, total, file) => {
    const filled = Math.round((width * done) / Math.max(total, 1));
    const cols = process.stderr.columns || 100;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${file}`;
    process.stderr.write(`\r${line.slice(0, cols - 1).padEnd(cols - 1)}${done === total ? '\r'.padEnd(cols) + '\r' : ''}`);
  };
}

function render(format: string, input: ReportInput): string {
  if (format === 'json') return `${JSON.stringify(jsonReport(input))}\n`;
  if (format === 'sarif') return `${JSON.stringify(sarifReport(input), null, 2)}\n`;
  if (format === 'junit') return junitReport(input);
  if (format === 'html') return htmlReport(input);
  return tableReport(input);
}

export function registerScanIac(scan: Command): void {
  scan
    .command('iac')
    .description('check Alibaba Cloud Terraform (.tf folders and files, plan JSON from `terraform show -json`); exits 1 when findings reach --fail-on')
    .argument('<paths...>', 'folders, .tf files or plan .json files')
    .option('--format <format>', FORMATS.join(', '), 'table')
    .option('--fail-on <severity>', `exit 1 when a finding is at least this severe: ${THRESHOLDS.join(', ')}`, 'low')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(
      action(async (paths: string[], flags: IacFlags) => {
        if (!(FORMATS as readonly string[]).includes(flags.format)) throw new BulwarkError('InvalidParameter', { field: '--format', reason: `expected ${FORMATS.join(', ')}` });
        if (!THRESHOLDS.includes(flags.failOn as Severity)) throw new BulwarkError('InvalidParameter', { field: '--fail-on', reason: `expected ${THRESHOLDS.join(', ')}` });
        const result = await scanIac(paths, process.stderr.isTTY ? { onFile: progressBar() } : {});
        const input: ReportInput = {
          tool: { name: 'bulwark-iac', version: packageVersion() },
          checks: result.checks,
          results: result.results,
          errors: result.errors,
          scanned: { files: result.files.length, resources: result.resources, durationMs: Math.round(result.durationMs) },
        };
        const report = render(flags.format, input);
        if (flags.output) writeFileSync(flags.output, report);
        else process.stdout.write(report);
        for (const e of result.errors) if (flags.format !== 'table' || flags.output) process.stderr.write(`bulwark: ${e.code}: ${e.message}\n`);
        return reachesThreshold(findingsOf(input), flags.failOn as Severity) ? EXIT_FAILURE : EXIT_OK;
      }),
    );
}
