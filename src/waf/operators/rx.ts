import RE2 from 're2';
import type { OperatorFactory, OperatorFn } from './operator.js';
import type { RequiredLiterals } from './operator.js';
import { literalPrefilter, requiredLiterals } from './rx-prefilter.js';
import { translatePcre } from './rx-translate.js';

/** What @rx needs from a compiled pattern (RE2, or RegExp for the few patterns RE2 cannot express). */
export interface CompiledRx {
  test(input: string): boolean;
  exec(input: string): RegExpExecArray | null;
  readonly linear: boolean;
  /** False only for inputs the pattern cannot match (the literal prefilter, already part of test/exec). */
  readonly mayMatch?: ((input: string) => boolean) | undefined;
  /** The literals behind mayMatch. */
  readonly literals?: RequiredLiterals | undefined;
}

const backtracking = new Set<string>();

/**
 * Patterns that RE2 rejects (look-around, back-references — CRS v4 has none, Debian's CRS 3.3.4 has
 * five) run on V8's backtracking engine instead; they are listed here so operators can see them
 * (`bulwark waf load` prints them).
 */
export function backtrackingPatterns(): readonly string[] {
  return [...backtracking];
}

/**
 * RegExp has no inline modifiers: a leading `(?i)` becomes the `i` flag, and scoped `(?i:…)` groups
 * become plain groups under a global `i` (CRS 3.3.4 only wraps whole patterns that way).
 */
function nativeFallback(pattern: string): RegExp {
  let flags = 'sm';
  let body = translatePcre(pattern);
  const lead = /^\(\?([imsx]+)\)/.exec(body);
  if (lead) {
    if (lead[1]?.includes('i')) flags += 'i';
    body = body.slice(lead[0].length);
  }
  if (body.includes('(?i:')) {
    body = body.replace(/\(\?i:/g, '(?:');
    if (!flags.includes('i')) flags += 'i';
  }
  return new RegExp(body, flags);
}

/** Compiles a SecLang regular expression with RE2 (linear time), PCRE syntax translated. */
export function compileRx(pattern: string): CompiledRx {
  try {
    const source = translatePcre(pattern);
    const re = new RE2(source, 'sm');
    // Most inputs hold none of the literals every match needs: those never reach RE2.
    const literals = requiredLiterals(source);
    if (literals === undefined) return { test: (s) => re.test(s), exec: (s) => re.exec(s), linear: true };
    const pre = literalPrefilter(literals);
    return { test: (s) => pre(s) && re.test(s), exec: (s) => (pre(s) ? re.exec(s) : null), linear: true, mayMatch: pre, literals };
  } catch (e) {
    let re: RegExp;
    try {
      re = nativeFallback(pattern);
    } catch {
      throw e;
    }
    backtracking.add(pattern);
    return { test: (s) => re.test(s), exec: (s) => re.exec(s), linear: false };
  }
}

/**
 * `@rx`: RE2 search over the binary string (each byte is one code point U+0000–U+00FF, so `\xHH` and `.`
 * behave per byte as in ModSecurity). With `capture`, TX.0–TX.9 receive the match and its groups.
 */
export const rx: OperatorFactory = ({ param }) => {
  const re = compileRx(param);
  const fn: OperatorFn = (input, out, capture) => {
    if (!capture) return re.test(input);
    const m = re.exec(input);
    if (m === null) return false;
    out.captures = Array.from(m, (g) => g ?? '').slice(0, 10);
    out.matched = m[0];
    return true;
  };
  // the operator memo asks the prefilter first: inputs it rejects are neither looked up nor remembered
  return re.mayMatch === undefined ? fn : Object.assign(fn, { mayMatch: re.mayMatch, literals: re.literals });
};
