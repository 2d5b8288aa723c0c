import type { CheckMeta, CheckResult } from '../check.js';
import { severityRank } from '../check.js';
import type { Framework, Requirement } from '../frameworks/framework.js';
import { groupBy } from '../group-by.js';
import type { CheckOutcome, ComplianceReport, ComplianceSummary, Finding, RequirementReport, RequirementStatus } from './compliance-report.js';

/** Evidence kept per requirement in the report (failures first); the rest is counted. */
export const MAX_EVIDENCE_PER_REQUIREMENT = 100;

export interface EvaluationInput {
  framework: Framework;
  /** every known check (platform and IaC), for titles, severities and remediation */
  checks: readonly CheckMeta[];
  results: readonly CheckResult[];
  /** which inputs were evaluated; checks of a source not evaluated are `not_run` */
  evaluated: { platform: boolean; iac: boolean };
  accountId: string;
  generatedAt: string;
  sources: ComplianceReport['sources'];
}

const STATUS_ORDER: Record<string, number> = { fail: 0, pass: 1, not_applicable: 2 };

function outcomeOf(meta: CheckMeta, results: readonly CheckResult[], ran: boolean): CheckOutcome {
  const counts = { pass: 0, fail: 0, not_applicable: 0 };
  for (const r of results) counts[r.status]++;
  const status = counts.fail > 0 ? 'fail' : counts.pass > 0 ? 'pass' : ran ? 'not_applicable' : 'not_run';
  return { id: meta.id, title: meta.title, severity: meta.severity, source: meta.source, status, counts };
}

function requirementStatus(req: Requirement, outcomes: readonly CheckOutcome[]): { status: RequirementStatus; reason: string } {
  if (req.checks.length === 0) return { status: 'manual', reason: 'no automated check: assess manually' };
  const failing = outcomes.filter((o) => o.status === 'fail');
  if (failing.length > 0) return { status: 'failed', reason: `failed: ${failing.map((o) => `${o.id} (${o.counts.fail} resource${o.counts.fail === 1 ? '' : 's'})`).join(', ')}` };
  const passing = outcomes.filter((o) => o.status === 'pass');
  if (passing.length > 0) return { status: 'passed', reason: `passed: ${passing.map((o) => o.id).join(', ')}` };
  const notRun = outcomes.filter((o) => o.status === 'not_run');
  if (notRun.length === outcomes.length) return { status: 'not_applicable', reason: `not evaluated: ${[...new Set(notRun.map((o) => (o.source === 'iac' ? 'no IaC scanned (--iac PATH)' : 'platform state not read')))].join('; ')}` };
  return { status: 'not_applicable', reason: 'no resource the checks apply to' };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function summarise(requirements: readonly RequirementReport[]): ComplianceSummary {
  const count = (s: RequirementStatus) => requirements.filter((r) => r.status === s).length;
  const passed = count('passed');
  const failed = count('failed');
  const automated = requirements.filter((r) => r.checks.length > 0).length;
  return {
    requirements: requirements.length,
    passed,
    failed,
    manual: count('manual'),
    notApplicable: count('not_applicable'),
    automated,
    score: passed + failed === 0 ? null : round1((passed / (passed + failed)) * 100),
    coverage: requirements.length === 0 ? 0 : round1((automated / requirements.length) * 100),
  };
}

/**
 * Scores a framework from check results: each requirement takes the worst outcome of its checks
 * (any failure fails it); requirements without checks are manual and never passed.
 */
export function evaluateFramework(input: EvaluationInput): ComplianceReport {
  const { framework } = input;
  const metaById = new Map(input.checks.map((c) => [c.id, c]));
  const resultsByCheck = groupBy(input.results, (r) => r.checkId);
  const ran = (meta: CheckMeta) => (meta.source === 'iac' ? input.evaluated.iac : input.evaluated.platform);

  const requirements: RequirementReport[] = framework.requirements.map((req) => {
    const metas = req.checks.map((id) => metaById.get(id)).filter((m): m is CheckMeta => m !== undefined);
    const outcomes = metas.map((m) => outcomeOf(m, resultsByCheck.get(m.id) ?? [], ran(m)));
    const { status, reason } = requirementStatus(req, outcomes);
    const evidence = metas.flatMap((m) => resultsByCheck.get(m.id) ?? []).sort((a, b) => (STATUS_ORDER[a.status] ?? 3) - (STATUS_ORDER[b.status] ?? 3));
    return {
      id: req.id,
      section: req.section,
      title: req.title,
      ...(req.nameZh !== undefined ? { nameZh: req.nameZh } : {}),
      ...(req.level !== undefined ? { level: req.level } : {}),
      status,
      reason,
      ...(req.note !== undefined ? { note: req.note } : {}),
      checks: outcomes,
      evidence: evidence.slice(0, MAX_EVIDENCE_PER_REQUIREMENT),
      evidenceOmitted: Math.max(0, evidence.length - MAX_EVIDENCE_PER_REQUIREMENT),
    };
  });

  const requirementsOf = new Map<string, string[]>();
  for (const req of framework.requirements) for (const c of req.checks) requirementsOf.set(c, [...(requirementsOf.get(c) ?? []), req.id]);
  const findings: Finding[] = input.results
    .filter((r) => r.status === 'fail')
    .map((r) => ({ r, meta: metaById.get(r.checkId) }))
    .filter((x): x is { r: CheckResult; meta: CheckMeta } => x.meta !== undefined)
    .map(({ r, meta }) => ({ checkId: r.checkId, title: meta.title, severity: meta.severity, resource: r.resource, message: r.message, evidence: r.evidence, remediation: meta.remediation, requirements: requirementsOf.get(r.checkId) ?? [] }))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.checkId.localeCompare(b.checkId) || a.resource.id.localeCompare(b.resource.id));

  return {
    reportVersion: 1,
    generatedAt: input.generatedAt,
    accountId: input.accountId,
    framework: { id: framework.id, name: framework.name, version: framework.version, publisher: framework.publisher, description: framework.description },
    sources: input.sources,
    summary: summarise(requirements),
    requirements,
    findings,
  };
}
