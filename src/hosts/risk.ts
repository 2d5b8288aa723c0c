/**
 * A host's risk score, 0–100, from what the server knows about it:
 *
 *   vulnerabilities = min(50, 10·critical + 5·high + 2·medium + 0.5·low)   open findings
 *   baseline        = min(20, 1 per failed baseline check)
 *   intrusions      = min(30, 10 per high alert + 3 per other alert)        alerts of the last 7 days
 *                                                                           (not baseline-check alerts)
 *   score           = round(vulnerabilities + baseline + intrusions)
 *
 * A high alert has `event.severity` ≥ 73 (high and critical on the ECS 0–100 scale). Levels:
 * 0 none, 1–24 low, 25–49 medium, 50–74 high, 75–100 critical. The parts are returned so the
 * console can say why.
 */
export const RISK_WEIGHTS = {
  vulnerabilities: { critical: 10, high: 5, medium: 2, low: 0.5, cap: 50 },
  baseline: { failedCheck: 1, cap: 20 },
  intrusions: { high: 10, other: 3, cap: 30, days: 7, highSeverity: 73 },
} as const;

export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';

export interface RiskInputs {
  vulnerabilities: { critical: number; high: number; medium: number; low: number };
  failedChecks: number;
  /** alerts of the last 7 days: `high` (severity ≥ 73) and all of them (`total`) */
  alerts: { high: number; total: number };
}

export interface Risk {
  Score: number;
  Level: RiskLevel;
  Parts: { Vulnerabilities: number; Baseline: number; Intrusions: number };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function riskLevel(score: number): RiskLevel {
  if (score <= 0) return 'none';
  if (score < 25) return 'low';
  if (score < 50) return 'medium';
  if (score < 75) return 'high';
  return 'critical';
}

export function riskScore(i: RiskInputs): Risk {
  const w = RISK_WEIGHTS;
  const v = i.vulnerabilities;
  const vulns = Math.min(w.vulnerabilities.cap, v.critical * w.vulnerabilities.critical + v.high * w.vulnerabilities.high + v.medium * w.vulnerabilities.medium + v.low * w.vulnerabilities.low);
  const baseline = Math.min(w.baseline.cap, i.failedChecks * w.baseline.failedCheck);
  const other = Math.max(0, i.alerts.total - i.alerts.high);
  const intrusions = Math.min(w.intrusions.cap, i.alerts.high * w.intrusions.high + other * w.intrusions.other);
  const score = Math.round(vulns + baseline + intrusions);
  return { Score: score, Level: riskLevel(score), Parts: { Vulnerabilities: round1(vulns), Baseline: baseline, Intrusions: intrusions } };
}
