import { BulwarkError } from '../../core/errors.js';
import { parseContent, type ContentPattern } from './content.js';
import { substituteVariables, type Variables } from './variables.js';

/** Rule kinds: file, directory, process, command, and the Windows registry (never applicable here). */
export type RuleKind = 'f' | 'd' | 'p' | 'c' | 'r';

/**
 * A parsed rule. `target` is the path list, process name or command line (variables substituted);
 * `fileName` is a directory rule's file test (`d:DIR -> NAME` or `-> r:REGEX`), `content` the
 * content test. `invalid` says why the rule can never be evaluated (it is then not applicable).
 */
export interface Rule {
  readonly source: string;
  readonly negated: boolean;
  readonly kind: RuleKind;
  readonly target: string;
  readonly fileName?: ContentPattern;
  readonly content?: ContentPattern;
  readonly invalid?: string;
}

const ARROW = ' -> ';
const KINDS = new Set<string>(['f', 'd', 'p', 'c', 'r']);

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf(ARROW);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + ARROW.length)];
}

function invalidRule(base: Omit<Rule, 'invalid'>, reason: string): Rule {
  return { ...base, invalid: reason };
}

/**
 * Parses one rule string: `[not ]KIND:TARGET[ -> CONTENT]`, and for directories
 * `d:DIR -> FILE_TEST[ -> CONTENT]`. Syntax errors throw `Agent.Baseline.InvalidPolicy` naming
 * `field` (so is an undefined `$variable`, except in commands, where `$X` may be the command's own);
 * a regex RE2 cannot run makes the rule `invalid` (reported not applicable, with the reason).
 */
export function parseRule(source: string, variables: Variables, field: string, policy: string): Rule {
  let text = source.trim();
  const negated = text.startsWith('not ');
  if (negated) text = text.slice(4).trimStart();
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : '';
  if (!KINDS.has(kind)) throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source: policy, field, reason: `rule "${source}" does not start with f:, d:, p:, c: or r:` });
  const [rawTarget, rest] = splitOnce(text.slice(colon + 1));
  const { text: target, missing } = substituteVariables(rawTarget.trim(), variables);
  const base = { source, negated, kind: kind as RuleKind, target };
  if (target === '') throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source: policy, field, reason: `rule "${source}" has no target` });
  if (missing.length > 0 && kind !== 'c') throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source: policy, field, reason: `undefined variable ${missing.join(', ')}` });
  if (kind === 'r') return invalidRule(base, 'Windows registry rules do not apply to Linux');
  if (rest === undefined) return base;
  if (kind === 'p') throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source: policy, field, reason: 'process rules only test existence (no "->")' });
  try {
    if (kind === 'd') {
      const [name, content] = splitOnce(rest);
      return { ...base, fileName: parseContent(name.trim()), ...(content !== undefined ? { content: parseContent(content.trim()) } : {}) };
    }
    return { ...base, content: parseContent(rest.trim()) };
  } catch (e) {
    if (e instanceof BulwarkError && e.code === 'Agent.Baseline.UnsupportedRegex') return invalidRule(base, e.message);
    if (e instanceof BulwarkError && e.code === 'Agent.Baseline.InvalidPolicy') throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source: policy, field, reason: `rule "${source}": ${String(e.params.reason ?? e.message)}` });
    throw e;
  }
}
