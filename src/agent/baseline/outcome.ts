/** What evaluating one rule gives, before `not`: found, not found, or not evaluable (with why). */
export type RuleOutcome = { readonly status: 'found' } | { readonly status: 'not found' } | { readonly status: 'invalid'; readonly reason: string };

export const FOUND: RuleOutcome = { status: 'found' };
export const NOT_FOUND: RuleOutcome = { status: 'not found' };

export function invalid(reason: string): RuleOutcome {
  return { status: 'invalid', reason };
}

export function outcomeOf(found: boolean): RuleOutcome {
  return found ? FOUND : NOT_FOUND;
}

/** `not RULE`: found and not found swap; what cannot be evaluated stays so. */
export function negate(outcome: RuleOutcome): RuleOutcome {
  if (outcome.status === 'invalid') return outcome;
  return outcome.status === 'found' ? NOT_FOUND : FOUND;
}

/**
 * A rule over a list of targets (`f:/a,/b`, a variable holding a list, a wildcard): found when any
 * target is found, not found when some target could be evaluated, otherwise not evaluable.
 */
export function anyOf(outcomes: readonly RuleOutcome[], empty: RuleOutcome): RuleOutcome {
  if (outcomes.length === 0) return empty;
  if (outcomes.some((o) => o.status === 'found')) return FOUND;
  if (outcomes.some((o) => o.status === 'not found')) return NOT_FOUND;
  return outcomes[0]!;
}
