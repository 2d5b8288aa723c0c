import type { Kysely } from 'kysely';
import { passRate } from './baseline-store.js';
import { requireHost, type HostRow } from './hosts.js';
import type { HostsTables } from './tables.js';
import { taskView, type TaskView } from './tasks.js';

export interface HostView {
  HostId: string;
  Hostname: string;
  Label: string;
  Os: string;
  AgentVersion: string;
  UserName: string;
  EnrolledAt: string;
  LastSeenAt: string | null;
  InventoryCollectedAt: string | null;
  Baseline: { Passed: number; Failed: number; NotApplicable: number; PassRate: number };
}

function hostView(h: HostRow, inventoryAt: string | null, policies: ReadonlyArray<{ passed: number; failed: number; not_applicable: number }>): HostView {
  const passed = policies.reduce((n, p) => n + p.passed, 0);
  const failed = policies.reduce((n, p) => n + p.failed, 0);
  return {
    HostId: h.id,
    Hostname: h.hostname,
    Label: h.label,
    Os: h.os,
    AgentVersion: h.agent_version,
    UserName: h.user_name,
    EnrolledAt: h.enrolled_at,
    LastSeenAt: h.last_seen_at,
    InventoryCollectedAt: inventoryAt,
    Baseline: { Passed: passed, Failed: failed, NotApplicable: policies.reduce((n, p) => n + p.not_applicable, 0), PassRate: passRate(passed, failed) },
  };
}

/** Every host of an account with its overall baseline pass rate. */
export async function listHosts(db: Kysely<HostsTables>, accountId: string): Promise<HostView[]> {
  const hosts = await db.selectFrom('hosts_hosts').selectAll().where('account_id', '=', accountId).orderBy('hostname').orderBy('id').execute();
  const inventories = await db.selectFrom('hosts_inventories').select(['host_id', 'collected_at']).where('account_id', '=', accountId).execute();
  const policies = await db.selectFrom('hosts_baseline_policies').select(['host_id', 'passed', 'failed', 'not_applicable']).where('account_id', '=', accountId).execute();
  const invAt = new Map(inventories.map((i) => [i.host_id, i.collected_at]));
  return hosts.map((h) => hostView(h, invAt.get(h.id) ?? null, policies.filter((p) => p.host_id === h.id)));
}

export interface HostFindings {
  Host: HostView;
  Policies: Array<{ PolicyId: string; Name: string; Passed: number; Failed: number; NotApplicable: number; PassRate: number; Skipped?: string; ScannedAt: string }>;
  /** failed baseline checks, newest failures first */
  Failed: Array<{ PolicyId: string; CheckId: string; Title: string; Remediation: string | null; Compliance: Record<string, string[]>; Since: string }>;
  /** the latest inventory changes, newest first */
  Changes: Array<{ At: string; Kind: string; Detail: Record<string, unknown> }>;
  /** the latest tasks ("scan now"), newest first */
  Tasks: TaskView[];
  Inventory: unknown;
}

/** A host's baseline by policy, its failing checks, recent inventory changes and latest inventory. */
export async function hostFindings(db: Kysely<HostsTables>, accountId: string, ref: string, options: { changes?: number; inventory?: boolean } = {}): Promise<HostFindings> {
  const host = await requireHost(db, accountId, ref);
  const policies = await db.selectFrom('hosts_baseline_policies').selectAll().where('host_id', '=', host.id).orderBy('policy_id').execute();
  const failed = await db.selectFrom('hosts_baseline_results').selectAll().where('host_id', '=', host.id).where('result', '=', 'failed').orderBy('since', 'desc').orderBy('policy_id').orderBy('check_id').execute();
  const changes = await db.selectFrom('hosts_inventory_changes').selectAll().where('host_id', '=', host.id).orderBy('at', 'desc').limit(options.changes ?? 100).execute();
  const tasks = await db.selectFrom('hosts_tasks').selectAll().where('host_id', '=', host.id).orderBy('created_at', 'desc').limit(20).execute();
  const inventory = await db.selectFrom('hosts_inventories').selectAll().where('host_id', '=', host.id).executeTakeFirst();
  return {
    Host: hostView(host, inventory?.collected_at ?? null, policies),
    Policies: policies.map((p) => ({ PolicyId: p.policy_id, Name: p.name, Passed: p.passed, Failed: p.failed, NotApplicable: p.not_applicable, PassRate: p.pass_rate, ...(p.skipped ? { Skipped: p.skipped } : {}), ScannedAt: p.scanned_at })),
    Failed: failed.map((r) => ({ PolicyId: r.policy_id, CheckId: r.check_id, Title: r.title, Remediation: r.remediation, Compliance: JSON.parse(r.compliance) as Record<string, string[]>, Since: r.since })),
    Changes: changes.map((c) => ({ At: c.at, Kind: c.kind, Detail: JSON.parse(c.detail) as Record<string, unknown> })),
    Tasks: tasks.map(taskView),
    Inventory: options.inventory && inventory ? (JSON.parse(inventory.inventory) as unknown) : null,
  };
}
