import type RE2 from 're2';
import { BulwarkError } from '../../core/errors.js';
import { compilePcre } from './regex.js';

/** A numeric comparison operator of `n:REGEX compare OP VALUE`. */
export type CompareOp = '<' | '<=' | '==' | '!=' | '>=' | '>';

/** One operand of a content test (Wazuh calls them minterms), optionally negated with `!`. */
export type Minterm =
  | { readonly negated: boolean; readonly kind: 'regex'; readonly regex: RE2 }
  | { readonly negated: boolean; readonly kind: 'numeric'; readonly regex: RE2; readonly op: CompareOp; readonly value: number }
  | { readonly negated: boolean; readonly kind: 'literal'; readonly text: string };

/** A content test: minterms joined by ` && `, all of which must hold on one line. */
export interface ContentPattern {
  readonly source: string;
  readonly minterms: readonly Minterm[];
}

const NUMERIC = /^(.*?)\s+compare\s+(<=|>=|==|!=|<|>)\s*(-?\d+)\s*$/;

function parseMinterm(text: string): Minterm {
  const negated = text.startsWith('!');
  const body = negated ? text.slice(1) : text;
  if (body.startsWith('r:')) return { negated, kind: 'regex', regex: compilePcre(body.slice(2)) };
  if (body.startsWith('n:')) {
    const m = NUMERIC.exec(body.slice(2));
    if (!m) throw new BulwarkError('Agent.Baseline.InvalidPolicy', { source: 'rule', field: text, reason: 'a numeric test is "n:REGEX compare OP NUMBER" with OP one of < <= == != >= >' });
    return { negated, kind: 'numeric', regex: compilePcre(m[1]!), op: m[2] as CompareOp, value: Number(m[3]) };
  }
  return { negated, kind: 'literal', text: body };
}

/** Parses the content part of a rule (`r:…`, `!r:…`, `n:… compare OP N`, literal, joined by ` && `). */
export function parseContent(source: string): ContentPattern {
  return { source, minterms: source.split(' && ').map(parseMinterm) };
}

function compare(actual: number, op: CompareOp, expected: number): boolean {
  switch (op) {
    case '<': return actual < expected;
    case '<=': return actual <= expected;
    case '==': return actual === expected;
    case '!=': return actual !== expected;
    case '>=': return actual >= expected;
    case '>': return actual > expected;
  }
}

function holds(m: Minterm, line: string): boolean {
  switch (m.kind) {
    case 'literal':
      return line === m.text;
    case 'regex':
      return m.regex.test(line);
    case 'numeric': {
      const match = m.regex.exec(line);
      if (match === null) return false;
      const n = Number.parseInt(match[1] ?? match[0], 10);
      return Number.isFinite(n) && compare(n, m.op, m.value);
    }
  }
}

/** Splits text into lines (a final newline does not make an empty last line). */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Whether text satisfies a content test, per line as in Wazuh: some line satisfies every minterm
 * (a negated minterm holds when its test does not). A lone negated minterm (`!r:X`) is stricter:
 * it holds only when no line matches X (Wazuh 5 semantics). Empty text never matches.
 */
export function contentMatches(text: string, pattern: ContentPattern): boolean {
  if (text === '') return false;
  const lines = linesOf(text);
  const { minterms } = pattern;
  if (minterms.length === 1 && minterms[0]!.negated) {
    const only = minterms[0]!;
    return !lines.some((line) => holds(only, line));
  }
  return lines.some((line) => minterms.every((m) => holds(m, line) !== m.negated));
}
