import type { Outcome } from './result.js';
import type { RuleOutcome } from './outcome.js';

/** How a check aggregates its rules. */
export type Condition = 'all' | 'any' | 'none';

/** Whether the condition's result is already decided by this rule outcome (later rules are not run). */
export function decides(condition: Condition, outcome: RuleOutcome): boolean {
  return condition === 'all' ? outcome.status === 'not found' : outcome.status === 'found';
}

/**
 * Wazuh's truth table: `all` — failed if any rule failed, else not applicable if any was, else passed;
 * `any` — passed if any passed, else not applicable if any was, else failed; `none` — failed if any
 * passed, else not applicable if any was, else passed.
 */
export function aggregate(condition: Condition, outcomes: readonly RuleOutcome[]): Outcome {
  const found = outcomes.some((o) => o.status === 'found');
  const notFound = outcomes.some((o) => o.status === 'not found');
  const invalid = outcomes.some((o) => o.status === 'invalid');
  switch (condition) {
    case 'all':
      return notFound ? 'failed' : invalid || !found ? 'not applicable' : 'passed';
    case 'any':
      return found ? 'passed' : invalid ? 'not applicable' : 'failed';
    case 'none':
      return found ? 'failed' : invalid ? 'not applicable' : 'passed';
  }
}
