import { aggregate, decides, type Condition } from './condition.js';
import type { EvalContext } from './context.js';
import { negate, type RuleOutcome } from './outcome.js';
import type { Check, Policy } from './policy.js';
import { summarize, type CheckResult, type Outcome, type PolicyResult } from './result.js';
import type { Rule } from './rule.js';
import { evaluateCommandRule } from './rules/command.js';
import { evaluateDirectoryRule } from './rules/directory.js';
import { evaluateFileRule } from './rules/file.js';
import { evaluateProcessRule } from './rules/process.js';

/** How many checks of a policy are evaluated at the same time (commands are the slow part). */
const CHECK_CONCURRENCY = 4;

/** Evaluates one rule, `not` applied. */
export async function evaluateRule(rule: Rule, ctx: EvalContext): Promise<RuleOutcome> {
  if (rule.invalid !== undefined) return { status: 'invalid', reason: rule.invalid };
  let outcome: RuleOutcome;
  switch (rule.kind) {
    case 'f':
      outcome = evaluateFileRule(rule, ctx);
      break;
    case 'd':
      outcome = evaluateDirectoryRule(rule, ctx);
      break;
    case 'p':
      outcome = evaluateProcessRule(rule, ctx);
      break;
    case 'c':
      outcome = await evaluateCommandRule(rule, ctx);
      break;
    case 'r':
      outcome = { status: 'invalid', reason: 'Windows registry rules do not apply to Linux' };
      break;
  }
  return rule.negated ? negate(outcome) : outcome;
}

/** Evaluates rules in order under a condition, stopping once the result is decided. */
export async function evaluateRules(condition: Condition, rules: readonly Rule[], ctx: EvalContext): Promise<{ result: Outcome; reason?: string }> {
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    const outcome = await evaluateRule(rule, ctx);
    outcomes.push(outcome);
    if (decides(condition, outcome)) break;
  }
  const result = aggregate(condition, outcomes);
  const firstInvalid = outcomes.find((o) => o.status === 'invalid');
  return result === 'not applicable' && firstInvalid?.status === 'invalid' ? { result, reason: firstInvalid.reason } : { result };
}

async function evaluateCheck(check: Check, ctx: EvalContext): Promise<CheckResult> {
  const { condition, rules, ...info } = check;
  const { result, reason } = await evaluateRules(condition, rules, ctx);
  return { ...info, condition, rules: rules.map((r) => r.source), result, ...(reason !== undefined ? { reason } : {}) };
}

/** Whether the policy's requirements hold on this host (a policy without requirements always applies). */
export async function requirementsHold(policy: Policy, ctx: EvalContext): Promise<{ holds: true } | { holds: false; why: string }> {
  const req = policy.requirements;
  if (!req) return { holds: true };
  const { result, reason } = await evaluateRules(req.condition, req.rules, ctx);
  return result === 'passed' ? { holds: true } : { holds: false, why: `requirements not met: ${req.title}${reason ? ` (${reason})` : ''}` };
}

/** Runs a policy: its requirements, then every check (skipped, with why, when the requirements do not hold). */
export async function evaluatePolicy(policy: Policy, ctx: EvalContext): Promise<PolicyResult> {
  const head = { id: policy.id, name: policy.name, file: policy.file };
  const req = await requirementsHold(policy, ctx);
  if (!req.holds) return { ...head, skipped: req.why, summary: summarize([]), checks: [] };
  const checks: CheckResult[] = new Array(policy.checks.length);
  // Checks run a few at a time so their commands overlap; each check's rules stay in order.
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < policy.checks.length; i = next++) checks[i] = await evaluateCheck(policy.checks[i]!, ctx);
  };
  await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, policy.checks.length) }, worker));
  return { ...head, summary: summarize(checks), checks };
}
