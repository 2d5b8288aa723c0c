import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { accessKeyFromEnv, expectOk, signedPost } from '../events/client.js';
import { defaultRules, loadRules } from '../scan/secrets/config.js';
import { jsonReport, sarifReport, tableReport } from '../scan/secrets/output.js';
import { reportFindings, type KeyVerdict } from '../scan/secrets/report.js';
import { GET_LEAK_RESPONSE_ACTION, LEAK_RESPONSE_PATH, SET_LEAK_RESPONSE_ACTION } from '../scan/secrets/routes.js';
import { scanSecrets } from '../scan/secrets/scanner.js';
import { maskSecret } from '../scan/secrets/mask.js';
import { action, EXIT_FAILURE, EXIT_OK } from './run.js';
import { registerScanIac } from './scan-iac.js';
import { packageVersion } from './version.js';

interface SecretsFlags {
  git?: boolean;
  since?: string;
  config?: string;
  format: string;
  reportTo?: string;
  threads?: string;
  maxFileSize: string;
}

const FORMATS = ['table', 'json', 'sarif'];

function positiveInt(value: string, field: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BulwarkError('InvalidParameter', { field, reason: 'expected a positive integer' });
  return n;
}

function printVerdicts(verdicts: readonly KeyVerdict[]): void {
  for (const v of verdicts) process.stderr.write(`reported ${maskSecret(v.accessKeyId)}: ${v.verdict}${v.owner ? ` (${v.owner})` : ''}\n`);
}

export function registerScan(program: Command): void {
  const scan = program.command('scan').description('offline scanners');
  registerScanIac(scan);

  scan
    .command('secrets')
    .description('find secrets in a folder, or in every commit of a git repository (--git); exits 1 when something is found')
    .argument('<path>', 'folder, file or git repository')
    .option('--git', "scan the repository's whole history: every blob once, with the commits that introduced it")
    .option('--since <rev>', 'with --git: only commits not reachable from this revision')
    .option('--config <file>', 'gitleaks-compatible TOML rules (default: Bulwark rules; [extend] useDefault = true builds on them)')
    .option('--format <format>', 'table, json or sarif', 'table')
    .option('--report-to <url>', 'send AccessKey findings (ids and fingerprints, never secrets) to a Bulwark server, signed with BULWARK_ACCESS_KEY_ID / _SECRET')
    .option('--threads <n>', 'worker threads (default: cores, at most 2)')
    .option('--max-file-size <bytes>', 'skip larger files and blobs', String(8 * 1024 * 1024))
    .action(
      action(async (path: string, flags: SecretsFlags) => {
        if (!FORMATS.includes(flags.format)) throw new BulwarkError('InvalidParameter', { field: '--format', reason: `expected ${FORMATS.join(', ')}` });
        if (flags.since && !flags.git) throw new BulwarkError('InvalidParameter', { field: '--since', reason: 'only with --git' });
        const rules = flags.config ? loadRules(resolve(flags.config)) : defaultRules();
        // The key is read before scanning so a missing one fails fast.
        const key = flags.reportTo ? accessKeyFromEnv() : undefined;
        const result = await scanSecrets({
          path,
          git: flags.git ?? false,
          ...(flags.since ? { since: flags.since } : {}),
          rules,
          ...(flags.threads ? { threads: positiveInt(flags.threads, '--threads') } : {}),
          maxFileBytes: positiveInt(flags.maxFileSize, '--max-file-size'),
          logger: createLogger({ level: 'warn', name: 'scan' }),
        });
        let verdicts: KeyVerdict[] | undefined;
        if (flags.reportTo && key) verdicts = await reportFindings(flags.reportTo, result.findings, `${flags.git ? 'git' : 'dir'}:${basename(resolve(path))}`, key);
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ ...jsonReport(result), ...(verdicts ? { reported: verdicts } : {}) })}\n`);
        else if (flags.format === 'sarif') process.stdout.write(`${JSON.stringify(sarifReport(result, packageVersion()))}\n`);
        else process.stdout.write(tableReport(result));
        if (verdicts && flags.format !== 'json') printVerdicts(verdicts);
        return result.findings.length > 0 ? EXIT_FAILURE : EXIT_OK;
      }),
    );

  scan
    .command('leak-response')
    .description("show or set what a server does with a confirmed leaked AccessKey of your account: automatic (set it Inactive) or ask (alert only)")
    .argument('[mode]', 'automatic or ask (omit to show)')
    .requiredOption('--server <url>', 'Bulwark server URL (signed with BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (mode: string | undefined, flags: { server: string; format: string }) => {
        if (mode !== undefined && mode !== 'automatic' && mode !== 'ask') throw new BulwarkError('InvalidParameter', { field: 'mode', reason: 'expected automatic or ask' });
        const body = Buffer.from(JSON.stringify(mode ? { mode } : {}));
        const json = expectOk(await signedPost(flags.server, LEAK_RESPONSE_PATH, body, 'application/json', accessKeyFromEnv(), mode ? SET_LEAK_RESPONSE_ACTION : GET_LEAK_RESPONSE_ACTION)) as { mode: string };
        process.stdout.write(flags.format === 'json' ? `${JSON.stringify({ mode: json.mode })}\n` : `leak response: ${json.mode}\n`);
        return EXIT_OK;
      }),
    );
}
