import type { CheckResult } from '../check.js';
import { sarifReport } from '../report/sarif.js';
import { ALL_CHECKS } from './catalogue.js';
import { frameworkTitle, type ComplianceReport } from './compliance-report.js';

/**
 * A compliance report as SARIF 2.1.0 (the findings renderer `bulwark scan iac --format sarif` uses):
 * one rule per check the framework maps, one result per failed resource; each result names the
 * requirements it evidences, and the run carries the framework and its score.
 */
export function renderComplianceSarif(report: ComplianceReport, version: string): Record<string, unknown> {
  const mapped = new Set([...report.requirements.flatMap((r) => r.checks.map((c) => c.id)), ...report.findings.map((f) => f.checkId)]);
  const results: CheckResult[] = report.findings.map((f) => ({ checkId: f.checkId, status: 'fail', resource: f.resource, message: f.message, evidence: f.evidence }));
  const doc = sarifReport({ tool: { name: 'bulwark-posture', version }, checks: ALL_CHECKS.filter((c) => mapped.has(c.id)), results });
  const requirementsOf = new Map(report.findings.map((f) => [f.checkId, f.requirements]));
  const run = (doc.runs as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
  for (const r of run.results as Array<Record<string, unknown>>) {
    const properties = r.properties as Record<string, unknown>;
    properties.requirements = requirementsOf.get(String(r.ruleId)) ?? [];
  }
  run.properties = {
    framework: { id: report.framework.id, title: frameworkTitle(report.framework) },
    accountId: report.accountId,
    generatedAt: report.generatedAt,
    summary: report.summary,
  };
  return doc;
}
