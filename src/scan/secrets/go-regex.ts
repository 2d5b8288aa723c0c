import RE2 from 're2';
import { BulwarkError } from '../../core/errors.js';

/**
 * Translates a Go `regexp` (RE2 syntax, as gitleaks writes its rules) into a source that the `re2`
 * binding compiles with the same meaning, and rejects what neither Go nor RE2 can run in linear time.
 *
 * What changes: `(?<name>…)` becomes `(?P<name>…)`; `\Z` (PCRE's end of text) becomes `\z`; a `/`
 * is left to the binding. What stays as is because RE2 reads it like Go does: inline flags anywhere
 * (`(?i)` prefixes, `(?i:…)`, `(?-i:…)`, `(?s)`, `(?U)`), `\z`, `\A`, `\Q…\E`, POSIX classes
 * (`[[:alnum:]]`), Unicode classes (`\pL`), `$` meaning end of text without `(?m)`.
 * What is refused: look-ahead/behind, atomic groups, back-references and possessive quantifiers.
 */
export function translateGoRegex(source: string, field: string): string {
  let out = '';
  let inClass = false;
  let classStart = -1;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) throw new BulwarkError('Scan.InvalidRules', { source: 'regex', field, reason: 'trailing backslash' });
      if (next === 'Q') {
        // \Q…\E: literal text, copied through untouched.
        const end = source.indexOf('\\E', i + 2);
        const stop = end < 0 ? source.length : end + 2;
        out += source.slice(i, stop);
        i = stop - 1;
        continue;
      }
      if (!inClass && next >= '1' && next <= '9') throw new BulwarkError('Scan.UnsupportedRegex', { field, feature: `a back-reference (\\${next})` });
      if (next === 'k' && source[i + 2] === '<') throw new BulwarkError('Scan.UnsupportedRegex', { field, feature: 'a named back-reference' });
      if (next === 'Z' && !inClass) {
        out += '\\z';
        i++;
        continue;
      }
      out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      // `]` right after `[` or `[^` is a literal; `[:alpha:]` inside a class is a POSIX class.
      if (ch === '[' && source[i + 1] === ':') {
        const end = source.indexOf(':]', i + 2);
        if (end > 0) {
          out += source.slice(i, end + 2);
          i = end + 1;
          continue;
        }
      }
      if (ch === ']' && i > classStart) inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      classStart = source[i + 1] === '^' ? i + 2 : i + 1;
      out += ch;
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      // a leading `]` is literal
      if (source[i + 1] === ']') {
        out += ']';
        i++;
      }
      continue;
    }
    if (ch === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2, i + 4);
      if (rest.startsWith('=') || rest.startsWith('!')) throw new BulwarkError('Scan.UnsupportedRegex', { field, feature: 'a look-ahead' });
      if (rest === '<=' || rest === '<!') throw new BulwarkError('Scan.UnsupportedRegex', { field, feature: 'a look-behind' });
      if (rest.startsWith('>')) throw new BulwarkError('Scan.UnsupportedRegex', { field, feature: 'an atomic group' });
      if (rest.startsWith('<')) {
        out += '(?P<';
        i += 2;
        continue;
      }
    }
    if ((ch === '+' || ch === '*' || ch === '?' || ch === '}') && source[i + 1] === '+') {
      throw new BulwarkError('Scan.UnsupportedRegex', { field, feature: 'a possessive quantifier' });
    }
    out += ch;
  }
  if (inClass) throw new BulwarkError('Scan.InvalidRules', { source: 'regex', field, reason: 'unterminated character class' });
  return out;
}

/** Compiles a Go regex for byte (UTF-8 Buffer) input; errors name the field. */
export function compileGoRegex(source: string, field: string, flags = ''): RE2 {
  const translated = translateGoRegex(source, field);
  try {
    return new RE2(translated, flags);
  } catch (e) {
    throw new BulwarkError('Scan.InvalidRules', { source: 'regex', field, reason: e instanceof Error ? e.message : String(e) });
  }
}
