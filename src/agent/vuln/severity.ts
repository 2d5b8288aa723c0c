/** Severity of a finding: from a CVSS score where the feed has one, else the distribution's rating. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

/** CVSS v3 qualitative rating scale. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'negligible';
}

/**
 * A distribution's rating as a severity: Debian urgency (`low`, `medium**`, `unimportant`, `not yet
 * assigned`; a trailing `**` marks a guess and is stripped), Ubuntu priority, Red Hat-style ratings
 * (AlmaLinux, Rocky Linux: Critical, Important, Moderate, Low).
 */
export function severityOfRating(rating: string | undefined | null): Severity {
  const text = (rating ?? '').trim().replace(/\*+$/, '').trim().toLowerCase();
  switch (text) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
      return 'low';
    case 'unimportant':
    case 'negligible':
    case 'none':
      return 'negligible';
    default:
      return 'unknown';
  }
}

/** Strips the `**` Debian appends to urgencies that are guesses. */
export function cleanUrgency(urgency: string): string {
  return urgency.trim().replace(/\*+$/, '').trim();
}
