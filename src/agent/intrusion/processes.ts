import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { hostname } from 'node:os';
import { collectContext, type CollectContext } from '../collectors/context.js';
import { parseOsRelease } from '../collectors/os-release.js';
import { readText } from '../collectors/read.js';
import { CLOCK_TICKS, readStat } from '../collectors/proc.js';
import { intrusionAlert, type EcsDocument } from './alert.js';
import { exePath, readProcesses, type ProcessInfo } from './process/process-info.js';
import type { ProcessFinding, ProcessRule } from './process/rule.js';
import { PROCESS_RULES } from './process/rules.js';
import { PipePeers } from './process/pipe-peers.js';
import { SocketLookup } from './process/socket-lookup.js';

export interface ProcessDetectorOptions {
  /** directory standing in for `/` (tests use fixture trees); default this machine */
  root?: string;
  /** `host.name` of the alerts */
  host?: string;
  /** CPU sampling interval for miner-like processes (ms); default 1000 */
  sampleMs?: number;
  /** CPU usage (percent of one core) over the interval that confirms a miner; default 50 */
  cpuPercent?: number;
  rules?: readonly ProcessRule[];
  /** processes never reported (default: this agent itself) */
  skipPids?: readonly number[];
  now?: () => number;
}

function processFields(p: ProcessInfo, parent: ProcessInfo | undefined): EcsDocument {
  return {
    process: {
      pid: p.pid,
      name: p.name,
      ...(p.exe !== null ? { executable: exePath(p.exe) } : {}),
      command_line: p.commandLine,
      args: p.argv.slice(0, 64),
      parent: { pid: p.ppid, ...(parent ? { name: parent.name, command_line: parent.commandLine, ...(parent.exe !== null ? { executable: exePath(parent.exe) } : {}) } : {}) },
    },
    ...(p.uid !== null ? { user: { id: String(p.uid) } } : {}),
  };
}

/** `host.*` of the alerts: the configured name, the kernel's host name and the OS. */
function hostFields(ctx: CollectContext, name: string | undefined): EcsDocument {
  const kernelName = readText(ctx.at('/proc/sys/kernel/hostname'))?.trim() || (ctx.live ? hostname() : '');
  const release = readText(ctx.at('/etc/os-release')) ?? readText(ctx.at('/usr/lib/os-release'));
  return {
    name: name ?? kernelName,
    ...(kernelName ? { hostname: kernelName } : {}),
    os: { platform: 'linux', ...(release !== undefined ? { name: parseOsRelease(release).prettyName } : {}) },
  };
}

function toAlert(rule: ProcessRule, finding: ProcessFinding, p: ProcessInfo, parent: ProcessInfo | undefined, at: number, host: EcsDocument): EcsDocument {
  const base = processFields(p, parent);
  const extra = { ...(finding.fields ?? {}) };
  const extraProcess = extra.process as EcsDocument | undefined;
  delete extra.process;
  const technique = finding.technique ?? rule.technique;
  return intrusionAlert({
    at,
    message: finding.message,
    dataset: 'agent.process',
    category: 'intrusion_detection',
    type: 'info',
    action: rule.id.slice(rule.id.lastIndexOf('.') + 1),
    severity: finding.severity ?? rule.severity,
    rule: { id: rule.id, name: rule.name, category: 'process' },
    technique: technique.id,
    techniqueName: technique.name,
    fields: { ...base, host, process: { ...(base.process as EcsDocument), ...extraProcess }, ...extra },
  });
}

/**
 * Looks at every running process once for reverse shells, `nc -e`, `/dev/tcp` redirections,
 * binaries run from temporary folders and deleted executables; miner-like processes are sampled
 * twice (`sampleMs` apart) and reported when their CPU use stays above `cpuPercent`.
 * Returns one ECS alert per finding (MITRE ATT&CK technique in `threat.technique.id`).
 */
export async function detectSuspiciousProcesses(options: ProcessDetectorOptions = {}): Promise<EcsDocument[]> {
  const ctx = collectContext(options.root);
  const procDir = ctx.at('/proc');
  const now = options.now ?? Date.now;
  const rules = options.rules ?? PROCESS_RULES;
  const skip = new Set(options.skipPids ?? (ctx.live ? [process.pid] : []));
  const processes = readProcesses(procDir, skip);
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const sockets = new SocketLookup(procDir);
  const ruleCtx = { sockets, pipes: new PipePeers(processes, procDir, sockets) };
  const host = hostFields(ctx, options.host);
  const alerts: EcsDocument[] = [];
  const candidates: Array<{ rule: ProcessRule; p: ProcessInfo }> = [];
  for (const p of processes) {
    for (const rule of rules) {
      const finding = rule.match(p, ruleCtx);
      if (!finding) continue;
      if (rule.sampled) candidates.push({ rule, p });
      else alerts.push(toAlert(rule, finding, p, byPid.get(p.ppid), now(), host));
    }
  }
  if (candidates.length > 0) {
    const started = performance.now();
    await sleep(options.sampleMs ?? 1000);
    const seconds = (performance.now() - started) / 1000;
    for (const { rule, p } of candidates) {
      const later = readStat(procDir, p.pid);
      if (!later || later.startTicks !== p.startTicks) continue;
      const cpu = ((later.cpuTicks - p.cpuTicks) / CLOCK_TICKS / seconds) * 100;
      const finding = rule.confirm?.(p, cpu, options.cpuPercent ?? 50);
      if (finding) alerts.push(toAlert(rule, finding, p, byPid.get(p.ppid), now(), host));
    }
  }
  return alerts;
}
