import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Authorizer } from '../iam/authorizer.js';
import type { Caller } from '../iam/caller.js';
import { testDialects } from '../openapi/test-support/iam-fixture.js';
import type { IamTables } from '../iam/tables.js';
import type { Platform } from '../server/platform.js';
import type { BaselineReport } from './baseline-report.js';
import { GET_HOST_TASKS_ACTION, REPORT_HOST_ACTION } from './api.js';
import { HOSTS_GROUP, hostResource } from './host-identity.js';
import type { HostService } from './service.js';
import { inventoryOf, pkg, port } from './test-support/inventory.js';
import { hostServiceFixture, testMeta, type HostServiceFixture } from './test-support/service.js';

const meta = testMeta;

function baseline(results: Record<string, 'passed' | 'failed' | 'not applicable'>): BaselineReport {
  return {
    policies: [{ id: 'bulwark_debian12', name: 'Bulwark Debian 12', checks: Object.entries(results).map(([id, result]) => ({ id, title: `check ${id}`, result, remediation: `fix ${id}`, compliance: { cis: ['5.1'] } })) }],
  };
}

describe.each(testDialects())('host registry on %s', (dialect) => {
  let f: HostServiceFixture;
  let platform: Platform;
  let service: HostService;
  let root: Caller;
  let clock: HostServiceFixture['clock'];
  let events: HostServiceFixture['events'];
  let invalidated: string[];

  beforeEach(async () => {
    f = await hostServiceFixture(dialect);
    ({ platform, service, root, clock, events, invalidated } = f);
  });
  afterEach(async () => f.dispose());

  const db = () => f.db();
  const enrolled = (hostname?: string) => f.enrolled(hostname);

  it('enrolls with a one-time token into a host identity that may report only about its own host', async () => {
    const token = await service.createToken(root, meta, { ttlSeconds: 3600, label: 'prod' });
    expect(token.Token).toMatch(/^bwe_[A-Za-z0-9_-]{32}$/);
    const stored = await db().selectFrom('hosts_enrollment_tokens').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token.Token);
    expect(stored.expires_at).toBe('2026-01-01T01:00:00Z');

    const e = await service.enroll(meta, { token: token.Token, hostname: 'web-1', os: 'Debian 12', agentVersion: '0.1.0' });
    expect(e).toMatchObject({ AccountId: root.accountId, UserName: `host-${e.HostId}` });
    expect(e.HostId).toMatch(/^[0-9a-f]{16}$/);
    expect(e.AccessKeySecret).toHaveLength(30);
    await expect(service.enroll(meta, { token: token.Token, hostname: 'web-2', os: '', agentVersion: '' })).rejects.toMatchObject({ code: 'Hosts.InvalidToken', params: { reason: 'already used' } });
    await expect(service.enroll(meta, { token: 'bwe_nonsense-token', hostname: 'x', os: '', agentVersion: '' })).rejects.toMatchObject({ code: 'Hosts.InvalidToken', params: { reason: 'unknown token' } });

    // the identity: user in the hosts group, its own policy attached, one AccessKey
    const user = await db().selectFrom('iam_users').selectAll().where('name', '=', e.UserName).executeTakeFirstOrThrow();
    const groups = await db().selectFrom('iam_group_members as m').innerJoin('iam_groups as g', 'g.id', 'm.group_id').select('g.name').where('m.user_id', '=', user.id).execute();
    expect(groups.map((g) => g.name)).toEqual([HOSTS_GROUP]);
    const keys = await db().selectFrom('iam_access_keys').select('id').where('user_id', '=', user.id).execute();
    expect(keys.map((k) => k.id)).toEqual([e.AccessKeyId]);
    expect(invalidated).toEqual(expect.arrayContaining(['policy', 'membership']));

    const authorizer = new Authorizer(() => platform.storage.db<IamTables>() as Kysely<IamTables>);
    const caller: Caller = { ...root, principalType: 'user', principalId: user.id, principalName: user.name };
    const own = hostResource(root.accountId, e.HostId);
    expect((await authorizer.authorize(caller, { action: REPORT_HOST_ACTION, resource: own })).allowed).toBe(true);
    expect((await authorizer.authorize(caller, { action: GET_HOST_TASKS_ACTION, resource: own })).allowed).toBe(true);
    expect((await authorizer.authorize(caller, { action: REPORT_HOST_ACTION, resource: hostResource(root.accountId, '0123456789abcdef') })).allowed).toBe(false);
    expect((await authorizer.authorize(caller, { action: 'bulwark:ListHosts', resource: 'acs:bulwark:*:*:host/*' })).allowed).toBe(false);
    expect((await authorizer.authorize(caller, { action: 'ram:CreateUser', resource: '*' })).allowed).toBe(false);

    // every change is in the audit trail, without the secret or the token
    const trail = await platform.audit.list({ accountId: root.accountId, limit: 50 });
    const names = trail.map((r) => r.event.eventName);
    expect(names).toEqual(expect.arrayContaining(['CreateEnrollmentToken', 'EnrollHost', 'CreateUser', 'CreateGroup', 'AddUserToGroup', 'CreatePolicy', 'AttachPolicyToUser', 'CreateAccessKey']));
    expect(JSON.stringify(trail)).not.toContain(e.AccessKeySecret);
    expect(JSON.stringify(trail)).not.toContain(token.Token);

    // a second host joins the existing group
    const second = await enrolled('db-1');
    expect(second.e.HostId).not.toBe(e.HostId);
    expect(await db().selectFrom('iam_groups').select('name').where('name', '=', HOSTS_GROUP).execute()).toHaveLength(1);
  });

  it('lists tokens with their status and revokes unused ones', async () => {
    const used = await enrolled('web-1');
    const unused = await service.createToken(root, meta, { ttlSeconds: 120, label: 'spare' });
    const short = await service.createToken(root, meta, { ttlSeconds: 1, label: 'short' });
    clock.advance(2_000);
    const tokens = await service.listTokens(root.accountId);
    expect(tokens.map((t) => [t.Label, t.Status, t.HostId]).sort()).toEqual([['prod', 'used', used.e.HostId], ['short', 'expired', undefined], ['spare', 'unused', undefined]]);
    expect(JSON.stringify(tokens)).not.toContain(unused.Token);
    const usedId = tokens.find((t) => t.Status === 'used')!.TokenId;
    await expect(service.revokeToken(root, meta, usedId)).rejects.toMatchObject({ code: 'Hosts.TokenNotFound' });
    await service.revokeToken(root, meta, unused.TokenId);
    await expect(service.enroll(meta, { token: unused.Token, hostname: 'x', os: '', agentVersion: '' })).rejects.toMatchObject({ code: 'Hosts.InvalidToken', params: { reason: 'unknown token' } });
    await service.revokeToken(root, meta, short.TokenId);
    expect((await service.listTokens(root.accountId)).map((t) => t.Label)).toEqual(['prod']);
  });

  it('refuses expired tokens and writes nothing for them', async () => {
    const token = await service.createToken(root, meta, { ttlSeconds: 60, label: '' });
    clock.advance(61_000);
    await expect(service.enroll(meta, { token: token.Token, hostname: 'late', os: '', agentVersion: '' })).rejects.toMatchObject({ code: 'Hosts.InvalidToken', params: { reason: 'expired' } });
    expect(await db().selectFrom('hosts_hosts').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('iam_users').select('id').where('name', 'like', 'host-%').execute()).toEqual([]);
    const row = await db().selectFrom('hosts_enrollment_tokens').select('used_at').executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
  });

  it('binds reports to the identity of the host', async () => {
    const a = await enrolled('web-1');
    const b = await enrolled('web-2');
    await expect(service.heartbeat(a.caller, meta, b.e.HostId, {})).rejects.toMatchObject({ code: 'Hosts.NotOwnHost', status: 403 });
    await expect(service.reportInventory(a.caller, meta, b.e.HostId, inventoryOf([], []))).rejects.toMatchObject({ code: 'Hosts.NotOwnHost' });
    await expect(service.reportBaseline(root, meta, a.e.HostId, baseline({}))).rejects.toMatchObject({ code: 'Hosts.NotOwnHost' });
    clock.advance(5_000);
    expect(await service.heartbeat(a.caller, meta, a.e.HostId, { agentVersion: '0.2.0' })).toEqual({ LastSeenAt: '2026-01-01T00:00:05Z' });
    const hosts = await service.list(root.accountId);
    expect(hosts.find((h) => h.HostId === a.e.HostId)).toMatchObject({ AgentVersion: '0.2.0', LastSeenAt: '2026-01-01T00:00:05Z' });
  });

  it('keeps the latest inventory and its changes; new packages and listening ports become events', async () => {
    const { e, caller } = await enrolled();
    expect(await service.reportInventory(caller, meta, e.HostId, inventoryOf([pkg('openssl', '3.0.1'), pkg('bash', '5.2')], [port(22)]))).toEqual({ Changes: 0 });
    expect(events).toEqual([]);
    clock.advance(3_600_000);
    const next = inventoryOf([pkg('openssl', '3.0.2'), pkg('bash', '5.2'), pkg('redis-server', '7.0')], [port(22), port(6379, '0.0.0.0', 'redis-server')], '2026-01-01T01:00:00.000Z');
    expect(await service.reportInventory(caller, meta, e.HostId, next)).toEqual({ Changes: 3 });
    expect(events.map((d) => d['event.action']).sort()).toEqual(['package-added', 'package-upgraded', 'port-opened']);
    const opened = events.find((d) => d['event.action'] === 'port-opened')!;
    expect(opened).toMatchObject({ 'host.id': e.HostId, 'destination.port': 6379, 'process.name': 'redis-server', 'cloud.account.id': root.accountId, 'event.module': 'agent' });
    const findings = await service.findings(root.accountId, 'web-1', { inventory: true });
    expect(findings.Changes.map((c) => c.Kind).sort()).toEqual(['package-added', 'package-upgraded', 'port-opened']);
    expect((findings.Inventory as { packages: unknown[] }).packages).toHaveLength(3);
    expect(findings.Host.InventoryCollectedAt).toBe('2026-01-01T01:00:00.000Z');
  });

  it('keeps baseline results with pass rates; checks that start failing or are fixed become events', async () => {
    const { e, caller } = await enrolled();
    const first = await service.reportBaseline(caller, meta, e.HostId, baseline({ '1': 'passed', '2': 'failed', '3': 'passed', '4': 'not applicable' }));
    expect(first).toEqual({ Policies: [{ policyId: 'bulwark_debian12', passed: 2, failed: 1, notApplicable: 1, passRate: 67 }], Changes: 1 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ 'event.action': 'baseline-check-failed', 'rule.id': '2', 'rule.category': 'bulwark_debian12', 'event.kind': 'alert' });
    events.length = 0;
    clock.advance(60_000);
    const second = await service.reportBaseline(caller, meta, e.HostId, baseline({ '1': 'failed', '2': 'passed', '3': 'passed', '4': 'not applicable' }));
    expect(second.Changes).toBe(2);
    expect(events.map((d) => `${String(d['event.action'])}:${String(d['rule.id'])}`).sort()).toEqual(['baseline-check-failed:1', 'baseline-check-fixed:2']);
    events.length = 0;
    clock.advance(60_000);
    expect((await service.reportBaseline(caller, meta, e.HostId, baseline({ '1': 'failed', '2': 'passed', '3': 'passed' }))).Changes).toBe(0);
    expect(events).toEqual([]);
    const f = await service.findings(root.accountId, e.HostId);
    expect(f.Policies).toEqual([expect.objectContaining({ PolicyId: 'bulwark_debian12', Passed: 2, Failed: 1, NotApplicable: 0, PassRate: 67 })]);
    // still failing since the second report
    expect(f.Failed).toEqual([expect.objectContaining({ CheckId: '1', Remediation: 'fix 1', Compliance: { cis: ['5.1'] }, Since: '2026-01-01T00:01:00Z' })]);
    expect((await service.list(root.accountId))[0]!.Baseline).toEqual({ Passed: 2, Failed: 1, NotApplicable: 0, PassRate: 67 });
  });

  it('hands "scan now" tasks to the host until it acknowledges them', async () => {
    const { e, caller } = await enrolled('web-1');
    const task = await service.createTask(root, meta, { host: 'web-1', kind: 'scan' });
    expect(task).toMatchObject({ HostId: e.HostId, Kind: 'scan', Status: 'pending' });
    const pulled = await service.pullTasks(caller, meta, e.HostId);
    expect(pulled).toEqual([expect.objectContaining({ TaskId: task.TaskId, Status: 'delivered' })]);
    expect(await service.pullTasks(caller, meta, e.HostId)).toHaveLength(1);
    expect(await service.ackTask(caller, meta, e.HostId, { taskId: task.TaskId, status: 'done', message: '' })).toMatchObject({ Status: 'done' });
    expect(await service.pullTasks(caller, meta, e.HostId)).toEqual([]);
    expect((await service.findings(root.accountId, 'web-1')).Tasks).toEqual([expect.objectContaining({ TaskId: task.TaskId, Status: 'done' })]);
    await expect(service.ackTask(caller, meta, e.HostId, { taskId: 'nope', status: 'done', message: '' })).rejects.toMatchObject({ code: 'Hosts.TaskNotFound' });
    await expect(service.createTask(root, meta, { host: 'missing', kind: 'scan' })).rejects.toMatchObject({ code: 'Hosts.HostNotFound' });
  });

  it('takes a repeated acknowledgement as is but refuses one that rewrites the outcome or comes before delivery', async () => {
    const { e, caller } = await enrolled('web-ack');
    const early = await service.createTask(root, meta, { host: 'web-ack', kind: 'scan' });
    await expect(service.ackTask(caller, meta, e.HostId, { taskId: early.TaskId, status: 'done', message: '' })).rejects.toMatchObject({ code: 'Hosts.TaskStateConflict' });
    await service.pullTasks(caller, meta, e.HostId);
    const first = await service.ackTask(caller, meta, e.HostId, { taskId: early.TaskId, status: 'failed', message: 'disk full' });
    expect(first).toMatchObject({ Status: 'failed' });
    clock.advance(1_000);
    expect(await service.ackTask(caller, meta, e.HostId, { taskId: early.TaskId, status: 'failed', message: 'retry' })).toMatchObject({ Status: 'failed', FinishedDate: first.FinishedDate, Message: 'disk full' });
    await expect(service.ackTask(caller, meta, e.HostId, { taskId: early.TaskId, status: 'done', message: '' })).rejects.toMatchObject({ code: 'Hosts.TaskStateConflict' });
    expect((await service.findings(root.accountId, 'web-ack')).Tasks).toEqual([expect.objectContaining({ TaskId: early.TaskId, Status: 'failed' })]);
  });

  it('deletes a host with its identity and everything reported about it', async () => {
    const { e, caller } = await enrolled('gone-1');
    const keep = await enrolled('kept-1');
    await service.reportInventory(caller, meta, e.HostId, inventoryOf([pkg('bash', '5.2')], []));
    await service.reportBaseline(caller, meta, e.HostId, baseline({ '1': 'failed' }));
    await service.createTask(root, meta, { host: e.HostId, kind: 'scan' });
    invalidated.length = 0;
    expect(await service.deleteHost(root, meta, 'gone-1')).toEqual({ HostId: e.HostId });
    await expect(service.findings(root.accountId, e.HostId)).rejects.toMatchObject({ code: 'Hosts.HostNotFound' });
    for (const table of ['hosts_inventories', 'hosts_inventory_changes', 'hosts_baseline_results', 'hosts_baseline_policies', 'hosts_tasks'] as const) {
      expect(await db().selectFrom(table).select('host_id').where('host_id', '=', e.HostId).execute()).toEqual([]);
    }
    expect(await db().selectFrom('iam_users').select('id').where('name', '=', e.UserName).execute()).toEqual([]);
    expect(await db().selectFrom('iam_access_keys').select('id').where('id', '=', e.AccessKeyId).execute()).toEqual([]);
    expect(await db().selectFrom('iam_policies').select('id').where('name', '=', `BulwarkHost-${e.HostId}`).execute()).toEqual([]);
    expect(invalidated).toEqual(expect.arrayContaining(['credential', 'policy', 'membership']));
    await expect(service.heartbeat(caller, meta, e.HostId, {})).rejects.toMatchObject({ code: 'Hosts.NotOwnHost' });
    // the other host and the group stay
    expect((await service.list(root.accountId)).map((h) => h.HostId)).toEqual([keep.e.HostId]);
    expect(await db().selectFrom('iam_groups').select('name').where('name', '=', HOSTS_GROUP).execute()).toHaveLength(1);
    const names = (await platform.audit.list({ accountId: root.accountId, limit: 20 })).map((r) => r.event.eventName);
    expect(names).toEqual(expect.arrayContaining(['DeleteHost', 'DeleteAccessKey', 'DetachPolicyFromUser', 'RemoveUserFromGroup', 'DeleteUser', 'DeletePolicy']));
  });
});
