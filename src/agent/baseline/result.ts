/** Outcome of a rule, a check or a requirement: Wazuh SCA's passed / failed / not applicable. */
export type Outcome = 'passed' | 'failed' | 'not applicable';

/** What a check says about itself (from the policy), reported with its result. */
export interface CheckInfo {
  readonly id: number | string;
  readonly title: string;
  readonly description?: string;
  readonly rationale?: string;
  readonly remediation?: string;
  readonly compliance: Readonly<Record<string, readonly string[]>>;
  readonly references: readonly string[];
}

/** One evaluated check of a policy, as reported. */
export interface CheckResult extends CheckInfo {
  /** how the rules combine, and the rules as the policy writes them (shown with a failure) */
  readonly condition: 'all' | 'any' | 'none';
  readonly rules: readonly string[];
  readonly result: Outcome;
  /** Why the check is not applicable (the first rule that could not be evaluated). */
  readonly reason?: string;
}

/** Counts of a policy run (or of a whole scan). */
export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
  readonly total: number;
  /** passed / (passed + failed) in percent, rounded; Wazuh's score. 0 when nothing was decided. */
  readonly score: number;
}

/** A policy run on a host. `skipped` says why its requirements did not hold (then `checks` is empty). */
export interface PolicyResult {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly skipped?: string;
  readonly summary: Summary;
  readonly checks: readonly CheckResult[];
}

/** Counts the outcomes of checks. */
export function summarize(checks: readonly { readonly result: Outcome }[]): Summary {
  let passed = 0;
  let failed = 0;
  let notApplicable = 0;
  for (const c of checks) {
    if (c.result === 'passed') passed++;
    else if (c.result === 'failed') failed++;
    else notApplicable++;
  }
  const decided = passed + failed;
  return { passed, failed, notApplicable, total: checks.length, score: decided === 0 ? 0 : Math.round((passed * 100) / decided) };
}
