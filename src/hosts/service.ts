import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Inventory } from '../agent/collectors/inventory.js';
import { vulnHostChanges } from '../agent/vuln/host-changes.js';
import { deleteHostFindings, matchHostPackages } from '../agent/vuln/host-findings.js';
import { userIdentityOf, type Caller } from '../iam/caller.js';
import type { IamTables } from '../iam/tables.js';
import type { BaselineReport } from './baseline-report.js';
import { recordBaseline, type PolicyScore } from './baseline-store.js';
import type { HostChange } from './changes.js';
import { appendAll, hostsAudit, isoNow, type HostsDeps, type RequestMeta } from './context.js';
import { deleteHostIdentity } from './host-identity.js';
import { enrollHost, type EnrollInput, type Enrollment } from './enroll.js';
import { hostChangeEvents } from './host-events.js';
import { requireHost, requireOwnHost, type HostRow } from './hosts.js';
import { recordInventory } from './inventory-store.js';
import { hostFindings, listHosts, type HostFindings, type HostView } from './queries.js';
import type { HostsTables } from './tables.js';
import { finishTask, insertTask, takeTasks, undoParams, type ackTaskInput, type createTaskInput, type TaskView, type undoTaskInput } from './tasks.js';
import { alertCounts } from './alert-counts.js';
import { hostDetail, hostSummaries, primaryAddress, type HostDetail, type HostSummary } from './host-summary.js';
import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken, type createTokenInput, type CreatedToken, type TokenView } from './tokens.js';

export const heartbeatInput = z
  .object({ hostname: z.string().min(1).max(255).optional(), os: z.string().max(255).optional(), agentVersion: z.string().max(64).optional() })
  .strict();

/**
 * The server's host registry, transport-free: enrollment, agent reports (each about the caller's own
 * host), tasks, and the queries behind `bulwark hosts`. Changes are audited in their transaction;
 * result changes are then sent to the event store.
 */
export class HostService {
  constructor(private readonly deps: HostsDeps) {}

  private get db(): Kysely<HostsTables> {
    return this.deps.storage.db<HostsTables>() as Kysely<HostsTables>;
  }

  createToken(caller: Caller, meta: RequestMeta, input: z.output<typeof createTokenInput>): Promise<CreatedToken> {
    return createEnrollmentToken(this.deps, caller, meta, input);
  }

  listTokens(accountId: string): Promise<TokenView[]> {
    return listEnrollmentTokens(this.db, accountId, isoNow(this.deps.clock));
  }

  revokeToken(caller: Caller, meta: RequestMeta, tokenId: string): Promise<void> {
    return revokeEnrollmentToken(this.deps, caller, meta, tokenId);
  }

  enroll(meta: RequestMeta, input: EnrollInput): Promise<Enrollment> {
    return enrollHost(this.deps, meta, input);
  }

  /** Marks the host seen; changed facts (hostname, OS, agent version) are audited. */
  async heartbeat(caller: Caller, meta: RequestMeta, hostId: string, input: z.output<typeof heartbeatInput>): Promise<{ LastSeenAt: string }> {
    const now = isoNow(this.deps.clock);
    await this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<HostsTables>;
      const host = await requireOwnHost(db, caller, hostId);
      const next = { hostname: input.hostname ?? host.hostname, os: input.os ?? host.os, agent_version: input.agentVersion ?? host.agent_version };
      await db.updateTable('hosts_hosts').set({ ...next, last_seen_at: now }).where('id', '=', host.id).execute();
      if (next.hostname !== host.hostname || next.os !== host.os || next.agent_version !== host.agent_version) {
        await this.deps.audit.append(trx, hostsAudit(caller, meta, 'UpdateHost', { HostId: host.id, ...input }));
      }
    });
    return { LastSeenAt: now };
  }

  async reportInventory(caller: Caller, meta: RequestMeta, hostId: string, inventory: Inventory): Promise<{ Changes: number }> {
    const now = isoNow(this.deps.clock);
    const { host, changes } = await this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<HostsTables>;
      const host = await requireOwnHost(db, caller, hostId);
      const changes = await recordInventory(db, { id: host.id, accountId: host.account_id }, inventory, now);
      // vulnerable packages: matched against the account's feeds, resolved when upgraded
      changes.push(...vulnHostChanges(await matchHostPackages(trx, { accountId: host.account_id, hostId: host.id, os: inventory.os, packages: inventory.packages, now })));
      await db.updateTable('hosts_hosts').set({ last_seen_at: now, address: primaryAddress(inventory) }).where('id', '=', host.id).execute();
      await this.deps.audit.append(trx, hostsAudit(caller, meta, 'ReportHostInventory', { HostId: host.id, collectedAt: inventory.collectedAt, packages: inventory.packages.length, ports: inventory.ports.length }, { Changes: changes.length }));
      return { host, changes };
    });
    await this.emit(host, changes, now);
    return { Changes: changes.length };
  }

  async reportBaseline(caller: Caller, meta: RequestMeta, hostId: string, report: BaselineReport): Promise<{ Policies: PolicyScore[]; Changes: number }> {
    const now = isoNow(this.deps.clock);
    const { host, scores, changes } = await this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<HostsTables>;
      const host = await requireOwnHost(db, caller, hostId);
      const { scores, changes } = await recordBaseline(db, { id: host.id, accountId: host.account_id }, report, now);
      await db.updateTable('hosts_hosts').set({ last_seen_at: now }).where('id', '=', host.id).execute();
      await this.deps.audit.append(trx, hostsAudit(caller, meta, 'ReportHostBaseline', { HostId: host.id, policies: scores.map((s) => s.policyId) }, { Changes: changes.length }));
      return { host, scores, changes };
    });
    await this.emit(host, changes, now);
    return { Policies: scores, Changes: changes.length };
  }

  async pullTasks(caller: Caller, meta: RequestMeta, hostId: string): Promise<TaskView[]> {
    const now = isoNow(this.deps.clock);
    return this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<HostsTables>;
      const host = await requireOwnHost(db, caller, hostId);
      const tasks = await takeTasks(db, host.id, now);
      if (tasks.length > 0) await this.deps.audit.append(trx, hostsAudit(caller, meta, 'PullHostTasks', { HostId: host.id }, { TaskIds: tasks.map((t) => t.TaskId) }));
      return tasks;
    });
  }

  async ackTask(caller: Caller, meta: RequestMeta, hostId: string, input: z.output<typeof ackTaskInput>): Promise<TaskView> {
    const now = isoNow(this.deps.clock);
    return this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<HostsTables>;
      const host = await requireOwnHost(db, caller, hostId);
      const task = await finishTask(db, host.id, input, now);
      await this.deps.audit.append(trx, hostsAudit(caller, meta, 'AckHostTask', { HostId: host.id, TaskId: input.taskId, status: input.status }));
      return task;
    });
  }

  async createTask(caller: Caller, meta: RequestMeta, input: z.output<typeof createTaskInput>): Promise<TaskView> {
    const now = isoNow(this.deps.clock);
    return this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<HostsTables>;
      const host = await requireHost(db, caller.accountId, input.host);
      const task = await insertTask(db, host, input.kind, caller.principalName, now, input.response);
      await this.deps.audit.append(trx, hostsAudit(caller, meta, 'CreateHostTask', { HostId: host.id, kind: input.kind, ...(input.response ? { response: input.response } : {}) }, { TaskId: task.TaskId }));
      return task;
    });
  }

  /** Queues the response action that undoes a finished one (see `undoParams`). */
  async undoTask(caller: Caller, meta: RequestMeta, input: z.output<typeof undoTaskInput>): Promise<TaskView> {
    const now = isoNow(this.deps.clock);
    return this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<HostsTables>;
      const host = await requireHost(db, caller.accountId, input.host);
      const response = await undoParams(db, host.id, input.taskId);
      const task = await insertTask(db, host, 'respond', caller.principalName, now, response);
      await this.deps.audit.append(trx, hostsAudit(caller, meta, 'UndoHostResponse', { HostId: host.id, TaskId: input.taskId, response }, { TaskId: task.TaskId }));
      return task;
    });
  }

  /** Every host with status, address, open findings and risk score (riskiest first). */
  async summaries(accountId: string): Promise<HostSummary[]> {
    return hostSummaries(this.db, accountId, this.deps.clock.now(), await alertCounts(this.deps.alerts, accountId, this.deps.logger));
  }

  /** One host: summary, every baseline result with its policy text, response actions and tasks. */
  async detail(accountId: string, ref: string): Promise<HostDetail> {
    const host = await requireHost(this.db, accountId, ref);
    return hostDetail(this.db, accountId, host.id, this.deps.clock.now(), await alertCounts(this.deps.alerts, accountId, this.deps.logger, host.id));
  }

  /** Forgets a host: its identity (AccessKeys, policy, membership, user) and everything reported about it. */
  async deleteHost(caller: Caller, meta: RequestMeta, ref: string): Promise<{ HostId: string }> {
    const pending = new Set<'policy' | 'membership' | 'credential'>();
    const hostId = await this.deps.storage.transaction(async (trx) => {
      const db = trx as Kysely<HostsTables>;
      const host = await requireHost(db, caller.accountId, ref);
      const ctx = { db: trx as Kysely<IamTables>, caller, clock: this.deps.clock, sealer: this.deps.sealer, invalidate: (r: 'policy' | 'membership' | 'credential') => pending.add(r) };
      const audit = await deleteHostIdentity(ctx, host.id, userIdentityOf(caller), meta);
      for (const table of ['hosts_inventory_changes', 'hosts_inventories', 'hosts_baseline_results', 'hosts_baseline_policies', 'hosts_tasks'] as const) await db.deleteFrom(table).where('host_id', '=', host.id).execute();
      // the vuln context's findings about the host go in the same transaction
      const vulnFindings = await deleteHostFindings(trx, host.account_id, host.id);
      await db.deleteFrom('hosts_hosts').where('id', '=', host.id).execute();
      await appendAll(this.deps.audit, trx, [hostsAudit(caller, meta, 'DeleteHost', { HostId: host.id, hostname: host.hostname }, { VulnFindings: vulnFindings }), ...audit]);
      return host.id;
    });
    for (const r of pending) this.deps.invalidate(r);
    return { HostId: hostId };
  }

  list(accountId: string): Promise<HostView[]> {
    return listHosts(this.db, accountId);
  }

  /** The account of a host id, so a request can name the resource `host/<id>` in the right account. */
  async accountOf(hostId: string): Promise<string | undefined> {
    return (await this.db.selectFrom('hosts_hosts').select('account_id').where('id', '=', hostId).executeTakeFirst())?.account_id;
  }

  findings(accountId: string, host: string, options: { inventory?: boolean } = {}): Promise<HostFindings> {
    return hostFindings(this.db, accountId, host, options);
  }

  /**
   * Events an agent detected on its host (intrusion alerts, …) go to the event store stamped with
   * the host and account, whatever the agent wrote there. Nothing changes in the control plane.
   */
  async ingestEvents(caller: Caller, hostId: string, docs: readonly unknown[]): Promise<{ accepted: number; rejected: readonly unknown[] }> {
    const host = await requireOwnHost(this.db, caller, hostId);
    if (!this.deps.events) return { accepted: 0, rejected: [] };
    // the server's sink is EventIngest, which answers with accepted / rejected counts
    return (await this.deps.events.ingest(docs, { 'cloud.account.id': host.account_id, 'host.id': host.id, 'bulwark.agent_id': host.id, 'host.name': host.hostname })) as { accepted: number; rejected: readonly unknown[] };
  }

  /** Result changes become events (after commit; a failing event store only logs). */
  private async emit(host: HostRow, changes: readonly HostChange[], at: string): Promise<void> {
    if (!this.deps.events || changes.length === 0) return;
    const docs = hostChangeEvents({ id: host.id, accountId: host.account_id, hostname: host.hostname }, changes, at);
    try {
      await this.deps.events.ingest(docs, { 'cloud.account.id': host.account_id });
    } catch (e) {
      this.deps.logger.warn({ err: e, host: host.id, events: docs.length }, 'host change events not stored');
    }
  }
}
