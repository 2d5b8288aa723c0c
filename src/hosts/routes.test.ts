import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostClient } from '../agent/host-client.js';
import type { AgentState } from '../agent/state.js';
import { signedPost, type AccessKey } from '../events/client.js';
import { SEARCH_EVENTS_ACTION, SEARCH_PATH } from '../events/routes.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { CREATE_TASK_ACTION, CREATE_TOKEN_ACTION, DELETE_HOST_ACTION, ENROLL_PATH, LIST_TOKENS_ACTION, GET_FINDINGS_ACTION, LIST_HOSTS_ACTION, REPORT_HOST_ACTION, adminPath, hostPath } from './api.js';
import { inventoryOf, pkg, port } from './test-support/inventory.js';

describe('hosts HTTP API', () => {
  let t: TestServer;
  let root: AccessKey;
  beforeAll(async () => {
    t = await startTestServer();
    root = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  });
  afterAll(async () => t?.close());

  const admin = async (what: Parameters<typeof adminPath>[0], action: string, body: unknown, key: AccessKey = root) => signedPost(t.server.url, adminPath(what), Buffer.from(JSON.stringify(body)), 'application/json', key, action);
  const enroll = (body: unknown) => fetch(`${t.server.url}${ENROLL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function enrolledHost(hostname: string): Promise<AgentState> {
    const token = (await admin('tokens', CREATE_TOKEN_ACTION, { ttlSeconds: 600 })).json as { Token: string };
    const r = await enroll({ token: token.Token, hostname });
    expect(r.status).toBe(200);
    const e = (await r.json()) as { HostId: string; AccountId: string; UserName: string; AccessKeyId: string; AccessKeySecret: string };
    return { version: 1, server: t.server.url, hostId: e.HostId, accountId: e.AccountId, userName: e.UserName, accessKeyId: e.AccessKeyId, accessKeySecret: e.AccessKeySecret, enrolledAt: new Date().toISOString() };
  }

  it('creates single-use tokens and enrolls hosts that report about themselves', async () => {
    const created = await admin('tokens', CREATE_TOKEN_ACTION, { ttlSeconds: 600, label: 'web' });
    expect(created.status).toBe(200);
    const { Token } = created.json as { Token: string };
    const first = await enroll({ token: Token, hostname: 'web-1', os: 'Debian 12' });
    expect(first.status).toBe(200);
    const again = await enroll({ token: Token, hostname: 'web-1' });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ Code: 'Hosts.InvalidToken' });
    const tokens = (await admin('tokens/list', LIST_TOKENS_ACTION, {})).json as { Tokens: Array<{ Status: string; Label: string }> };
    expect(tokens.Tokens).toEqual([expect.objectContaining({ Label: 'web', Status: 'used' })]);
    const malformed = await enroll({ token: Token, hostname: 'web-1', extra: 1 });
    expect(malformed.status).toBe(400);
    expect((await admin('tokens', CREATE_TOKEN_ACTION, { ttlSeconds: 0 })).json).toMatchObject({ Code: 'InvalidParameter' });

    const a = new HostClient(await enrolledHost('web-1'));
    await a.report('heartbeat', { agentVersion: '1.0.0' });
    expect(await a.report('inventory', inventoryOf([pkg('openssl', '3.0.1')], [port(22)]))).toMatchObject({ Changes: 0 });
    expect(await a.report('inventory', inventoryOf([pkg('openssl', '3.0.1')], [port(22), port(6379, '0.0.0.0', 'redis-server')]))).toMatchObject({ Changes: 1 });
    const baseline = { policies: [{ id: 'bulwark_debian12', name: 'Debian 12', checks: [{ id: 1, title: 'SSH root login disabled', result: 'failed', remediation: 'PermitRootLogin no', compliance: {}, references: [] }, { id: 2, title: 'x', result: 'passed' }] }] };
    expect(await a.report('baseline', baseline)).toMatchObject({ Policies: [{ policyId: 'bulwark_debian12', passRate: 50 }], Changes: 1 });

    const list = (await admin('list', LIST_HOSTS_ACTION, {})).json as { Hosts: Array<{ HostId: string; Baseline: { PassRate: number } }> };
    expect(list.Hosts.find((h) => h.HostId === a.hostId)).toMatchObject({ Baseline: { PassRate: 50 } });
    const findings = (await admin('findings', GET_FINDINGS_ACTION, { host: a.hostId })).json as { Failed: Array<{ CheckId: string }>; Changes: Array<{ Kind: string }> };
    expect(findings.Failed.map((f) => f.CheckId)).toEqual(['1']);
    expect(findings.Changes.map((c) => c.Kind)).toEqual(['port-opened']);

    // result changes are events in the security center
    const search = await signedPost(t.server.url, SEARCH_PATH, Buffer.from(JSON.stringify({ query: `host.id:${a.hostId}` })), 'application/json', root, SEARCH_EVENTS_ACTION);
    const actions = (search.json as { events: Array<Record<string, unknown>> }).events.map((e) => (e.event as { action: string }).action).sort();
    expect(actions).toEqual(['baseline-check-failed', 'port-opened']);
  });

  it('refuses a host identity anything but its own host', async () => {
    const a = await enrolledHost('a');
    const b = await enrolledHost('b');
    const aKey = { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret };
    const other = await signedPost(t.server.url, hostPath(b.hostId, 'heartbeat'), Buffer.from('{}'), 'application/json', aKey, REPORT_HOST_ACTION);
    expect(other.status).toBe(403);
    expect(other.json).toMatchObject({ Code: 'NoPermission' });
    const unknown = await signedPost(t.server.url, hostPath('0123456789abcdef', 'inventory'), Buffer.from('{}'), 'application/json', aKey, REPORT_HOST_ACTION);
    expect(unknown.status).toBe(403);
    expect((await admin('list', LIST_HOSTS_ACTION, {}, aKey)).status).toBe(403);
    expect((await admin('tokens', CREATE_TOKEN_ACTION, {}, aKey)).status).toBe(403);
    // events about its own host are stamped with that host, whatever the agent wrote
    const forged = [{ message: 'ssh brute force', 'event.action': 'ssh-brute-force', host: { id: b.hostId }, cloud: { account: { id: 'other' } } }];
    const pushed = await signedPost(t.server.url, hostPath(a.hostId, 'events'), Buffer.from(JSON.stringify(forged)), 'application/json', aKey, REPORT_HOST_ACTION);
    expect(pushed.json).toMatchObject({ accepted: 1 });
    const found = await signedPost(t.server.url, SEARCH_PATH, Buffer.from(JSON.stringify({ query: 'event.action:ssh-brute-force' })), 'application/json', root, SEARCH_EVENTS_ACTION);
    expect((found.json as { events: unknown[] }).events).toEqual([expect.objectContaining({ host: expect.objectContaining({ id: a.hostId, name: 'a' }), cloud: { account: { id: t.root.accountId } } })]);
    expect((await signedPost(t.server.url, hostPath(b.hostId, 'events'), Buffer.from(JSON.stringify(forged)), 'application/json', aKey, REPORT_HOST_ACTION)).status).toBe(403);
    // the root account may call the API, but it is not the host's identity
    const asRoot = await signedPost(t.server.url, hostPath(a.hostId, 'heartbeat'), Buffer.from('{}'), 'application/json', root, REPORT_HOST_ACTION);
    expect(asRoot.json).toMatchObject({ Code: 'Hosts.NotOwnHost' });
    const unsigned = await fetch(`${t.server.url}${hostPath(a.hostId, 'heartbeat')}`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(unsigned.status).toBeLessThan(500);
  });

  it('validates reports and limits their size', async () => {
    const a = await enrolledHost('c');
    const key = { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret };
    const big = await signedPost(t.server.url, hostPath(a.hostId, 'heartbeat'), Buffer.from(JSON.stringify({ os: 'x'.repeat(64 * 1024) })), 'application/json', key, REPORT_HOST_ACTION);
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ Code: 'Hosts.ReportTooLarge' });
    const bad = await signedPost(t.server.url, hostPath(a.hostId, 'baseline'), Buffer.from(JSON.stringify({ policies: [{ id: 'p', name: 'p', checks: [{ id: 1, title: 't', result: 'maybe' }] }] })), 'application/json', key, REPORT_HOST_ACTION);
    expect(bad.status).toBe(400);
    expect((bad.json as { Message: string }).Message).toContain('policies.0.checks.0.result');
    const notJson = await signedPost(t.server.url, hostPath(a.hostId, 'inventory'), Buffer.from('{'), 'application/json', key, REPORT_HOST_ACTION);
    expect(notJson.json).toMatchObject({ Code: 'InvalidParameter' });
  });

  it('queues "scan now" for the agent to pull and acknowledge', async () => {
    const a = new HostClient(await enrolledHost('d'));
    const created = await admin('tasks', CREATE_TASK_ACTION, { host: a.hostId });
    const { Task } = created.json as { Task: { TaskId: string } };
    const pulled = (await a.report('tasks/pull', {})) as { Tasks: Array<{ TaskId: string; Kind: string }> };
    expect(pulled.Tasks).toEqual([expect.objectContaining({ TaskId: Task.TaskId, Kind: 'scan' })]);
    expect(await a.report('tasks/ack', { taskId: Task.TaskId, status: 'done' })).toMatchObject({ Task: { Status: 'done' } });
    expect(((await a.report('tasks/pull', {})) as { Tasks: unknown[] }).Tasks).toEqual([]);
    // a deleted host's AccessKey stops working at once
    expect((await admin('delete', DELETE_HOST_ACTION, { host: 'd' })).json).toMatchObject({ HostId: a.hostId });
    await expect(a.report('heartbeat', {})).rejects.toMatchObject({ code: 'Agent.ServerRejected', message: expect.stringContaining('InvalidAccessKeyId') });
  });
});
