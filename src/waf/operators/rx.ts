import RE2 from 're2';
import type { OperatorFactory } from './operator.js';
import { translatePcre } from './rx-translate.js';

/** Compiles a SecLang regular expression with RE2 (linear time), PCRE syntax translated. */
export function compileRx(pattern: string): RE2 {
  return new RE2(translatePcre(pattern), 'sm');
}

/**
 * `@rx`: RE2 search over the binary string (each byte is one code point U+0000–U+00FF, so `\xHH` and `.`
 * behave per byte as in ModSecurity). With `capture`, TX.0–TX.9 receive the match and its groups.
 */
export const rx: OperatorFactory = ({ param }) => {
  const re = compileRx(param);
  return (input, out, capture) => {
    if (!capture) {
      const idx = re.search(input);
      if (idx < 0) return false;
      return true;
    }
    const m = re.exec(input);
    if (m === null) return false;
    out.captures = Array.from(m, (g) => g ?? '').slice(0, 10);
    out.matched = m[0];
    return true;
  };
};
