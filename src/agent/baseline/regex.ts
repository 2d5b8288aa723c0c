import RE2 from 're2';
import { BulwarkError } from '../../core/errors.js';

/**
 * PCRE (what Wazuh SCA policies are written in: PCRE2) → RE2, so every regex runs in linear time.
 *
 * Rewritten: `\h` / `\H` (horizontal space), `\v` / `\V` (vertical space; RE2 reads `\v` as the VT
 * character), `\R` (any line break), `\N` (not a newline), `\e` (escape), `\Z` (end, before a final
 * newline), `\/`, named groups `(?<name>…)` / `(?'name'…)`. Already RE2: `\s \d \w \b \A \z \Q…\E`,
 * `\x{HH}`, POSIX classes, `(?i)` and scoped flags.
 * Refused (an `Agent.Baseline.UnsupportedRegex` naming the feature): look-ahead and look-behind,
 * back-references, atomic groups, possessive quantifiers, recursion and subroutine calls, `\G`, `\K`,
 * conditionals, branch reset — none of them has a linear-time equivalent with the same meaning.
 */
const ESCAPES: Readonly<Record<string, { out: string; inClass: string }>> = {
  h: { out: '[\\t \\xA0]', inClass: '\\t \\xA0' },
  H: { out: '[^\\t \\xA0]', inClass: '' },
  v: { out: '[\\n\\x0B\\f\\r\\x85]', inClass: '\\n\\x0B\\f\\r\\x85' },
  V: { out: '[^\\n\\x0B\\f\\r\\x85]', inClass: '' },
  R: { out: '(?:\\r\\n|[\\n\\x0B\\f\\r\\x85])', inClass: '' },
  N: { out: '[^\\n]', inClass: '' },
  e: { out: '\\x1b', inClass: '\\x1b' },
  Z: { out: '(?:\\n?\\z)', inClass: '' },
  '/': { out: '/', inClass: '/' },
};

const REFUSED_ESCAPES: Readonly<Record<string, string>> = { G: '\\G (end of the previous match)', K: '\\K (match reset)', g: 'a back-reference (\\g)', k: 'a named back-reference (\\k)' };

function refuse(pattern: string, feature: string): never {
  throw new BulwarkError('Agent.Baseline.UnsupportedRegex', { pattern, feature });
}

/** Feature named by a `(?` group opener at `rest` (the text after `(?`), or undefined when RE2 has it. */
function groupFeature(rest: string): string | undefined {
  if (rest.startsWith('=') || rest.startsWith('!')) return 'a look-ahead';
  if (rest.startsWith('<=') || rest.startsWith('<!')) return 'a look-behind';
  if (rest.startsWith('>')) return 'an atomic group';
  if (rest.startsWith('|')) return 'a branch reset group';
  if (rest.startsWith('(')) return 'a conditional group';
  if (/^(?:R|[+-]?\d|&|P>)/.test(rest)) return 'recursion or a subroutine call';
  return undefined;
}

/** Translates a PCRE pattern to RE2 syntax; throws `Agent.Baseline.UnsupportedRegex` for what RE2 cannot run. */
export function translatePcreToRe2(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined) refuse(pattern, 'a trailing backslash');
      i++;
      if (d === 'Q') {
        const end = pattern.indexOf('\\E', i + 1);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i - 1, stop);
        i = stop - 1;
        continue;
      }
      const esc = ESCAPES[d];
      if (esc) {
        if (inClass && esc.inClass === '') refuse(pattern, `\\${d} inside a character class`);
        out += inClass ? esc.inClass : esc.out;
        continue;
      }
      if (!inClass && d >= '1' && d <= '9') refuse(pattern, `a back-reference (\\${d})`);
      const refused = REFUSED_ESCAPES[d];
      if (refused && !inClass) refuse(pattern, refused);
      out += c + d;
      continue;
    }
    // Inside a class only `[:name:]` (POSIX) and the closing `]` matter; a leading `]` is literal.
    const posix = inClass ? /^\[:\w+:\]/.exec(pattern.slice(i)) : null;
    const opening = inClass ? null : /^\[\^?\]?/.exec(pattern.slice(i));
    const token = posix?.[0] ?? (opening ? opening[0].replace(/\]$/, '\\]') : c);
    if (opening) inClass = true;
    else if (inClass && !posix && c === ']') inClass = false;
    if (inClass || opening || c === ']') {
      out += token;
      i += (posix?.[0] ?? opening?.[0] ?? c).length - 1;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2, i + 5);
      const feature = groupFeature(rest);
      if (feature) refuse(pattern, feature);
      const named = /^(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(pattern.slice(i + 2));
      if (named) {
        out += `(?P<${named[1] ?? named[2]}>`;
        i += 1 + named[0].length;
        continue;
      }
    }
    if (c === '+' && out.length > 0 && /[*+?}]/.test(pattern[i - 1] ?? '') && pattern[i - 2] !== '\\') refuse(pattern, 'a possessive quantifier');
    out += c;
  }
  return out;
}

/** Compiles a PCRE pattern to a linear-time RE2 regex (errors name the pattern and the feature). */
export function compilePcre(pattern: string): RE2 {
  const source = translatePcreToRe2(pattern);
  try {
    return new RE2(source, 'u');
  } catch (e) {
    throw new BulwarkError('Agent.Baseline.UnsupportedRegex', { pattern, feature: `invalid syntax (${e instanceof Error ? e.message : String(e)})` });
  }
}
