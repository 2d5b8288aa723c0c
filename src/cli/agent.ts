import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { scanOnce } from '../agent/scan.js';
import { scanTable } from '../agent/scan-table.js';
import { vulnerabilitiesTable } from '../agent/vuln/scan-host.js';
import { action, EXIT_FAILURE, EXIT_OK } from './run.js';
import { registerAgentEnroll } from './agent-enroll.js';
import { registerAgentDetect } from './agent-detect.js';
import { registerAgentRespond } from './agent-respond.js';

interface ScanFlags {
  once?: boolean;
  policy: string[];
  root: string;
  format: string;
  inventory: boolean;
  commands: boolean;
  vulnFeed: string[];
}

const FORMATS = ['table', 'json'];

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `bulwark agent …`: the host agent. `scan --once` runs the baseline offline (no server); other
 * subcommands (`enroll`, `run`) are registered on the same `agent` command.
 */
export function registerAgent(program: Command): Command {
  const agent = program.command('agent').description('host agent: offline scan, enrollment and the reporting daemon');

  agent
    .command('scan')
    .description('scan this host once, offline: baseline policies (built-in ones matching the OS, or --policy files); exits 1 when a check fails')
    .option('--once', 'run one scan and exit (required: the periodic scan is `bulwark agent run`)')
    .option('--policy <file>', 'Wazuh-SCA-compatible policy YAML to run instead of the built-in policies (repeatable)', collect, [])
    .option('--root <dir>', 'directory standing in for / (every path a policy reads is resolved under it)', '/')
    .option('--format <format>', 'table or json', 'table')
    .option('--no-inventory', 'skip the asset inventory (baseline only)')
    .option('--no-commands', 'do not run c: (command) rules; they are reported not applicable')
    .option('--vuln-feed <file>', 'match installed packages against this vulnerability feed (OSV JSON file or folder, Debian tracker JSON; repeatable); exits 1 on a finding', collect, [])
    .action(
      action(async (flags: ScanFlags) => {
        if (!flags.once) throw new BulwarkError('MissingParameter', { field: '--once' });
        if (!FORMATS.includes(flags.format)) throw new BulwarkError('InvalidParameter', { field: '--format', reason: `expected ${FORMATS.join(' or ')}` });
        const root = resolve(flags.root);
        if (!isDirectory(root)) throw new BulwarkError('InvalidParameter', { field: '--root', reason: `${root} is not a directory` });
        const report = await scanOnce({ root, policyFiles: flags.policy.map((f) => resolve(f)), inventory: flags.inventory, allowCommands: flags.commands, vulnFeeds: flags.vulnFeed.map((f) => resolve(f)) });
        for (const w of report.warnings) process.stderr.write(`warning: ${w.policy} check ${w.check}: ${w.reason}\n`);
        process.stdout.write(flags.format === 'json' ? `${JSON.stringify(report)}\n` : scanTable(report) + (report.vulnerabilities ? vulnerabilitiesTable(report.vulnerabilities) : ''));
        return report.summary.failed > 0 || (report.vulnerabilities?.findings.length ?? 0) > 0 ? EXIT_FAILURE : EXIT_OK;
      }),
    );
  registerAgentEnroll(agent);
  registerAgentDetect(agent);
  registerAgentRespond(agent);
  return agent;
}
