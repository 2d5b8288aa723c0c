import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForComm } from '../test-support/exec-wait.js';
import { scratchDirs } from '../test-support/tree.js';
import { readActionLog } from './action-log.js';
import { responseTaskSchema, runResponseTask, taskResult } from './task-runner.js';

const scratch = scratchDirs('bulwark-rt-');
afterAll(scratch.cleanup);

const task = (Response: Record<string, unknown>) => responseTaskSchema.parse({ TaskId: 't-1', Kind: 'respond', CreatedBy: 'alice', Response });

describe('response tasks from the server', () => {
  it('quarantines a file and restores it with the undo the agent reports back, logging both with the console user', async () => {
    const dir = scratch.make();
    const stateDir = join(scratch.make(), 'state');
    const file = join(dir, 'shell.php');
    writeFileSync(file, '<?php @eval($_POST["x"]); ?>');
    const done = await runResponseTask(task({ action: 'quarantine', target: file }), { stateDir });
    expect(existsSync(file)).toBe(false);
    const result = taskResult(done);
    expect(result).toMatchObject({ outcome: 'done', undo: { action: 'restore', target: expect.stringMatching(/^q-/) } });
    const undone = await runResponseTask(task({ action: result.undo!.action, target: result.undo!.target }), { stateDir });
    expect(undone.action).toBe('restore');
    expect(readFileSync(file, 'utf8')).toContain('eval');
    expect((await readActionLog(stateDir)).map((a) => [a.action, a.actor])).toEqual([
      ['quarantine', 'server:alice'],
      ['restore', 'server:alice'],
    ]);
  });

  it('kills a process; nothing can undo that', async () => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, sig) => resolve(sig)));
    const pid = await waitForComm(child.pid, 'sleep');
    const done = await runResponseTask(task({ action: 'kill', target: String(pid) }), { stateDir: join(scratch.make(), 'state') });
    expect(await exit).toBe('SIGTERM');
    expect(taskResult(done)).toMatchObject({ outcome: 'done', undo: null, details: { name: 'sleep' } });
  });

  it('refuses what the CLI refuses (the error goes back to the server as a failed task)', async () => {
    await expect(runResponseTask(task({ action: 'kill', target: '1' }), { stateDir: join(scratch.make(), 'state') })).rejects.toMatchObject({ code: 'Agent.Respond.ProtectedProcess' });
    await expect(runResponseTask(task({ action: 'restore', target: 'q-nothing-00000000' }), { stateDir: join(scratch.make(), 'state') })).rejects.toMatchObject({ code: expect.stringMatching(/^Agent\.Respond\./) });
  });

  it('clips long details to what the server accepts', () => {
    const r = taskResult({ id: 'r-1', at: '', action: 'kill', target: '5', outcome: 'done', details: { commandLine: 'x'.repeat(9000) }, undo: null, actor: 'cli:root' });
    expect(String(r.details.commandLine)).toHaveLength(4096);
  });
});
