import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostClient } from '../agent/host-client.js';
import { rootContext } from '../console/test-support/root-context.js';
import { signedPost, type AccessKey } from '../events/client.js';
import { createAccessKey } from '../iam/access-keys.js';
import { attachPolicy } from '../iam/attachments.js';
import { createPolicy } from '../iam/policies.js';
import { createUser } from '../iam/users.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { CREATE_TASK_ACTION, CREATE_TOKEN_ACTION, ENROLL_PATH, GET_FINDINGS_ACTION, LIST_HOSTS_ACTION, RESPOND_HOST_ACTION, adminPath } from './api.js';

describe('hosts API for the console: summary, detail, response actions', () => {
  let t: TestServer;
  let root: AccessKey;
  let scanner: AccessKey;
  beforeAll(async () => {
    t = await startTestServer();
    root = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
    // a user who may run scans on hosts but no response actions
    const ctx = rootContext(t.server.platform, t.root.accountId);
    await createUser(ctx, { UserName: 'scanner' });
    await createPolicy(ctx, { PolicyName: 'HostScans', PolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: [CREATE_TASK_ACTION, LIST_HOSTS_ACTION], Resource: '*' }] }) });
    await attachPolicy(ctx, 'User', { PolicyType: 'Custom', PolicyName: 'HostScans', PrincipalName: 'scanner' });
    const key = await createAccessKey(ctx, { UserName: 'scanner' });
    scanner = { accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret };
  });
  afterAll(async () => t?.close());

  const admin = async (what: Parameters<typeof adminPath>[0], action: string, body: unknown, key: AccessKey = root) => signedPost(t.server.url, adminPath(what), Buffer.from(JSON.stringify(body)), 'application/json', key, action);

  it('lists hosts with risk and status, details one, and guards response actions with their own RAM action', async () => {
    const token = (await admin('tokens', CREATE_TOKEN_ACTION, { ttlSeconds: 600 })).json as { Token: string };
    const e = (await (await fetch(`${t.server.url}${ENROLL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token.Token, hostname: 'web-9' }) })).json()) as { HostId: string; AccountId: string; UserName: string; AccessKeyId: string; AccessKeySecret: string };
    const agent = new HostClient({ version: 1, server: t.server.url, hostId: e.HostId, accountId: e.AccountId, userName: e.UserName, accessKeyId: e.AccessKeyId, accessKeySecret: e.AccessKeySecret, enrolledAt: new Date().toISOString() });
    await agent.report('heartbeat', {});
    await agent.report('baseline', { policies: [{ id: 'p', name: 'P', checks: [{ id: 7, title: 'Root login', result: 'failed', remediation: 'PermitRootLogin no', rationale: 'Accountability.', condition: 'all', rules: ['f:/etc/ssh/sshd_config -> r:PermitRootLogin no'], references: ['https://example.com'] }] }] });

    const summary = await admin('summary', LIST_HOSTS_ACTION, {});
    expect(summary.status).toBe(200);
    expect(summary.json).toMatchObject({ TotalCount: 1, PageNumber: 1, PageSize: 20 });
    expect((await admin('summary', LIST_HOSTS_ACTION, { pageSize: 1000 })).json).toMatchObject({ Code: 'InvalidParameter' });
    expect((summary.json as { Hosts: unknown[] }).Hosts).toEqual([expect.objectContaining({ HostId: e.HostId, Status: 'online', Risk: expect.objectContaining({ Score: 1, Level: 'low' }), Alerts: { High: 0, Total: 0 } })]);

    const detail = (await admin('detail', GET_FINDINGS_ACTION, { host: 'web-9' })).json as { Checks: Array<Record<string, unknown>> };
    expect(detail.Checks).toEqual([expect.objectContaining({ CheckId: '7', Result: 'failed', Remediation: 'PermitRootLogin no', Rationale: 'Accountability.', Rules: ['f:/etc/ssh/sshd_config -> r:PermitRootLogin no'], References: ['https://example.com'] })]);
    expect((await admin('detail', GET_FINDINGS_ACTION, {})).json).toMatchObject({ Code: 'MissingParameter' });

    // response actions: validated field by field, and only with bulwark:CreateHostResponse
    const bad = await admin('tasks', RESPOND_HOST_ACTION, { host: 'web-9', kind: 'respond', response: { action: 'block', target: 'not-an-ip' } });
    expect(bad.status).toBe(400);
    expect((bad.json as { Message: string }).Message).toContain('response.target');
    expect((await admin('tasks', RESPOND_HOST_ACTION, { host: 'web-9', kind: 'respond' })).json).toMatchObject({ Code: 'InvalidParameter' });
    expect((await admin('tasks', CREATE_TASK_ACTION, { host: 'web-9' }, scanner)).status).toBe(200);
    const refused = await admin('tasks', RESPOND_HOST_ACTION, { host: 'web-9', kind: 'respond', response: { action: 'kill', target: '4242' } }, scanner);
    expect(refused.status).toBe(403);
    const queued = await admin('tasks', RESPOND_HOST_ACTION, { host: 'web-9', kind: 'respond', response: { action: 'block', target: '203.0.113.9', durationSeconds: 60 } });
    const task = (queued.json as { Task: { TaskId: string; Response: unknown } }).Task;
    expect(task.Response).toEqual({ action: 'block', target: '203.0.113.9', durationSeconds: 60 });
    const pulled = (await agent.report('tasks/pull', {})) as { Tasks: Array<{ TaskId: string; Kind: string; Response?: unknown }> };
    expect(pulled.Tasks.find((x) => x.TaskId === task.TaskId)).toMatchObject({ Kind: 'respond', Response: { action: 'block', target: '203.0.113.9' } });
    await agent.report('tasks/ack', { taskId: task.TaskId, status: 'done', result: { id: 'r-1', outcome: 'done', details: {}, undo: { action: 'unblock', target: '203.0.113.9' } } });
    expect((await admin('tasks/undo', RESPOND_HOST_ACTION, { host: 'web-9', taskId: task.TaskId }, scanner)).status).toBe(403);
    const undo = await admin('tasks/undo', RESPOND_HOST_ACTION, { host: 'web-9', taskId: task.TaskId });
    expect(undo.json).toMatchObject({ Task: { Response: { action: 'unblock', target: '203.0.113.9', undoOf: task.TaskId } } });
    const again = await admin('tasks/undo', RESPOND_HOST_ACTION, { host: 'web-9', taskId: task.TaskId });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ Code: 'Hosts.CannotUndo' });
  });
});
