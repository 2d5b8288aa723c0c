/** What `attackCategory` reads of a matched WAF rule. */
export interface TaggedMatch {
  readonly tags: readonly string[];
  readonly severity: string | undefined;
}

/** ModSecurity severities, most severe first (names and their 0–7 numbers). */
const SEVERITY_RANK: Readonly<Record<string, number>> = {
  emergency: 0, '0': 0, alert: 1, '1': 1, critical: 2, '2': 2, error: 3, '3': 3,
  warning: 4, '4': 4, notice: 5, '5': 5, info: 6, '6': 6, debug: 7, '7': 7,
};
const UNRATED = 8;

/**
 * The attack class of a request's WAF matches, as `rule.category` of the access event: the OWASP CRS
 * convention tags every attack rule `attack-<class>` (`attack-sqli`, `attack-xss`, `attack-rce`,
 * `attack-protocol`, …), and the class is taken from the most severe tagged match (the first of equals),
 * so a CRITICAL SQL injection outranks the WARNING protocol anomaly that often comes with it. Custom
 * rules are classified the same way when they carry such a tag; none → undefined.
 */
export function attackCategory(matches: readonly TaggedMatch[]): string | undefined {
  let best: { category: string; rank: number } | undefined;
  for (const m of matches) {
    const tag = m.tags.find((t) => /^attack-[a-z0-9-]+$/i.test(t));
    if (!tag) continue;
    const rank = SEVERITY_RANK[(m.severity ?? '').toLowerCase()] ?? UNRATED;
    if (!best || rank < best.rank) best = { category: tag.slice('attack-'.length).toLowerCase(), rank };
  }
  return best?.category;
}
