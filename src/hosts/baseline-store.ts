import type { Kysely, Selectable } from 'kysely';
import { checkDetails, type BaselineReport, type ReportedCheck } from './baseline-report.js';
import type { HostChange } from './changes.js';
import type { HostsTables } from './tables.js';

type ResultRow = Selectable<HostsTables['hosts_baseline_results']>;
const INSERT_CHUNK = 200;

export interface PolicyScore {
  policyId: string;
  passed: number;
  failed: number;
  notApplicable: number;
  passRate: number;
}

/** passed / (passed + failed) in percent, rounded (Wazuh's score); 0 when nothing was decided. */
export function passRate(passed: number, failed: number): number {
  return passed + failed === 0 ? 0 : Math.round((passed * 100) / (passed + failed));
}

function changeOf(policyId: string, check: ReportedCheck, before: ResultRow['result'] | undefined): HostChange | undefined {
  const id = String(check.id);
  const detail = { policy: policyId, check: id, title: check.title, from: before ?? null, to: check.result };
  const ecs = { 'rule.id': id, 'rule.name': check.title, 'rule.category': policyId };
  if (check.result === 'failed' && before !== 'failed') return { kind: 'check-failed', summary: `baseline check ${policyId}/${id} fails: ${check.title}`, detail, ecs, severity: 47 };
  if (before === 'failed' && check.result !== 'failed') return { kind: 'check-fixed', summary: `baseline check ${policyId}/${id} no longer fails: ${check.title}`, detail, ecs, severity: 0 };
  return undefined;
}

/**
 * Replaces a host's baseline results with a report (inside the caller's transaction) and returns the
 * pass rate per policy and the checks that started failing or were fixed. A result keeps its `since`
 * while it does not change.
 */
export async function recordBaseline(db: Kysely<HostsTables>, host: { id: string; accountId: string }, report: BaselineReport, now: string): Promise<{ scores: PolicyScore[]; changes: HostChange[] }> {
  const previous = await db.selectFrom('hosts_baseline_results').select(['policy_id', 'check_id', 'result', 'since']).where('host_id', '=', host.id).execute();
  const before = new Map(previous.map((r) => [`${r.policy_id}\u0000${r.check_id}`, r]));
  await db.deleteFrom('hosts_baseline_results').where('host_id', '=', host.id).execute();
  await db.deleteFrom('hosts_baseline_policies').where('host_id', '=', host.id).execute();
  const scores: PolicyScore[] = [];
  const changes: HostChange[] = [];
  for (const policy of report.policies) {
    const rows = new Map<string, ResultRow>();
    for (const check of policy.checks) {
      const checkId = String(check.id);
      const old = before.get(`${policy.id}\u0000${checkId}`);
      const change = changeOf(policy.id, check, old?.result);
      if (change) changes.push(change);
      rows.set(checkId, {
        host_id: host.id,
        policy_id: policy.id,
        check_id: checkId,
        account_id: host.accountId,
        title: check.title,
        result: check.result,
        reason: check.reason ?? null,
        remediation: check.remediation ?? null,
        compliance: JSON.stringify(check.compliance),
        details: checkDetails(check),
        since: old && old.result === check.result ? old.since : now,
      });
    }
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += INSERT_CHUNK) await db.insertInto('hosts_baseline_results').values(all.slice(i, i + INSERT_CHUNK)).execute();
    const passed = all.filter((r) => r.result === 'passed').length;
    const failed = all.filter((r) => r.result === 'failed').length;
    const score = { policyId: policy.id, passed, failed, notApplicable: all.length - passed - failed, passRate: passRate(passed, failed) };
    scores.push(score);
    await db
      .insertInto('hosts_baseline_policies')
      .values({ host_id: host.id, policy_id: policy.id, account_id: host.accountId, name: policy.name, passed, failed, not_applicable: score.notApplicable, pass_rate: score.passRate, skipped: policy.skipped ?? null, scanned_at: now })
      .onConflict((oc) => oc.columns(['host_id', 'policy_id']).doNothing())
      .execute();
  }
  return { scores, changes };
}
