import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Inventory } from '../agent/collectors/inventory.js';
import type { VulnTables } from '../agent/vuln/tables.js';
import { listHosts, type HostView } from './queries.js';
import { requireHost } from './hosts.js';
import { riskScore, type Risk } from './risk.js';
import type { HostsTables } from './tables.js';
import { taskView, type TaskView } from './tasks.js';

/** A host is online while its last heartbeat is at most this old (three default heartbeat periods). */
export const ONLINE_WINDOW_SECONDS = 180;

export type AgentStatus = 'online' | 'offline';

/** Alerts of the last 7 days per host id: high (severity ≥ 73) and total. */
export type AlertCounts = ReadonlyMap<string, { high: number; total: number }>;

export interface HostSummary extends HostView {
  /** the primary IP address from the latest inventory ('' before one) */
  Address: string;
  Status: AgentStatus;
  /** open vulnerability findings by severity */
  Vulnerabilities: { Critical: number; High: number; Medium: number; Low: number; Total: number };
  /** alerts about the host in the last 7 days (null when the event store was not asked or failed) */
  Alerts: { High: number; Total: number } | null;
  Risk: Risk;
}

/** The address an operator knows the host by: the first non-loopback IPv4 address, else IPv6. */
export function primaryAddress(inventory: Pick<Inventory, 'addresses'>): string {
  const external = inventory.addresses.filter((a) => !a.internal && !a.address.startsWith('fe80:'));
  return (external.find((a) => a.family === 'IPv4') ?? external[0])?.address ?? '';
}

export function agentStatus(lastSeenAt: string | null, now: Date): AgentStatus {
  return lastSeenAt !== null && now.getTime() - Date.parse(lastSeenAt) <= ONLINE_WINDOW_SECONDS * 1000 ? 'online' : 'offline';
}

type Counts = HostSummary['Vulnerabilities'];
const noVulns = (): Counts => ({ Critical: 0, High: 0, Medium: 0, Low: 0, Total: 0 });

async function vulnCounts(db: Kysely<HostsTables>, accountId: string, hostId?: string): Promise<Map<string, Counts>> {
  let q = (db as unknown as Kysely<VulnTables>)
    .selectFrom('vuln_host_findings')
    .select(['host_id', 'severity', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('account_id', '=', accountId)
    .where('status', '=', 'open');
  if (hostId) q = q.where('host_id', '=', hostId);
  const rows = await q.groupBy(['host_id', 'severity']).execute();
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const c = out.get(r.host_id) ?? noVulns();
    const n = Number(r.n);
    if (r.severity === 'critical') c.Critical += n;
    else if (r.severity === 'high') c.High += n;
    else if (r.severity === 'medium') c.Medium += n;
    else if (r.severity === 'low') c.Low += n;
    c.Total += n;
    out.set(r.host_id, c);
  }
  return out;
}

async function addresses(db: Kysely<HostsTables>, accountId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('hosts_hosts').select(['id', 'address']).where('account_id', '=', accountId).execute();
  return new Map(rows.map((r) => [r.id, r.address]));
}

function summarize(h: HostView, address: string, vulns: Counts, alerts: AlertCounts | null, now: Date): HostSummary {
  const a = alerts ? (alerts.get(h.HostId) ?? { high: 0, total: 0 }) : null;
  return {
    ...h,
    Address: address,
    Status: agentStatus(h.LastSeenAt, now),
    Vulnerabilities: vulns,
    Alerts: a ? { High: a.high, Total: a.total } : null,
    Risk: riskScore({ vulnerabilities: { critical: vulns.Critical, high: vulns.High, medium: vulns.Medium, low: vulns.Low }, failedChecks: h.Baseline.Failed, alerts: a ?? { high: 0, total: 0 } }),
  };
}

/** A page of the hosts list: filtered by text (hostname, label, address, OS, id) and agent status. */
export const summaryInput = z
  .object({
    filter: z.string().max(255).default(''),
    status: z.enum(['online', 'offline']).optional(),
    pageNumber: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export type SummaryQuery = z.output<typeof summaryInput>;

/** One page of `hostSummaries`, riskiest first, with the total count after filtering. */
export function pageOfSummaries(all: readonly HostSummary[], q: SummaryQuery): { Hosts: HostSummary[]; TotalCount: number; PageNumber: number; PageSize: number } {
  const needle = q.filter.trim().toLowerCase();
  const kept = all.filter((h) => (!q.status || h.Status === q.status) && (!needle || [h.Hostname, h.Label, h.Address, h.Os, h.HostId].some((v) => v.toLowerCase().includes(needle))));
  const start = (q.pageNumber - 1) * q.pageSize;
  return { Hosts: kept.slice(start, start + q.pageSize), TotalCount: kept.length, PageNumber: q.pageNumber, PageSize: q.pageSize };
}

/** Every host of an account with its status, address, open findings and risk score, riskiest first. */
export async function hostSummaries(db: Kysely<HostsTables>, accountId: string, now: Date, alerts: AlertCounts | null): Promise<HostSummary[]> {
  const [hosts, vulns, addr] = await Promise.all([listHosts(db, accountId), vulnCounts(db, accountId), addresses(db, accountId)]);
  return hosts.map((h) => summarize(h, addr.get(h.HostId) ?? '', vulns.get(h.HostId) ?? noVulns(), alerts, now)).sort((a, b) => b.Risk.Score - a.Risk.Score || a.Hostname.localeCompare(b.Hostname));
}

export interface CheckView {
  PolicyId: string;
  CheckId: string;
  Title: string;
  Result: 'passed' | 'failed' | 'not applicable';
  /** why the check is not applicable */
  Reason: string | null;
  Remediation: string | null;
  Compliance: Record<string, string[]>;
  Description?: string;
  Rationale?: string;
  References?: string[];
  Condition?: 'all' | 'any' | 'none';
  Rules?: string[];
  Since: string;
}

export interface HostDetail {
  Host: HostSummary;
  Policies: Array<{ PolicyId: string; Name: string; Passed: number; Failed: number; NotApplicable: number; PassRate: number; Skipped?: string; ScannedAt: string }>;
  /** every baseline result: failed first, then by policy and check */
  Checks: CheckView[];
  /** response actions, newest first (the host's response log as the server knows it) */
  Responses: TaskView[];
  /** other tasks ("scan now"), newest first */
  Tasks: TaskView[];
}

const RESULT_ORDER = { failed: 0, passed: 1, 'not applicable': 2 } as const;

/** One host with its summary, every baseline result with the policy text, and its tasks. */
export async function hostDetail(db: Kysely<HostsTables>, accountId: string, ref: string, now: Date, alerts: AlertCounts | null): Promise<HostDetail> {
  const row = await requireHost(db, accountId, ref);
  const summary = (await hostSummaries(db, accountId, now, alerts)).find((h) => h.HostId === row.id)!;
  const policies = await db.selectFrom('hosts_baseline_policies').selectAll().where('host_id', '=', row.id).orderBy('policy_id').execute();
  const results = await db.selectFrom('hosts_baseline_results').selectAll().where('host_id', '=', row.id).execute();
  const tasks = await db.selectFrom('hosts_tasks').selectAll().where('host_id', '=', row.id).orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
  const checks = results
    .map((r): CheckView => {
      const d = r.details ? (JSON.parse(r.details) as { description?: string; rationale?: string; references?: string[]; condition?: 'all' | 'any' | 'none'; rules?: string[] }) : {};
      return {
        PolicyId: r.policy_id,
        CheckId: r.check_id,
        Title: r.title,
        Result: r.result,
        Reason: r.reason,
        Remediation: r.remediation,
        Compliance: JSON.parse(r.compliance) as Record<string, string[]>,
        ...(d.description ? { Description: d.description } : {}),
        ...(d.rationale ? { Rationale: d.rationale } : {}),
        ...(d.references ? { References: d.references } : {}),
        ...(d.condition ? { Condition: d.condition } : {}),
        ...(d.rules ? { Rules: d.rules } : {}),
        Since: r.since,
      };
    })
    .sort((a, b) => RESULT_ORDER[a.Result] - RESULT_ORDER[b.Result] || a.PolicyId.localeCompare(b.PolicyId) || a.CheckId.localeCompare(b.CheckId, undefined, { numeric: true }));
  const views = tasks.map(taskView);
  return {
    Host: summary,
    Policies: policies.map((p) => ({ PolicyId: p.policy_id, Name: p.name, Passed: p.passed, Failed: p.failed, NotApplicable: p.not_applicable, PassRate: p.pass_rate, ...(p.skipped ? { Skipped: p.skipped } : {}), ScannedAt: p.scanned_at })),
    Checks: checks,
    Responses: views.filter((t) => t.Kind === 'respond'),
    Tasks: views.filter((t) => t.Kind !== 'respond').slice(0, 50),
  };
}
