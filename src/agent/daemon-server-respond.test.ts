import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost, type AccessKey } from '../events/client.js';
import { SEARCH_EVENTS_ACTION, SEARCH_PATH } from '../events/routes.js';
import { CREATE_TOKEN_ACTION, ENROLL_PATH, GET_FINDINGS_ACTION, RESPOND_HOST_ACTION, adminPath } from '../hosts/api.js';
import type { HostDetail } from '../hosts/host-summary.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { capturedLogger } from '../server/test-support/capture.js';
import { AgentDaemon } from './daemon.js';
import { HostClient } from './host-client.js';

/** Until `check` holds (the agent acts at its next heartbeat), at most ~20 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met');
}

describe('response actions from the console to a running agent (real server, in process)', () => {
  let t: TestServer;
  let root: AccessKey;
  beforeAll(async () => {
    t = await startTestServer();
    root = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  });
  afterAll(async () => t?.close());

  const admin = async (what: Parameters<typeof adminPath>[0], action: string, body: unknown) => signedPost(t.server.url, adminPath(what), Buffer.from(JSON.stringify(body)), 'application/json', root, action);

  it('quarantines a file on the host, reports the undo, and restores it when undone', async () => {
    const token = (await admin('tokens', CREATE_TOKEN_ACTION, {})).json as { Token: string };
    const e = (await (await fetch(`${t.server.url}${ENROLL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token.Token, hostname: 'web-q' }) })).json()) as { HostId: string; AccountId: string; UserName: string; AccessKeyId: string; AccessKeySecret: string };
    const client = new HostClient({ version: 1, server: t.server.url, hostId: e.HostId, accountId: e.AccountId, userName: e.UserName, accessKeyId: e.AccessKeyId, accessKeySecret: e.AccessKeySecret, enrolledAt: new Date().toISOString() });
    const dir = mkdtempSync(join(tmpdir(), 'bw-respond-flow-'));
    mkdirSync(join(dir, 'root/etc'), { recursive: true });
    writeFileSync(join(dir, 'root/etc/os-release'), 'ID=debian\nVERSION_ID="12"\n');
    const shell = join(dir, 'shell.php');
    writeFileSync(shell, '<?php system($_GET["c"]); ?>');
    const daemon = new AgentDaemon({ client, logger: capturedLogger().logger, agentVersion: '1', root: join(dir, 'root'), policyFiles: [], heartbeatMs: 50, intervalMs: 3_600_000, stateDir: join(dir, 'state') });
    const running = daemon.run();
    try {
      const detail = async () => (await admin('detail', GET_FINDINGS_ACTION, { host: e.HostId })).json as HostDetail;
      const queued = (await admin('tasks', RESPOND_HOST_ACTION, { host: e.HostId, kind: 'respond', response: { action: 'quarantine', target: shell } })).json as { Task: { TaskId: string } };
      await until(async () => (await detail()).Responses.some((r) => r.TaskId === queued.Task.TaskId && r.Status === 'done'));
      expect(existsSync(shell)).toBe(false);
      const done = (await detail()).Responses.find((r) => r.TaskId === queued.Task.TaskId)!;
      expect(done.Result).toMatchObject({ outcome: 'done', undo: { action: 'restore', target: expect.stringMatching(/^q-/) } });

      const undone = await admin('tasks/undo', RESPOND_HOST_ACTION, { host: e.HostId, taskId: queued.Task.TaskId });
      expect(undone.status, JSON.stringify(undone.json)).toBe(200);
      const undo = undone.json as { Task: { TaskId: string } };
      await until(async () => (await detail()).Responses.some((r) => r.TaskId === undo.Task.TaskId && r.Status === 'done'));
      expect(readFileSync(shell, 'utf8')).toContain('system');

      // both are events in the security center, by the console user
      await until(async () => {
        const found = await signedPost(t.server.url, SEARCH_PATH, Buffer.from(JSON.stringify({ query: `host.id:${e.HostId} AND event.dataset:agent.response` })), 'application/json', root, SEARCH_EVENTS_ACTION);
        return (found.json as { total: number }).total === 2;
      });
    } finally {
      daemon.stop();
      await running;
    }
  });
});
