import type { Kysely } from 'kysely';
import { distroReleaseOf } from './ecosystem.js';
import { loadIndex } from './feed-store.js';
import type { HostOs, InstalledPackage } from './installed-package.js';
import { matchPackages, sortFindings, type Finding } from './match.js';
import type { Severity } from './severity.js';
import type { VulnTables } from './tables.js';

/** A finding stored for a host. */
export interface HostFinding extends Finding {
  readonly hostId: string;
  readonly status: 'open' | 'resolved';
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly resolvedAt: string | null;
}

export interface HostMatchInput {
  readonly accountId: string;
  readonly hostId: string;
  /** the inventory's `os` section (null when the collector failed) */
  readonly os: HostOs | null;
  readonly packages: readonly InstalledPackage[];
  /** ISO time of the report */
  readonly now: string;
}

export interface HostMatchResult {
  /** false when the host's distribution is not matched (then nothing changed) */
  readonly supported: boolean;
  /** findings that appeared (or reappeared) with this report */
  readonly opened: readonly Finding[];
  /** findings that disappeared: the package was upgraded past the fix, removed, or a feed cleared it */
  readonly resolved: readonly { advisoryId: string; package: string; installedVersion: string }[];
  /** open findings after this report */
  readonly open: number;
}

const keyOf = (f: { advisoryId: string; package: string }): string => `${f.advisoryId}\u0000${f.package}`;

/**
 * Matches a host's reported packages against the account's stored feeds and updates its findings
 * inside the caller's transaction (the host registry calls this on every inventory report): new
 * findings open, findings of upgraded or removed packages are resolved, and a resolved finding
 * whose package is vulnerable again reopens.
 */
export async function matchHostPackages(trx: Kysely<unknown>, input: HostMatchInput): Promise<HostMatchResult> {
  const db = trx as Kysely<VulnTables>;
  const target = input.os ? distroReleaseOf(input.os) : undefined;
  if (!target) return { supported: false, opened: [], resolved: [], open: 0 };
  const names = input.packages.flatMap((p) => [p.name, p.source]);
  const findings = matchPackages(target, input.packages, await loadIndex(db, input.accountId, target, names));
  const stored = await db.selectFrom('vuln_host_findings').selectAll().where('account_id', '=', input.accountId).where('host_id', '=', input.hostId).execute();
  const before = new Map(stored.map((r) => [keyOf({ advisoryId: r.advisory_id, package: r.package }), r]));
  const now = new Set<string>();
  const opened: Finding[] = [];
  const inserts: VulnTables['vuln_host_findings'][] = [];
  for (const f of findings) {
    const key = keyOf(f);
    if (now.has(key)) continue; // the same binary reported twice (multi-arch)
    now.add(key);
    const values = {
      source_package: f.sourcePackage,
      installed_version: f.installedVersion,
      fixed_version: f.fixedVersion,
      severity: f.severity,
      score: f.score,
      rating: f.rating,
      aliases: JSON.stringify(f.aliases),
      summary: f.summary,
      remediation: f.remediation,
      status: 'open' as const,
      resolved_at: null,
    };
    const row = before.get(key);
    if (!row) {
      inserts.push({ account_id: input.accountId, host_id: input.hostId, advisory_id: f.advisoryId, package: f.package, first_seen: input.now, last_seen: input.now, ...values });
      opened.push(f);
      continue;
    }
    if (row.status === 'resolved') opened.push(f);
    // unchanged open findings are not rewritten; their last_seen moves in one statement below
    const changed = (Object.keys(values) as Array<keyof typeof values>).some((k) => (k === 'score' ? (row.score === null ? null : Number(row.score)) : row[k]) !== values[k]);
    if (!changed) continue;
    await db
      .updateTable('vuln_host_findings')
      .set(values)
      .where('account_id', '=', input.accountId)
      .where('host_id', '=', input.hostId)
      .where('advisory_id', '=', f.advisoryId)
      .where('package', '=', f.package)
      .execute();
  }
  for (let i = 0; i < inserts.length; i += 100) await db.insertInto('vuln_host_findings').values(inserts.slice(i, i + 100)).execute();
  const resolved: HostMatchResult['resolved'][number][] = [];
  for (const [key, row] of before) {
    if (row.status !== 'open' || now.has(key)) continue;
    await db
      .updateTable('vuln_host_findings')
      .set({ status: 'resolved', resolved_at: input.now })
      .where('account_id', '=', input.accountId)
      .where('host_id', '=', input.hostId)
      .where('advisory_id', '=', row.advisory_id)
      .where('package', '=', row.package)
      .execute();
    resolved.push({ advisoryId: row.advisory_id, package: row.package, installedVersion: row.installed_version });
  }
  await db.updateTable('vuln_host_findings').set({ last_seen: input.now }).where('account_id', '=', input.accountId).where('host_id', '=', input.hostId).where('status', '=', 'open').execute();
  return { supported: true, opened, resolved, open: now.size };
}

/**
 * Removes every finding (open and resolved) of a host, inside the caller's transaction: the host
 * registry calls this when a host is deleted. Returns how many were removed.
 */
export async function deleteHostFindings(trx: Kysely<unknown>, accountId: string, hostId: string): Promise<number> {
  const db = trx as Kysely<VulnTables>;
  const r = await db.deleteFrom('vuln_host_findings').where('account_id', '=', accountId).where('host_id', '=', hostId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A host's findings (open ones by default), most severe first. */
export async function listHostFindings(db: Kysely<VulnTables>, accountId: string, hostId: string, options: { status?: 'open' | 'resolved' | 'all' } = {}): Promise<HostFinding[]> {
  let q = db.selectFrom('vuln_host_findings').selectAll().where('account_id', '=', accountId).where('host_id', '=', hostId);
  const status = options.status ?? 'open';
  if (status !== 'all') q = q.where('status', '=', status);
  const rows = await q.execute();
  return sortFindings(
    rows.map((r) => ({
      hostId: r.host_id,
      advisoryId: r.advisory_id,
      aliases: JSON.parse(r.aliases) as string[],
      summary: r.summary,
      package: r.package,
      sourcePackage: r.source_package,
      installedVersion: r.installed_version,
      fixedVersion: r.fixed_version,
      severity: r.severity as Severity,
      score: r.score === null ? null : Number(r.score),
      rating: r.rating,
      remediation: r.remediation,
      status: r.status,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      resolvedAt: r.resolved_at,
    })),
  );
}
