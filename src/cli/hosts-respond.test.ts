import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostClient } from '../agent/host-client.js';
import { signedPost } from '../events/client.js';
import { CREATE_TOKEN_ACTION, ENROLL_PATH, adminPath } from '../hosts/api.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { registerHosts } from './hosts.js';
import { runCli, type CliRun } from './test-support/run-cli.js';

/** Runs `bulwark hosts …` in-process and captures stdout, stderr and the exit code. */
const run = (args: string[], env: Record<string, string>): Promise<CliRun> => runCli(registerHosts, args, env);

describe('bulwark hosts respond | undo', () => {
  let t: TestServer;
  let env: Record<string, string>;
  let agent: HostClient;
  beforeAll(async () => {
    t = await startTestServer();
    env = { BULWARK_ACCESS_KEY_ID: t.root.accessKeyId, BULWARK_ACCESS_KEY_SECRET: t.root.accessKeySecret };
    const key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
    const token = (await signedPost(t.server.url, adminPath('tokens'), Buffer.from('{}'), 'application/json', key, CREATE_TOKEN_ACTION)).json as { Token: string };
    const e = (await (await fetch(`${t.server.url}${ENROLL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token.Token, hostname: 'cli-web' }) })).json()) as { HostId: string; AccountId: string; UserName: string; AccessKeyId: string; AccessKeySecret: string };
    agent = new HostClient({ version: 1, server: t.server.url, hostId: e.HostId, accountId: e.AccountId, userName: e.UserName, accessKeyId: e.AccessKeyId, accessKeySecret: e.AccessKeySecret, enrolledAt: new Date().toISOString() });
  });
  afterAll(async () => t?.close());

  it('queues a response action for the agent and its undo once the agent reports it done', async () => {
    const queued = await run(['hosts', 'respond', 'cli-web', 'block', '203.0.113.9', '--duration', '15m', '--format', 'json', '--server', t.server.url], env);
    expect(queued.code, queued.stderr).toBe(0);
    const task = JSON.parse(queued.stdout) as { TaskId: string; Response: unknown };
    expect(task.Response).toEqual({ action: 'block', target: '203.0.113.9', durationSeconds: 900 });
    const pulled = (await agent.report('tasks/pull', {})) as { Tasks: Array<{ TaskId: string }> };
    expect(pulled.Tasks.map((x) => x.TaskId)).toEqual([task.TaskId]);
    await agent.report('tasks/ack', { taskId: task.TaskId, status: 'done', result: { id: 'r-1', outcome: 'done', details: {}, undo: { action: 'unblock', target: '203.0.113.9' } } });

    const undo = await run(['hosts', 'undo', 'cli-web', task.TaskId, '--server', t.server.url], env);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/^task \S+ queued for host [0-9a-f]{16}: unblock 203\.0\.113\.9\n$/);
    const again = await run(['hosts', 'undo', 'cli-web', task.TaskId, '--server', t.server.url], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Hosts.CannotUndo');
  });

  it('names the bad argument', async () => {
    const action = await run(['hosts', 'respond', 'cli-web', 'reboot', 'now', '--server', t.server.url], env);
    expect(action.code).not.toBe(0);
    expect(action.stderr).toContain('ACTION');
    const target = await run(['hosts', 'respond', 'cli-web', 'kill', 'sshd', '--server', t.server.url], env);
    expect(target.code).not.toBe(0);
    expect(target.stderr).toContain('response.target');
  });
});
