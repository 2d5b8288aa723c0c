import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import type { EcsDocument } from '../agent/intrusion/alert.js';
import { checkBaseline, takeBaseline } from '../agent/intrusion/fim/fim-offline.js';
import { loadIntrusionConfig, type IntrusionConfig } from '../agent/intrusion/intrusion-config.js';
import { KnownLogins } from '../agent/intrusion/ssh/known-logins.js';
import { detectSshLog } from '../agent/intrusion/ssh/read-log.js';
import { SshDetector } from '../agent/intrusion/ssh/ssh-detector.js';
import { DEFAULT_WEBSHELL_RULES_YAML } from '../agent/intrusion/webshell/default-rules.js';
import { loadWebshellRules, type WebshellRule } from '../agent/intrusion/webshell/rule.js';
import { scanWebshells } from '../agent/intrusion/webshell/scanner.js';
import { webshellAlert } from '../agent/intrusion/webshell/webshell-alert.js';
import { DEFAULT_STATE_DIR } from '../agent/state.js';
import { action, EXIT_FAILURE, EXIT_OK } from './run.js';

const FORMATS = ['table', 'json'];

function checkFormat(format: string): void {
  if (!FORMATS.includes(format)) throw new BulwarkError('InvalidParameter', { field: '--format', reason: `expected ${FORMATS.join(' or ')}` });
}

function webshellRules(config: IntrusionConfig, file: string | undefined): WebshellRule[] {
  const path = file ?? config.webshell.rules;
  if (!path) return loadWebshellRules(DEFAULT_WEBSHELL_RULES_YAML, 'built-in');
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (e) {
    throw new BulwarkError('InvalidConfig.File', { path, reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  return loadWebshellRules(text, path);
}

/** One table row per alert: time, severity, rule, subject, message. */
function alertTable(docs: readonly EcsDocument[]): string {
  const rows = docs.map((d) => {
    const event = d.event as { severity: number };
    const rule = d.rule as { id: string };
    return `${String(d['@timestamp'])}  ${String(event.severity).padStart(3)}  ${rule.id.padEnd(28)}  ${String(d.message)}`;
  });
  return rows.length > 0 ? `${rows.join('\n')}\n` : '';
}

interface SshFlags {
  log: string;
  journalJson?: boolean;
  config?: string;
  stateDir?: string;
  host?: string;
  allEvents?: boolean;
  format: string;
}

interface WebshellFlags {
  rules?: string;
  config?: string;
  host?: string;
  format: string;
}

interface FimFlags {
  stateDir: string;
  config?: string;
  update?: boolean;
  host?: string;
  format: string;
}

/**
 * `bulwark agent detect ssh|webshells` and `bulwark agent fim baseline|check`: the intrusion
 * detectors run offline over a log file or folders, printing ECS alert documents (`--format json`)
 * or a table; they exit 1 when something is found.
 */
export function registerAgentDetect(agent: Command): void {
  const detect = agent.command('detect').description('run an intrusion detector offline over a log or a folder (exits 1 when something is found)');

  detect
    .command('ssh')
    .description('SSH brute force, password spraying, login after failures and logins from new sources in an sshd log')
    .requiredOption('--log <file>', 'auth.log / secure (syslog), or `journalctl -o json` output with --journal-json; - reads standard input')
    .option('--journal-json', 'the log is journald JSON export (`journalctl -u ssh -o json`)')
    .option('--config <file>', 'YAML with an `ssh:` section (thresholds; see docs/intrusion.md)')
    .option('--state-dir <dir>', 'remember known logins in DIR/ssh-known-logins.json across runs (default: this run only)')
    .option('--host <name>', 'host.name of the alerts (default: this host)')
    .option('--all-events', 'also print one authentication event per sshd login line')
    .option('--format <format>', 'table or json', 'table')
    .action(
      action(async (flags: SshFlags) => {
        checkFormat(flags.format);
        const config = loadIntrusionConfig(flags.config);
        const knownLogins = await KnownLogins.open(flags.stateDir ? join(resolve(flags.stateDir), 'ssh-known-logins.json') : undefined, config.ssh.newSource.maxSourcesPerUser);
        const detector = new SshDetector({ config: config.ssh, knownLogins, ...(flags.host ? { host: flags.host } : {}), emitAuthEvents: flags.allEvents ?? false });
        const docs = await detectSshLog(flags.log === '-' ? '-' : resolve(flags.log), flags.journalJson ? 'journal-json' : 'syslog', detector);
        await knownLogins.save();
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ log: flags.log, stats: detector.stats, events: docs })}\n`);
        else process.stdout.write(`${alertTable(docs.filter((d) => (d.event as { kind: string }).kind === 'alert'))}${detector.stats.records} records, ${detector.stats.sshd} sshd authentication lines, ${detector.stats.failures} failed attempts, ${detector.stats.alerts} alerts\n`);
        return detector.stats.alerts > 0 ? EXIT_FAILURE : EXIT_OK;
      }),
    );

  detect
    .command('webshells')
    .description('scan a web root for webshells (PHP, JSP, ASP/ASP.NET)')
    .argument('<dir>', 'web root (or one file)')
    .option('--rules <file>', 'webshell rules YAML instead of the built-in rules (format: docs/intrusion.md)')
    .option('--config <file>', 'YAML with a `webshell:` section')
    .option('--host <name>', 'host.name of the alerts (default: this host)')
    .option('--format <format>', 'table or json', 'table')
    .action(
      action(async (dir: string, flags: WebshellFlags) => {
        checkFormat(flags.format);
        const config = loadIntrusionConfig(flags.config);
        const rules = webshellRules(config, flags.rules);
        const scan = await scanWebshells(resolve(dir), rules, config.webshell.maxFileBytes);
        const at = Date.now();
        const docs = scan.findings.map((f) => webshellAlert(f, { at, ...(flags.host ? { host: flags.host } : {}) }));
        for (const s of scan.skipped) process.stderr.write(`skipped ${s.path}: ${s.reason}\n`);
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ root: dir, scanned: scan.scanned, skipped: scan.skipped, events: docs })}\n`);
        else process.stdout.write(`${alertTable(docs)}${scan.scanned} script files scanned with ${rules.length} rules, ${docs.length} suspected webshells\n`);
        return docs.length > 0 ? EXIT_FAILURE : EXIT_OK;
      }),
    );

  const fim = agent.command('fim').description('file integrity: take a baseline of paths, then check them against it');

  fim
    .command('baseline')
    .description('record sha256, mode, owner, size and mtime of every file under the paths (replacing those paths in an existing baseline)')
    .argument('[paths...]', 'folders or files (default: fim.paths and fim.webRoots of --config, else /etc /usr/bin /usr/sbin)')
    .option('--state-dir <dir>', 'where the baseline is kept', DEFAULT_STATE_DIR)
    .option('--config <file>', 'YAML with a `fim:` section (exclusions, size limit)')
    .option('--format <format>', 'table or json', 'table')
    .action(
      action(async (paths: string[], flags: FimFlags) => {
        checkFormat(flags.format);
        const config = loadIntrusionConfig(flags.config);
        const roots = paths.length > 0 ? paths : [...config.fim.paths, ...config.fim.webRoots];
        const summary = await takeBaseline(roots, resolve(flags.stateDir), config.fim);
        for (const s of summary.skipped) process.stderr.write(`no hash for ${s.path}: ${s.note}\n`);
        for (const r of summary.missingRoots) process.stderr.write(`not found: ${r}\n`);
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify(summary)}\n`);
        else process.stdout.write(`baseline of ${summary.files} files under ${roots.join(', ')} written to ${summary.stateFile}\n`);
        return EXIT_OK;
      }),
    );

  fim
    .command('check')
    .description('compare the paths with the baseline: added, removed and modified files with before/after attributes')
    .argument('[paths...]', 'folders or files (default: every path of the baseline)')
    .option('--state-dir <dir>', 'where the baseline is kept', DEFAULT_STATE_DIR)
    .option('--config <file>', 'YAML with a `fim:` section')
    .option('--update', 'accept the changes into the baseline after reporting them')
    .option('--host <name>', 'host.name of the alerts (default: this host)')
    .option('--format <format>', 'table or json', 'table')
    .action(
      action(async (paths: string[], flags: FimFlags) => {
        checkFormat(flags.format);
        const config = loadIntrusionConfig(flags.config);
        const result = await checkBaseline(paths, resolve(flags.stateDir), config.fim, { update: flags.update ?? false, ...(flags.host ? { host: flags.host } : {}) });
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ roots: result.roots, changes: result.changes.length, events: result.events })}\n`);
        else process.stdout.write(`${alertTable(result.events)}${result.changes.length} changes under ${result.roots.join(', ')}${flags.update && result.changes.length > 0 ? ' (accepted into the baseline)' : ''}\n`);
        return result.changes.length > 0 ? EXIT_FAILURE : EXIT_OK;
      }),
    );
}
