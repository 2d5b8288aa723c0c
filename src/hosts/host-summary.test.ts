import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VulnTables } from '../agent/vuln/tables.js';
import { testDialects } from '../openapi/test-support/iam-fixture.js';
import type { HostAlertSource } from './alert-counts.js';
import { pageOfSummaries, primaryAddress, summaryInput } from './host-summary.js';
import { HostService } from './service.js';
import { inventoryOf, pkg } from './test-support/inventory.js';
import { hostServiceFixture, testMeta as meta, type HostServiceFixture } from './test-support/service.js';

/** An event store that knows two alerts of `hostId` in the last week, one of them high. */
function alertSource(hostId: string, asked: string[]): HostAlertSource {
  return {
    async search(raw, accountId) {
      const q = (raw as { query: string; from: string }).query;
      asked.push(`${accountId}|${q}|${(raw as { from: string }).from}`);
      return { aggregations: [{ kind: 'terms', buckets: [{ key: hostId, count: q.includes('event.severity>=73') ? 1 : 2 }] }] };
    },
  };
}

const finding = (accountId: string, hostId: string, advisory: string, severity: string, status: 'open' | 'resolved' = 'open') => ({
  account_id: accountId,
  host_id: hostId,
  advisory_id: advisory,
  package: 'openssl',
  source_package: 'openssl',
  installed_version: '3.0.1',
  fixed_version: '3.0.2',
  severity,
  score: null,
  rating: null,
  aliases: '[]',
  summary: advisory,
  remediation: 'apt-get install --only-upgrade openssl=3.0.2',
  status,
  first_seen: '2026-01-01T00:00:00Z',
  last_seen: '2026-01-01T00:00:00Z',
  resolved_at: null,
});

describe.each(testDialects())('host summaries and detail on %s', (dialect) => {
  let f: HostServiceFixture;
  beforeEach(async () => {
    f = await hostServiceFixture(dialect);
  });
  afterEach(async () => f.dispose());

  it('scores risk from open vulnerabilities, failed checks and recent alerts, and says whether the agent is online', async () => {
    const { e, caller } = await f.enrolled('web-1');
    const quiet = await f.enrolled('db-1');
    const inv = { ...inventoryOf([pkg('openssl', '3.0.1')], []), addresses: [{ interface: 'lo', address: '127.0.0.1', family: 'IPv4' as const, prefixLength: 8, mac: null, internal: true }, { interface: 'eth0', address: '10.0.0.5', family: 'IPv4' as const, prefixLength: 24, mac: null, internal: false }] };
    await f.service.reportInventory(caller, meta, e.HostId, inv);
    await f.service.reportBaseline(caller, meta, e.HostId, {
      policies: [
        {
          id: 'cis',
          name: 'CIS',
          checks: [
            { id: 1, title: 'SSH root login disabled', result: 'failed', remediation: 'Set PermitRootLogin no', compliance: {}, rationale: 'Root logins cannot be traced to a person.', condition: 'all', rules: ['f:/etc/ssh/sshd_config -> r:^\\s*PermitRootLogin\\s+no'], references: [] },
            { id: 2, title: 'x', result: 'passed', compliance: {} },
            { id: 3, title: 'y', result: 'failed', compliance: {} },
          ],
        },
      ],
    });
    const vulns = f.platform.storage.db<VulnTables>() as Kysely<VulnTables>;
    await vulns.insertInto('vuln_host_findings').values([finding(f.root.accountId, e.HostId, 'CVE-1', 'critical'), finding(f.root.accountId, e.HostId, 'CVE-2', 'medium'), finding(f.root.accountId, e.HostId, 'CVE-3', 'high', 'resolved')]).execute();
    const asked: string[] = [];
    const service = new HostService({ storage: f.platform.storage, audit: f.platform.audit, clock: f.clock, sealer: f.platform.sealer, logger: f.platform.logger, alerts: alertSource(e.HostId, asked), invalidate: () => undefined });

    f.clock.advance(60_000);
    const [first, second] = await service.summaries(f.root.accountId);
    // 10 (critical) + 2 (medium) + 2 failed checks + 10 (high alert) + 3 (other alert)
    expect(first).toMatchObject({ HostId: e.HostId, Address: '10.0.0.5', Status: 'online', Vulnerabilities: { Critical: 1, High: 0, Medium: 1, Low: 0, Total: 2 }, Alerts: { High: 1, Total: 2 }, Risk: { Score: 27, Level: 'medium', Parts: { Vulnerabilities: 12, Baseline: 2, Intrusions: 13 } } });
    expect(second).toMatchObject({ HostId: quiet.e.HostId, Address: '', Risk: { Score: 0, Level: 'none' } });
    expect(asked[0]).toBe(`${f.root.accountId}|event.kind:alert AND NOT event.dataset:agent.baseline|-7d`);

    // pages, filtered by text and status
    const all = await service.summaries(f.root.accountId);
    expect(pageOfSummaries(all, summaryInput.parse({ pageSize: 1, pageNumber: 2 }))).toMatchObject({ Hosts: [{ HostId: quiet.e.HostId }], TotalCount: 2, PageNumber: 2, PageSize: 1 });
    expect(pageOfSummaries(all, summaryInput.parse({ filter: '10.0.0' })).Hosts.map((h) => h.HostId)).toEqual([e.HostId]);
    expect([pageOfSummaries(all, summaryInput.parse({ status: 'online' })).TotalCount, pageOfSummaries(all, summaryInput.parse({ status: 'offline' })).TotalCount]).toEqual([2, 0]);

    f.clock.advance(10 * 60_000);
    expect((await service.summaries(f.root.accountId))[0]).toMatchObject({ HostId: e.HostId, Status: 'offline' });
    expect(pageOfSummaries(await service.summaries(f.root.accountId), summaryInput.parse({ status: 'offline' })).TotalCount).toBe(2);

    // without an event store the risk leaves alerts out and says so
    expect((await f.service.summaries(f.root.accountId))[0]).toMatchObject({ Alerts: null, Risk: { Score: 14 } });

    const detail = await service.detail(f.root.accountId, 'web-1');
    expect(detail.Host.HostId).toBe(e.HostId);
    expect(asked.at(-1)).toContain(`host.id:${e.HostId}`);
    expect(detail.Checks.map((c) => [c.CheckId, c.Result])).toEqual([
      ['1', 'failed'],
      ['3', 'failed'],
      ['2', 'passed'],
    ]);
    expect(detail.Checks[0]).toMatchObject({ Remediation: 'Set PermitRootLogin no', Rationale: 'Root logins cannot be traced to a person.', Condition: 'all', Rules: ['f:/etc/ssh/sshd_config -> r:^\\s*PermitRootLogin\\s+no'] });
    expect(detail.Checks[0]).not.toHaveProperty('References');
    expect(detail.Policies).toEqual([expect.objectContaining({ PolicyId: 'cis', Failed: 2, Passed: 1 })]);
    await expect(service.detail(f.root.accountId, 'nope')).rejects.toMatchObject({ code: 'Hosts.HostNotFound' });
  });

  it('queues response actions, records what the agent did, and undoes an action once', async () => {
    const { e, caller } = await f.enrolled('web-1');
    const block = await f.service.createTask(f.root, meta, { host: 'web-1', kind: 'respond', response: { action: 'block', target: '203.0.113.9', durationSeconds: 600 } });
    const kill = await f.service.createTask(f.root, meta, { host: 'web-1', kind: 'respond', response: { action: 'kill', target: '4242' } });
    const pulled = await f.service.pullTasks(caller, meta, e.HostId);
    expect(pulled.map((t) => [t.Kind, t.Response?.action])).toEqual([
      ['respond', 'block'],
      ['respond', 'kill'],
    ]);
    // handed out once (a scan is handed again until acknowledged)
    expect(await f.service.pullTasks(caller, meta, e.HostId)).toEqual([]);
    await expect(f.service.undoTask(f.root, meta, { host: 'web-1', taskId: block.TaskId })).rejects.toMatchObject({ code: 'Hosts.CannotUndo', params: { reason: expect.stringContaining('not finished') } });
    await f.service.ackTask(caller, meta, e.HostId, { taskId: block.TaskId, status: 'done', message: 'block 203.0.113.9: done', result: { id: 'r-1', outcome: 'done', details: { durationSeconds: 600 }, undo: { action: 'unblock', target: '203.0.113.9' } } });
    await f.service.ackTask(caller, meta, e.HostId, { taskId: kill.TaskId, status: 'done', message: '', result: { id: 'r-2', outcome: 'done', details: {}, undo: null } });

    const undo = await f.service.undoTask(f.root, meta, { host: 'web-1', taskId: block.TaskId });
    expect(undo).toMatchObject({ Kind: 'respond', Status: 'pending', Response: { action: 'unblock', target: '203.0.113.9', undoOf: block.TaskId } });
    await expect(f.service.undoTask(f.root, meta, { host: 'web-1', taskId: block.TaskId })).rejects.toMatchObject({ code: 'Hosts.CannotUndo', params: { reason: 'it was already undone' } });
    await expect(f.service.undoTask(f.root, meta, { host: 'web-1', taskId: kill.TaskId })).rejects.toMatchObject({ code: 'Hosts.CannotUndo', params: { reason: 'kill cannot be undone' } });

    const detail = await f.service.detail(f.root.accountId, e.HostId);
    expect(detail.Responses.map((t) => t.TaskId).sort()).toEqual([block.TaskId, kill.TaskId, undo.TaskId].sort());
    expect(detail.Responses.find((t) => t.TaskId === block.TaskId)).toMatchObject({ Status: 'done', Result: { undo: { action: 'unblock' } } });

    const audit = await f.platform.storage.db<{ audit_events: { event_name: string } }>().selectFrom('audit_events').select(['event_name']).where('event_name', 'in', ['CreateHostTask', 'UndoHostResponse']).execute();
    expect(audit.map((a) => a.event_name).sort()).toEqual(['CreateHostTask', 'CreateHostTask', 'UndoHostResponse']);
  });

  it('takes the first non-loopback IPv4 address, else IPv6', () => {
    const a = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ interface: 'eth0', address, family, prefixLength: 24, mac: null, internal });
    expect(primaryAddress({ addresses: [a('::1', 'IPv6', true), a('fe80::1', 'IPv6'), a('2001:db8::5', 'IPv6'), a('192.0.2.7', 'IPv4')] })).toBe('192.0.2.7');
    expect(primaryAddress({ addresses: [a('fe80::1', 'IPv6'), a('2001:db8::5', 'IPv6')] })).toBe('2001:db8::5');
    expect(primaryAddress({ addresses: [] })).toBe('');
  });
});
