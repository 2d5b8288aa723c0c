/**
 * The input of every findings report (json, sarif, junit, html, table): the checks that ran, their
 * results and the scan errors. Reports read only this, so platform checks can reuse them.
 */
import { createHash } from 'node:crypto';
import { severityRank, SEVERITIES, type CheckMeta, type CheckResult, type Severity } from '../check.js';

export interface ReportError {
  file: string;
  code: string;
  message: string;
}

export interface ReportInput {
  tool: { name: string; version: string };
  checks: readonly CheckMeta[];
  results: readonly CheckResult[];
  errors?: readonly ReportError[];
  scanned?: { files: number; resources: number; durationMs: number };
}

export interface Finding {
  checkId: string;
  title: string;
  severity: Severity;
  resource: string;
  resourceType: string;
  file?: string;
  line?: number;
  message: string;
  evidence: Readonly<Record<string, unknown>>;
  /** Stable across line moves: check, file, resource, attribute path and message. */
  fingerprint: string;
}

export function fingerprintOf(r: CheckResult): string {
  const path = typeof r.evidence.path === 'string' ? r.evidence.path : '';
  return createHash('sha256').update([r.checkId, r.resource.file ?? '', r.resource.id, path, r.message].join('\u0000')).digest('hex').slice(0, 32);
}

/** Failed results joined with their check, most severe first, then by file and line. */
export function findingsOf(input: ReportInput): Finding[] {
  const meta = new Map(input.checks.map((c) => [c.id, c]));
  return input.results
    .filter((r) => r.status === 'fail')
    .map((r) => {
      const c = meta.get(r.checkId);
      return {
        checkId: r.checkId,
        title: c?.title ?? r.checkId,
        severity: c?.severity ?? 'info',
        resource: r.resource.id,
        resourceType: r.resource.type,
        ...(r.resource.file !== undefined ? { file: r.resource.file } : {}),
        ...(r.resource.line !== undefined ? { line: r.resource.line } : {}),
        message: r.message,
        evidence: r.evidence,
        fingerprint: fingerprintOf(r),
      };
    })
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.checkId.localeCompare(b.checkId));
}

export interface Summary {
  checks: number;
  passed: number;
  failed: number;
  notApplicable: number;
  bySeverity: Record<Severity, number>;
  errors: number;
}

export function summaryOf(input: ReportInput, findings: readonly Finding[] = findingsOf(input)): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  return {
    checks: input.checks.length,
    passed: input.results.filter((r) => r.status === 'pass').length,
    failed: findings.length,
    notApplicable: input.results.filter((r) => r.status === 'not_applicable').length,
    bySeverity,
    errors: input.errors?.length ?? 0,
  };
}

/** Whether any finding is at or above `threshold` (for `--fail-on`). */
export function reachesThreshold(findings: readonly Finding[], threshold: Severity): boolean {
  return findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
}
