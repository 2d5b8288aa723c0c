import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { collectInventory } from '../agent/collectors/collect.js';
import { inventoryTable } from '../agent/collectors/inventory-table.js';
import type { EcsDocument } from '../agent/intrusion/alert.js';
import { detectSuspiciousProcesses } from '../agent/intrusion/processes.js';
import { appendActionLog, cliActor, readActionLog } from '../agent/respond/action-log.js';
import { parseAlertInput } from '../agent/respond/alert-input.js';
import { applyResponses, planResponses } from '../agent/respond/auto.js';
import { parseDuration } from '../agent/respond/duration.js';
import { killProcess } from '../agent/respond/kill.js';
import type { NftOptions } from '../agent/respond/nft.js';
import { blockIp, listBlocked, unblockIp } from '../agent/respond/nftables.js';
import { loadResponsePolicy } from '../agent/respond/policy.js';
import { listQuarantine, quarantineFile, restoreQuarantined } from '../agent/respond/quarantine.js';
import type { ResponseRecord } from '../agent/respond/record.js';
import { DEFAULT_STATE_DIR } from '../agent/state.js';
import { BulwarkError } from '../core/errors.js';
import { action, EXIT_FAILURE, EXIT_OK } from './run.js';

interface Common {
  stateDir: string;
  format: string;
  netns?: string;
}

const FORMATS = ['table', 'json'];

function checkFormat(format: string): void {
  if (!FORMATS.includes(format)) throw new BulwarkError('InvalidParameter', { field: '--format', reason: 'expected table or json' });
}

function nftOptions(flags: Common): NftOptions {
  return flags.netns ? { netns: flags.netns } : {};
}

/** The command that undoes a recorded action. */
export function undoCommand(record: ResponseRecord): string | null {
  const u = record.undo;
  if (!u) return null;
  if (u.action === 'block') return `bulwark agent block ${u.target} --duration ${Number(u.options?.durationSeconds ?? 0) > 0 ? `${String(u.options?.durationSeconds)}s` : 'permanent'}`;
  return `bulwark agent ${u.action} ${u.target}`;
}

/** Logs the action on the host, then prints it. */
async function report(record: ResponseRecord, flags: Common, summary: string): Promise<number> {
  const logged = await appendActionLog(resolve(flags.stateDir), record, cliActor());
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify(logged)}\n`);
  else {
    const undo = undoCommand(record);
    process.stdout.write(`${summary}\n${undo ? `undo: ${undo}\n` : ''}`);
  }
  return EXIT_OK;
}

function common(cmd: Command, withNetns = false): Command {
  cmd.option('--state-dir <dir>', 'agent state dir (action log, quarantine)', DEFAULT_STATE_DIR).option('--format <format>', 'table or json', 'table');
  if (withNetns) cmd.option('--netns <name>', 'apply the nftables change inside this network namespace (testing)');
  return cmd;
}

function pid(text: string): number {
  if (!/^\d+$/.test(text)) throw new BulwarkError('InvalidParameter', { field: 'PID', reason: 'expected a positive integer' });
  return Number(text);
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

function processTable(alerts: readonly EcsDocument[]): string {
  return alerts
    .map((a) => {
      const p = a.process as { pid: number };
      const rule = a.rule as { id: string };
      const t = (a.threat as { technique: { id: string } }).technique.id;
      return `${String(p.pid).padStart(7)}  ${String((a.event as { severity: number }).severity).padStart(3)}  ${t.padEnd(10)} ${rule.id.padEnd(32)} ${String(a.message)}\n`;
    })
    .join('');
}

/**
 * `bulwark agent block|unblock|blocks|kill|quarantine|restore|actions|respond` (response, audited in
 * the host's action log), `agent inventory` and `agent processes`.
 */
export function registerAgentRespond(agent: Command): void {
  common(agent.command('block').description('drop traffic from an IP address with nftables (table inet bulwark), for a while or until unblocked').argument('<ip>', 'IPv4 or IPv6 address'), true)
    .option('--duration <duration>', 'how long: 30s, 15m, 1h, 7d, or permanent', '1h')
    .action(
      action(async (ip: string, flags: Common & { duration: string }) => {
        checkFormat(flags.format);
        const seconds = parseDuration(flags.duration);
        const record = await blockIp(ip, seconds, nftOptions(flags));
        return report(record, flags, `blocked ${record.target} ${seconds > 0 ? `until ${String(record.details.expires)}` : 'until unblocked'}`);
      }),
    );

  common(agent.command('unblock').description('remove an IP address from the nftables block sets').argument('<ip>', 'IPv4 or IPv6 address'), true).action(
    action(async (ip: string, flags: Common) => {
      checkFormat(flags.format);
      const record = await unblockIp(ip, nftOptions(flags));
      return report(record, flags, record.outcome === 'done' ? `unblocked ${record.target}` : `${record.target} was not blocked`);
    }),
  );

  agent
    .command('blocks')
    .description('list blocked IP addresses and the seconds left')
    .option('--format <format>', 'table or json', 'table')
    .option('--netns <name>', 'read the nftables sets of this network namespace (testing)')
    .action(
      action(async (flags: Omit<Common, 'stateDir'>) => {
        checkFormat(flags.format);
        const blocked = await listBlocked(flags.netns ? { netns: flags.netns } : {});
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ blocked })}\n`);
        else process.stdout.write(blocked.map((b) => `${b.ip.padEnd(40)} ${b.expiresInSeconds === null ? 'permanent' : `${b.expiresInSeconds}s left`}\n`).join('') || 'no blocked addresses\n');
        return EXIT_OK;
      }),
    );

  common(agent.command('kill').description('stop a process: SIGTERM, then SIGKILL after the grace period (never pid 1 or the agent)').argument('<pid>', 'process id'))
    .option('--grace <duration>', 'wait this long after SIGTERM before SIGKILL', '5s')
    .action(
      action(async (text: string, flags: Common & { grace: string }) => {
        checkFormat(flags.format);
        const record = await killProcess(pid(text), { graceMs: parseDuration(flags.grace, '--grace') * 1000 });
        return report(record, flags, `killed ${record.target} (${String(record.details.name)}) with ${String(record.details.signal)}: ${String(record.details.commandLine)}`);
      }),
    );

  common(agent.command('quarantine').description('move a file into the quarantine (STATE_DIR/quarantine, 0700), strip its permissions and record its hash; --list shows the quarantine').argument('[file]', 'file to quarantine'))
    .option('--list', 'list quarantined files')
    .action(
      action(async (file: string | undefined, flags: Common & { list?: boolean }) => {
        checkFormat(flags.format);
        const stateDir = resolve(flags.stateDir);
        if (flags.list) {
          const entries = await listQuarantine(stateDir);
          if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ quarantined: entries })}\n`);
          else process.stdout.write(entries.map((e) => `${e.id}  ${e.quarantinedAt}  ${e.sha256.slice(0, 16)}…  ${e.originalPath}\n`).join('') || 'quarantine is empty\n');
          return EXIT_OK;
        }
        if (!file) throw new BulwarkError('MissingParameter', { field: 'FILE' });
        const record = await quarantineFile(file, stateDir);
        return report(record, flags, `quarantined ${record.target} as ${String(record.details.quarantineId)} (sha256 ${String(record.details.sha256)})`);
      }),
    );

  common(agent.command('restore').description('put a quarantined file back (mode, owner and mtime restored; never overwrites)').argument('<id>', 'quarantine id')).action(
    action(async (id: string, flags: Common) => {
      checkFormat(flags.format);
      const record = await restoreQuarantined(id, resolve(flags.stateDir));
      return report(record, flags, `restored ${String(record.details.path)}`);
    }),
  );

  common(agent.command('actions').description("show the host's response action log (block, unblock, kill, quarantine, restore)")).action(
    action(async (flags: Common) => {
      checkFormat(flags.format);
      const log = await readActionLog(resolve(flags.stateDir));
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ actions: log })}\n`);
      else process.stdout.write(log.map((a) => `${a.at}  ${a.action.padEnd(10)} ${a.target.padEnd(40)} ${a.outcome.padEnd(9)} ${a.actor}\n`).join('') || 'no actions\n');
      return EXIT_OK;
    }),
  );

  common(agent.command('respond').description('apply a response policy to alerts (the JSON output of `agent detect …` or `agent processes`, a JSON array or NDJSON; - for stdin)').argument('[alerts]', 'alerts file, or - for stdin', '-'), true)
    .requiredOption('--policy <file>', 'response policy YAML (see docs/response.md)')
    .option('--dry-run', 'only print what the policy would do')
    .action(
      action(async (input: string, flags: Common & { policy: string; dryRun?: boolean }) => {
        checkFormat(flags.format);
        const policy = loadResponsePolicy(await readFile(resolve(flags.policy), 'utf8').catch((e: unknown) => {
          throw new BulwarkError('Agent.Respond.InvalidPolicy', { source: flags.policy, field: '(file)', reason: (e as Error).message });
        }), flags.policy);
        const text = input === '-' ? await readStdin() : await readFile(resolve(input), 'utf8');
        const plan = planResponses(parseAlertInput(text, input === '-' ? 'stdin' : input), policy);
        if (flags.dryRun) {
          if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ plan })}\n`);
          else process.stdout.write(plan.map((p) => `would ${p.action} ${p.target}${p.action === 'block' ? ` for ${p.durationSeconds || 'ever'}${p.durationSeconds ? 's' : ''}` : ''} (${p.rule})\n`).join('') || 'nothing to do\n');
          return EXIT_OK;
        }
        const result = await applyResponses(plan, { stateDir: resolve(flags.stateDir), ...(flags.netns ? { nft: { netns: flags.netns } } : {}) });
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          for (const d of result.done) process.stdout.write(`${d.action} ${d.target} (${d.actor})${undoCommand(d) ? `; undo: ${undoCommand(d)}` : ''}\n`);
          for (const f of result.failed) process.stdout.write(`FAILED ${f.planned.action} ${f.planned.target} (${f.planned.rule}): ${f.error}\n`);
          if (plan.length === 0) process.stdout.write('nothing to do\n');
        }
        return result.failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
      }),
    );

  agent
    .command('inventory')
    .description('collect the asset inventory of this host (or of a directory standing in for /)')
    .option('--root <dir>', 'directory standing in for /', '/')
    .option('--format <format>', 'table or json', 'table')
    .action(
      action(async (flags: { root: string; format: string }) => {
        checkFormat(flags.format);
        const inv = await collectInventory({ root: resolve(flags.root) });
        process.stdout.write(flags.format === 'json' ? `${JSON.stringify(inv)}\n` : inventoryTable(inv));
        return EXIT_OK;
      }),
    );

  agent
    .command('processes')
    .description('look for suspicious processes: reverse shells, nc -e, /dev/tcp, binaries from /tmp or /dev/shm, deleted executables, miners (exits 1 when something is found)')
    .option('--root <dir>', 'directory standing in for / (its proc/ is read)', '/')
    .option('--sample <duration>', 'CPU sampling interval for miner-like processes', '1s')
    .option('--cpu <percent>', 'CPU use (% of one core) that confirms a miner', '50')
    .option('--host <name>', 'host.name of the alerts (default: this host)')
    .option('--format <format>', 'table or json', 'table')
    .action(
      action(async (flags: { root: string; sample: string; cpu: string; host?: string; format: string }) => {
        checkFormat(flags.format);
        const cpu = Number(flags.cpu);
        if (!Number.isFinite(cpu) || cpu <= 0) throw new BulwarkError('InvalidParameter', { field: '--cpu', reason: 'expected a positive number' });
        const alerts = await detectSuspiciousProcesses({ root: resolve(flags.root), sampleMs: Math.max(1, parseDuration(flags.sample, '--sample')) * 1000, cpuPercent: cpu, ...(flags.host ? { host: flags.host } : {}) });
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ events: alerts })}\n`);
        else process.stdout.write(`${processTable(alerts)}${alerts.length} suspicious process findings\n`);
        return alerts.length > 0 ? EXIT_FAILURE : EXIT_OK;
      }),
    );
}
