import { statSync } from 'node:fs';
import { contentMatches } from '../content.js';
import type { EvalContext } from '../context.js';
import { anyOf, invalid, NOT_FOUND, outcomeOf, type RuleOutcome } from '../outcome.js';
import { expandPaths } from '../paths.js';
import { readTextOnce } from '../read-text.js';
import type { Rule } from '../rule.js';

function isFile(real: string): boolean {
  try {
    return statSync(real).isFile();
  } catch {
    return false;
  }
}

/**
 * `f:PATH[,PATH…]` (wildcards allowed): found when a regular file exists. `f:PATH -> CONTENT`: found
 * when a line of the file satisfies the content test; a missing or unreadable file makes the rule not
 * applicable (Wazuh: the target of a content check must exist).
 */
export function evaluateFileRule(rule: Rule, ctx: EvalContext): RuleOutcome {
  const paths = expandPaths(ctx.root, rule.target);
  const { content } = rule;
  if (!content) return anyOf(paths.map((p) => outcomeOf(isFile(p.real))), NOT_FOUND);
  return anyOf(
    paths.map((p) => {
      const read = readTextOnce(ctx, p.real);
      return 'error' in read ? invalid(`cannot read ${p.shown} (${read.error})`) : outcomeOf(contentMatches(read.text, content));
    }),
    invalid(`no file matches ${rule.target}`),
  );
}
