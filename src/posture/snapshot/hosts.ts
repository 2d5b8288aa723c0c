import type { Kysely } from 'kysely';
import type { VulnTables } from '../../agent/vuln/tables.js';
import type { HostsTables } from '../../hosts/tables.js';
import { groupBy } from '../group-by.js';
import type { HostState, Section } from './snapshot.js';

/**
 * Enrolled hosts with their failed baseline items and open critical vulnerabilities (as reported
 * by `bulwark agent` and matched against the account's vulnerability feeds). A host that never
 * reported a baseline scan has `baselineFailures: null`; without an inventory or without any feed
 * loaded its vulnerabilities are unknown (`null`), not "none".
 */
export async function readHosts(db: Kysely<HostsTables & VulnTables>, accountId: string): Promise<Section<HostState>> {
  const [hosts, policies, failed, inventories, feeds, vulns] = await Promise.all([
    db.selectFrom('hosts_hosts').select(['id', 'hostname', 'label']).where('account_id', '=', accountId).orderBy('hostname').orderBy('id').execute(),
    db.selectFrom('hosts_baseline_policies').select(['host_id']).where('account_id', '=', accountId).execute(),
    db.selectFrom('hosts_baseline_results').select(['host_id', 'policy_id', 'check_id', 'title']).where('account_id', '=', accountId).where('result', '=', 'failed').orderBy('policy_id').orderBy('check_id').execute(),
    db.selectFrom('hosts_inventories').select(['host_id']).where('account_id', '=', accountId).execute(),
    db.selectFrom('vuln_feeds').select(['id']).where('account_id', '=', accountId).limit(1).execute(),
    db.selectFrom('vuln_host_findings').select(['host_id', 'advisory_id', 'package']).where('account_id', '=', accountId).where('status', '=', 'open').where('severity', '=', 'critical').orderBy('advisory_id').execute(),
  ]);
  const scanned = new Set(policies.map((p) => p.host_id));
  const inventoried = new Set(inventories.map((i) => i.host_id));
  const haveFeeds = feeds.length > 0;
  const failedOf = groupBy(failed, (f) => f.host_id);
  const vulnsOf = groupBy(vulns, (v) => v.host_id);
  return {
    available: true,
    source: 'hosts_hosts',
    items: hosts.map((h) => ({
      id: h.id,
      name: h.label || h.hostname,
      baselineFailures: scanned.has(h.id) ? (failedOf.get(h.id) ?? []).map((f) => ({ policy: f.policy_id, id: f.check_id, title: f.title })) : null,
      criticalVulnerabilities: haveFeeds && inventoried.has(h.id) ? (vulnsOf.get(h.id) ?? []).map((v) => ({ id: v.advisory_id, package: v.package })) : null,
    })),
  };
}
