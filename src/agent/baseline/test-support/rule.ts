import type { EvalContext } from '../context.js';
import { evaluateRule } from '../evaluator.js';
import type { RuleOutcome } from '../outcome.js';
import { parseRule } from '../rule.js';

/** Evaluates one rule string in a context (test helper); returns the outcome's status. */
export async function statusOf(source: string, ctx: EvalContext): Promise<RuleOutcome['status']> {
  return (await evaluateRule(parseRule(source, new Map(), 'rule', 'test'), ctx)).status;
}
