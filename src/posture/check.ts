/**
 * The posture check contract shared by platform checks (`checks/platform/`), Alibaba Cloud IaC
 * checks (`checks/alicloud/`), the framework mappings (`frameworks/`) and the reports (`report/`).
 * A check is metadata plus a pure evaluate function; it never performs I/O.
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Orders severities so `--fail-on high` can compare them: critical = 4 … info = 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** Where the check's input comes from. */
export type CheckSource = 'platform' | 'iac';

export interface Remediation {
  /** Console steps, in prose. */
  console: string;
  /** A Terraform (alicloud provider) snippet that fixes it, where one exists. */
  terraform?: string;
  /** A `bulwark …` or `aliyun …` command that fixes it, where one exists. */
  cli?: string;
}

export interface CheckMeta {
  /** Stable id `BWK-<AREA>-NNN`, e.g. `BWK-RAM-001`, `BWK-ECS-004`. */
  id: string;
  title: string;
  severity: Severity;
  source: CheckSource;
  /** Resource types it looks at: `alicloud_security_group_rule`, `bulwark:ram-user`, … */
  resourceTypes: readonly string[];
  rationale: string;
  remediation: Remediation;
}

/** Where a finding points: a live resource, or a file and line for IaC. */
export interface ResourceRef {
  /** `alicloud_security_group_rule.allow_ssh`, `bulwark:ram-user/alice`, … */
  id: string;
  type: string;
  file?: string;
  /** 1-based line of the resource block (or of the offending attribute when known). */
  line?: number;
}

export type CheckStatus = 'pass' | 'fail' | 'not_applicable';

/** One evaluated outcome of one check on one resource. */
export interface CheckResult {
  checkId: string;
  status: CheckStatus;
  resource: ResourceRef;
  /** Human-readable and machine-readable evidence of why (values read, thresholds compared). */
  message: string;
  evidence: Readonly<Record<string, unknown>>;
}

/** A check over some input `I` (an IaC resource set, a platform snapshot). */
export interface Check<I> extends CheckMeta {
  evaluate(input: I): readonly CheckResult[];
}
