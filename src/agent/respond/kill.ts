import { setTimeout as sleep } from 'node:timers/promises';
import { BulwarkError } from '../../core/errors.js';
import { readProcess } from '../collectors/processes.js';
import { readStat } from '../collectors/proc.js';
import { responseRecord, type ResponseRecord } from './record.js';

export interface KillOptions {
  /** time to wait after SIGTERM before SIGKILL (ms); default 5000 */
  graceMs?: number;
  procDir?: string;
}

/** Gone, a zombie (only its parent can reap it), or the pid now belongs to another process. */
function exited(procDir: string, pid: number, startTicks: number): boolean {
  const stat = readStat(procDir, pid);
  return !stat || stat.state === 'Z' || stat.state === 'X' || stat.startTicks !== startTicks;
}

async function waitExit(procDir: string, pid: number, startTicks: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (exited(procDir, pid, startTicks)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return;
    throw new BulwarkError('Agent.Respond.KillFailed', { pid, reason: code === 'EPERM' ? 'not permitted (run the agent as root)' : String((e as Error).message) });
  }
}

/**
 * Stops a process: SIGTERM, then SIGKILL after the grace period. Refuses pid 1, the agent itself
 * and its parent. The record keeps the command line, executable and user (a killed process cannot
 * be revived; this is what it would take to start it again).
 */
export async function killProcess(pid: number, options: KillOptions = {}): Promise<ResponseRecord> {
  const procDir = options.procDir ?? '/proc';
  if (!Number.isSafeInteger(pid) || pid < 1) throw new BulwarkError('InvalidParameter', { field: 'PID', reason: 'expected a positive integer' });
  if (pid === 1) throw new BulwarkError('Agent.Respond.ProtectedProcess', { pid, reason: 'it is init' });
  if (pid === process.pid) throw new BulwarkError('Agent.Respond.ProtectedProcess', { pid, reason: 'it is this agent' });
  if (pid === process.ppid) throw new BulwarkError('Agent.Respond.ProtectedProcess', { pid, reason: "it is this agent's parent" });
  const info = readProcess(procDir, pid);
  if (!info) throw new BulwarkError('Agent.Respond.ProcessNotFound', { pid });
  if (info.commandLine === '' && info.executable === null) throw new BulwarkError('Agent.Respond.ProtectedProcess', { pid, reason: 'it is a kernel thread' });
  signal(pid, 'SIGTERM');
  let used: NodeJS.Signals = 'SIGTERM';
  if (!(await waitExit(procDir, pid, info.startTicks, options.graceMs ?? 5000))) {
    used = 'SIGKILL';
    signal(pid, 'SIGKILL');
    if (!(await waitExit(procDir, pid, info.startTicks, 5000))) throw new BulwarkError('Agent.Respond.KillFailed', { pid, reason: 'still running after SIGKILL (uninterruptible sleep?)' });
  }
  return responseRecord({
    action: 'kill',
    target: String(pid),
    outcome: 'done',
    details: { name: info.name, commandLine: info.commandLine, executable: info.executable, uid: info.uid, ppid: info.ppid, signal: used },
    undo: null,
  });
}
