import type { Kysely } from 'kysely';
import { SEVERITY_ORDER, type Severity } from '../../agent/vuln/severity.js';
import type { VulnTables } from '../../agent/vuln/tables.js';
import type { HostsTables } from '../../hosts/tables.js';

/** An agent that has not called home for this long is offline (five missed default heartbeats of 60 s). */
export const ONLINE_WINDOW_MS = 5 * 60_000;

export type AgentStatus = 'online' | 'offline' | 'never';
/** A host's risk: its most severe open vulnerability; `none` without one; `unknown` without an inventory or a feed to match. */
export type HostRisk = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';
export const HOST_RISKS: readonly HostRisk[] = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];

export interface HostsSection {
  total: number;
  status: Record<AgentStatus, number>;
  risk: Record<HostRisk, number>;
  /** baseline results summed over every host and policy */
  baseline: { hosts: number; passed: number; failed: number; notApplicable: number; passRate: number | null };
}

export type VulnerabilitySection = Record<Severity, number> & { hosts: number };

const zero = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function riskOf(severities: ReadonlySet<string>, matched: boolean): HostRisk {
  if (!matched) return 'unknown';
  for (const s of ['critical', 'high', 'medium', 'low'] as const) if (severities.has(s)) return s;
  return 'none';
}

/** Agents online/offline, host risk distribution and the baseline pass rate of an account's hosts. */
export async function hostsSection(db: Kysely<HostsTables & VulnTables>, accountId: string, now: number): Promise<HostsSection> {
  const [hosts, inventories, feeds, open, baseline] = await Promise.all([
    db.selectFrom('hosts_hosts').select(['id', 'last_seen_at']).where('account_id', '=', accountId).execute(),
    db.selectFrom('hosts_inventories').select(['host_id']).where('account_id', '=', accountId).execute(),
    db.selectFrom('vuln_feeds').select(['id']).where('account_id', '=', accountId).limit(1).execute(),
    db.selectFrom('vuln_host_findings').select(['host_id', 'severity']).distinct().where('account_id', '=', accountId).where('status', '=', 'open').execute(),
    db.selectFrom('hosts_baseline_policies').select(['host_id', 'passed', 'failed', 'not_applicable']).where('account_id', '=', accountId).execute(),
  ]);
  const status = zero<AgentStatus>(['online', 'offline', 'never']);
  const risk = zero(HOST_RISKS);
  const inventoried = new Set(inventories.map((i) => i.host_id));
  const severities = new Map<string, Set<string>>();
  for (const f of open) {
    const set = severities.get(f.host_id) ?? new Set<string>();
    set.add(f.severity);
    severities.set(f.host_id, set);
  }
  for (const h of hosts) {
    const seen = h.last_seen_at === null ? undefined : Date.parse(h.last_seen_at);
    status[seen === undefined ? 'never' : now - seen <= ONLINE_WINDOW_MS ? 'online' : 'offline'] += 1;
    risk[riskOf(severities.get(h.id) ?? new Set(), feeds.length > 0 && inventoried.has(h.id))] += 1;
  }
  const passed = baseline.reduce((n, p) => n + p.passed, 0);
  const failed = baseline.reduce((n, p) => n + p.failed, 0);
  return {
    total: hosts.length,
    status,
    risk,
    baseline: {
      hosts: new Set(baseline.map((p) => p.host_id)).size,
      passed,
      failed,
      notApplicable: baseline.reduce((n, p) => n + p.not_applicable, 0),
      // one decimal, like the compliance score; null when nothing was assessed
      passRate: passed + failed === 0 ? null : Math.round((passed * 1000) / (passed + failed)) / 10,
    },
  };
}

/** Open vulnerability findings of an account's hosts, by severity, and how many hosts have one. */
export async function vulnerabilitySection(db: Kysely<VulnTables>, accountId: string): Promise<VulnerabilitySection> {
  const rows = await db
    .selectFrom('vuln_host_findings')
    .select((eb) => ['severity', eb.fn.countAll<number | string>().as('n')])
    .where('account_id', '=', accountId)
    .where('status', '=', 'open')
    .groupBy('severity')
    .execute();
  const hosts = await db.selectFrom('vuln_host_findings').select('host_id').distinct().where('account_id', '=', accountId).where('status', '=', 'open').execute();
  const out = { ...zero(SEVERITY_ORDER), hosts: hosts.length };
  for (const r of rows) {
    const key = (SEVERITY_ORDER as readonly string[]).includes(r.severity) ? (r.severity as Severity) : 'unknown';
    out[key] += Number(r.n);
  }
  return out;
}
