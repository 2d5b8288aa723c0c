import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { runCrsRegression, type FtwReport } from '../waf/crs/ftw-runner.js';
import { installCrs } from '../waf/crs/install.js';
import { runCrsRegressionHttp } from '../waf/crs/ftw-http.js';
import { startEchoBackend } from '../waf/crs/echo-backend.js';
import { storageConfigFrom } from './storage-flags.js';
import { backtrackingPatterns } from '../waf/operators/rx.js';
import { createWaf, DEBIAN_CRS_DIR } from '../waf/waf.js';
import { action, EXIT_FAILURE, EXIT_OK } from './run.js';

interface TestCrsFlags {
  crs: string;
  rule?: string;
  http?: string;
  accessLog?: string;
  format: string;
  minRate?: string;
}

interface LoadFlags {
  crs?: string;
  paranoia: string;
  format: string;
}

function printReport(report: FtwReport): void {
  const width = Math.max(...Object.keys(report.files).map((f) => f.length), 10);
  process.stdout.write(`${'rule file'.padEnd(width)}  passed  failed   rate\n`);
  for (const [file, s] of Object.entries(report.files)) {
    const rate = (100 * s.passed) / Math.max(1, s.passed + s.failed);
    process.stdout.write(`${file.padEnd(width)}  ${String(s.passed).padStart(6)}  ${String(s.failed).padStart(6)}  ${rate.toFixed(1).padStart(5)}%\n`);
  }
  const t = report.totals;
  process.stdout.write(`${'TOTAL'.padEnd(width)}  ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${(100 * t.passRate).toFixed(2).padStart(5)}%\n`);
  const failing = report.results.filter((r) => !r.passed);
  if (failing.length > 0) {
    process.stdout.write('\nfailing tests:\n');
    for (const r of failing) process.stdout.write(`  ${r.id} (${r.ruleFile}): ${r.reason ?? ''}\n`);
  }
}

export function registerWaf(program: Command): void {
  const waf = program.command('waf').description('the SecLang WAF engine (OWASP CRS compatible)');

  waf.command('test-crs')
    .description('run the CRS go-ftw regression suite in-process (DetectionOnly, paranoia 4, as CRS CI) and print pass rates per rule file')
    .requiredOption('--crs <dir>', 'CRS directory with rules/ and tests/regression/tests')
    .option('--rule <id>', 'only the tests of this rule id')
    .option('--http <url>', 'send the tests through a running gateway on 127.0.0.1 instead (see docs/waf.md for its set-up)')
    .option('--access-log <file>', "with --http: the gateway's NDJSON access log, where matched rule ids are read")
    .option('--min-rate <percent>', 'exit 1 when the pass rate is below this percentage')
    .option('--format <format>', 'text or json', 'text')
    .action(action(async (flags: TestCrsFlags) => {
      const ruleId = flags.rule === undefined ? undefined : Number(flags.rule);
      if (ruleId !== undefined && (!Number.isInteger(ruleId) || ruleId <= 0)) throw new BulwarkError('InvalidParameter', { field: '--rule', reason: 'expected a rule id' });
      const minRate = flags.minRate === undefined ? undefined : Number(flags.minRate);
      if (minRate !== undefined && !(minRate >= 0 && minRate <= 100)) throw new BulwarkError('InvalidParameter', { field: '--min-rate', reason: 'expected a percentage 0-100' });
      if (!existsSync(flags.crs)) throw new BulwarkError('Waf.CorpusInvalid', { path: flags.crs, reason: 'no such directory' });
      if (flags.http !== undefined && flags.accessLog === undefined) throw new BulwarkError('MissingParameter', { field: '--access-log' });
      const started = Date.now();
      const common = {
        ...(ruleId !== undefined ? { ruleId } : {}),
        onProgress: (done: number, total: number) => { if (done % 500 === 0 || done === total) process.stderr.write(`\r${done}/${total} tests`); },
      };
      const report = flags.http !== undefined
        ? await runCrsRegressionHttp(flags.crs, { ...common, url: flags.http, accessLog: flags.accessLog as string })
        : await runCrsRegression(flags.crs, common);
      if ('logChecksSkipped' in report) process.stderr.write(`\n${String(report.logChecksSkipped)} stage(s) had log-text checks, which are not visible over HTTP (judged on rule ids and status)`);
      process.stderr.write(`\n${report.totals.tests} tests in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      if (flags.format === 'json') {
        const files = Object.fromEntries(Object.entries(report.files).map(([f, s]) => [f, s]));
        const failures = report.results.filter((r) => !r.passed).map((r) => ({ id: r.id, ruleFile: r.ruleFile, reason: r.reason }));
        process.stdout.write(`${JSON.stringify({ totals: report.totals, files, failures, ...('logChecksSkipped' in report ? { logChecksSkipped: report.logChecksSkipped } : {}) })}\n`);
      } else {
        printReport(report);
      }
      return minRate !== undefined && report.totals.passRate * 100 < minRate ? EXIT_FAILURE : EXIT_OK;
    }));

  waf.command('load')
    .description(`load a rule set (a CRS directory, default ${DEBIAN_CRS_DIR} when present) and report what was compiled`)
    .option('--crs <dir>', 'CRS directory (rules/ and crs-setup.conf[.example])')
    .option('--paranoia <level>', 'paranoia level 1-4', '1')
    .option('--format <format>', 'text or json', 'text')
    .action(action(async (flags: LoadFlags) => {
      const crsDir = flags.crs ?? (existsSync(DEBIAN_CRS_DIR) ? DEBIAN_CRS_DIR : undefined);
      if (crsDir === undefined) throw new BulwarkError('MissingParameter', { field: '--crs' });
      const paranoia = Number(flags.paranoia);
      const engine = await createWaf({ crsDir, paranoia: Number.isInteger(paranoia) ? paranoia : -1 });
      const phases = Object.fromEntries([...engine.phaseRules].map(([p, rules]) => [String(p), rules.filter((r) => r.marker === undefined).length]));
      const backtracking = backtrackingPatterns().length;
      const summary = { crsDir, rules: engine.ruleCount, phases, ruleEngine: engine.config.ruleEngine, backtrackingPatterns: backtracking };
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        process.stdout.write(`loaded ${summary.rules} rules from ${crsDir} (per phase: ${JSON.stringify(phases)})\n`);
        if (backtracking > 0) process.stdout.write(`${backtracking} pattern(s) use look-around/back-references and run on V8's backtracking engine instead of RE2\n`);
      }
    }));

  waf.command('echo-backend')
    .description('run the backend CRS regression tests expect behind the gateway (POST /reflect answers the status/headers/body it is sent) — for test-crs --http')
    .option('--listen <host:port>', 'address (loopback)', '127.0.0.1:8000')
    .action(action(async (flags: { listen: string }) => {
      const i = flags.listen.lastIndexOf(':');
      const port = Number(flags.listen.slice(i + 1));
      if (i < 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new BulwarkError('InvalidParameter', { field: '--listen', reason: 'expected host:port' });
      const backend = await startEchoBackend({ host: flags.listen.slice(0, i), port });
      process.stderr.write(`echo backend listening on ${backend.url}\n`);
      const stop = (): void => void backend.stop().finally(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    }));

  const crs = waf.command('crs').description('manage the OWASP Core Rule Set used by `bulwark dev` and gateways (<data-dir>/crs)');
  crs.command('install')
    .description('install a CRS release (folder or .tar.gz) into <data-dir>/crs after checking that it loads')
    .requiredOption('--from <path>', 'a coreruleset release folder or tarball (e.g. coreruleset-4.28.0-minimal.tar.gz)')
    .option('--data-dir <dir>', 'data directory (env BULWARK_DATA_DIR, default ./.bulwark)')
    .option('--format <format>', 'text or json', 'text')
    .action(action(async (flags: { from: string; dataDir?: string; format: string }) => {
      const { dataDir } = storageConfigFrom({ ...(flags.dataDir ? { dataDir: flags.dataDir } : {}) });
      const result = await installCrs(flags.from, dataDir, (line) => process.stderr.write(`${line}\n`));
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
      else process.stdout.write(`installed OWASP CRS ${result.version ?? '(unknown version)'} into ${result.installedAt}: ${result.ruleFiles} rule files, ${result.rules} rules${result.replaced ? ' (replaced the previous set)' : ''}\n`);
    }));
}
