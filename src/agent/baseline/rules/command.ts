import { contentMatches } from '../content.js';
import type { EvalContext } from '../context.js';
import { FOUND, invalid, outcomeOf, type RuleOutcome } from '../outcome.js';
import type { Rule } from '../rule.js';

/**
 * `c:COMMAND -> CONTENT`: runs the command (argv, no shell) and tests its output, stdout and stderr
 * each (trailing newlines trimmed, as Wazuh). `c:COMMAND` alone: found when the command ran. Not
 * applicable when commands are not allowed, the command cannot be started, or it times out.
 */
export async function evaluateCommandRule(rule: Rule, ctx: EvalContext): Promise<RuleOutcome> {
  if (!ctx.commands.allowed) return invalid(ctx.commands.reason);
  const output = await ctx.commands.run(rule.target);
  if (!output.ok) return invalid(output.reason);
  const { content } = rule;
  if (!content) return FOUND;
  const trim = (s: string): string => s.replace(/\n+$/, '');
  return outcomeOf(contentMatches(trim(output.stdout), content) || contentMatches(trim(output.stderr), content));
}
