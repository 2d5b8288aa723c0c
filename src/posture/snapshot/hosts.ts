import type { Kysely } from 'kysely';
import type { HostsTables } from '../../hosts/tables.js';
import type { HostState, Section } from './snapshot.js';

/**
 * Enrolled hosts with their failed baseline items (as reported by `bulwark agent`). Vulnerability
 * findings are not stored by the server yet, so `criticalVulnerabilities` is null (unknown).
 */
export async function readHosts(db: Kysely<HostsTables>, accountId: string): Promise<Section<HostState>> {
  const [hosts, policies, failed] = await Promise.all([
    db.selectFrom('hosts_hosts').select(['id', 'hostname', 'label']).where('account_id', '=', accountId).orderBy('hostname').orderBy('id').execute(),
    db.selectFrom('hosts_baseline_policies').select(['host_id']).where('account_id', '=', accountId).execute(),
    db.selectFrom('hosts_baseline_results').select(['host_id', 'policy_id', 'check_id', 'title']).where('account_id', '=', accountId).where('result', '=', 'failed').orderBy('policy_id').orderBy('check_id').execute(),
  ]);
  const scanned = new Set(policies.map((p) => p.host_id));
  return {
    available: true,
    source: 'hosts_hosts',
    items: hosts.map((h) => ({
      id: h.id,
      name: h.label || h.hostname,
      baselineFailures: scanned.has(h.id) ? failed.filter((f) => f.host_id === h.id).map((f) => ({ policy: f.policy_id, id: f.check_id, title: f.title })) : null,
      criticalVulnerabilities: null,
    })),
  };
}
