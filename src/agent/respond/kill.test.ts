import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { waitForComm } from '../test-support/exec-wait.js';
import { killProcess } from './kill.js';

async function started(cmd: string, args: string[], comm: string) {
  const child = spawn(cmd, args, { stdio: 'ignore' });
  const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
  return { pid: await waitForComm(child.pid, comm), exit };
}

describe('killProcess', () => {
  it('SIGTERM stops a well-behaved process; the record keeps what it was', async () => {
    const { pid, exit } = await started('sleep', ['60'], 'sleep');
    const record = await killProcess(pid);
    expect(await exit).toBe('SIGTERM');
    expect(record).toMatchObject({ action: 'kill', target: String(pid), outcome: 'done', undo: null, details: { name: 'sleep', commandLine: 'sleep 60', signal: 'SIGTERM', ppid: process.pid } });
  });

  it('SIGKILL after the grace period for a process that ignores SIGTERM', async () => {
    const child = spawn('sh', ['-c', 'trap "" TERM; echo ready; while :; do sleep 1; done'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    await new Promise((resolve) => child.stdout.once('data', resolve)); // the trap is set
    const pid = child.pid as number;
    const record = await killProcess(pid, { graceMs: 300 });
    expect(await exit).toBe('SIGKILL');
    expect(record.details.signal).toBe('SIGKILL');
  });

  it('refuses init, itself, its parent, kernel threads and unknown pids', async () => {
    await expect(killProcess(1)).rejects.toMatchObject({ code: 'Agent.Respond.ProtectedProcess' });
    await expect(killProcess(process.pid)).rejects.toMatchObject({ code: 'Agent.Respond.ProtectedProcess' });
    await expect(killProcess(process.ppid)).rejects.toMatchObject({ code: 'Agent.Respond.ProtectedProcess' });
    await expect(killProcess(2)).rejects.toMatchObject({ code: 'Agent.Respond.ProtectedProcess' }); // kthreadd
    await expect(killProcess(0)).rejects.toMatchObject({ code: 'InvalidParameter' });
    await expect(killProcess(4_194_000)).rejects.toMatchObject({ code: 'Agent.Respond.ProcessNotFound' });
  });
});
