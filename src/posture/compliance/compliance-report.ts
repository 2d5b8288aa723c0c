import type { CheckResult, CheckStatus, Remediation, ResourceRef, Severity } from '../check.js';
import type { FrameworkId } from '../frameworks/framework.js';

/** How a requirement came out: manual requirements (no automated check) are never `passed`. */
export type RequirementStatus = 'passed' | 'failed' | 'manual' | 'not_applicable';

export interface CheckOutcome {
  id: string;
  title: string;
  severity: Severity;
  source: 'platform' | 'iac';
  /** fail if any resource failed, pass if any passed, else not applicable (or not run) */
  status: CheckStatus | 'not_run';
  counts: { pass: number; fail: number; not_applicable: number };
}

export interface RequirementReport {
  id: string;
  section: string;
  title: string;
  nameZh?: string;
  level?: string;
  status: RequirementStatus;
  /** why: the failing checks, "no automated check", "IaC not scanned" … */
  reason: string;
  note?: string;
  checks: CheckOutcome[];
  /** results of the mapped checks, failures first (capped; see `evidenceOmitted`) */
  evidence: CheckResult[];
  evidenceOmitted: number;
}

export interface Finding {
  checkId: string;
  title: string;
  severity: Severity;
  resource: ResourceRef;
  message: string;
  evidence: Readonly<Record<string, unknown>>;
  remediation: Remediation;
  /** requirement ids of this framework the check evidences */
  requirements: string[];
}

export interface ComplianceSummary {
  requirements: number;
  passed: number;
  failed: number;
  manual: number;
  notApplicable: number;
  /** requirements with at least one automated check */
  automated: number;
  /** passed / (passed + failed) × 100, one decimal; null when nothing was assessed automatically */
  score: number | null;
  /** automated / requirements × 100, one decimal */
  coverage: number;
}

export interface ComplianceReport {
  reportVersion: 1;
  generatedAt: string;
  accountId: string;
  framework: { id: FrameworkId; name: string; version: string; publisher: string; description: string };
  sources: {
    platform: { evaluated: boolean; takenAt?: string; unavailable: Record<string, string> };
    iac: { evaluated: boolean; paths: string[]; resources?: number };
  };
  summary: ComplianceSummary;
  requirements: RequirementReport[];
  findings: Finding[];
}

/** "CIS Alibaba Cloud Foundations Benchmark 2.0.0", "ISO/IEC 27001:2022 Annex A" (the version once). */
export function frameworkTitle(f: { name: string; version: string }): string {
  return f.name.includes(f.version) ? f.name : `${f.name} ${f.version}`;
}
