/**
 * Translates the PCRE-only syntax the Core Rule Set (and ModSecurity users) write into RE2 syntax, and
 * returns the RE2 flags. ModSecurity compiles @rx with DOTALL; like Coraza we also use multi-line `^`/`$`.
 *  - `\Z` (end or before final newline) → `(?:\n?\z)`; `\z`, `\A`, `\x{HH}`, `(?i)`, `(?i:…)` are RE2 already.
 *  - atomic groups `(?>…)` → `(?:…)` and possessive quantifiers `*+ ++ ?+` → greedy ones (same matches
 *    for a boolean test; RE2 never backtracks).
 *  - `\e` → `\x1b`, `\h` → `[\t ]`, `\R` → `(?:\r\n|\n|\r)`.
 */
export function translatePcre(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const d = pattern[i + 1] ?? '';
      i++;
      if (d === 'Z' && !inClass) { out += '(?:\\n?\\z)'; continue; }
      if (d === 'e') { out += '\\x1b'; continue; }
      if (d === 'h') { out += inClass ? '\\t ' : '[\\t ]'; continue; }
      if (d === 'R' && !inClass) { out += '(?:\\r\\n|\\n|\\r)'; continue; }
      if (d === '/') { out += '/'; continue; }
      out += c + d;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') { out += '^'; i++; }
      if (pattern[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?' && pattern[i + 2] === '>') { out += '(?:'; i += 2; continue; }
    if (c === '+' && /[*+?}]/.test(pattern[i - 1] ?? '') && pattern[i - 2] !== '\\' && out.length > 0) continue;
    out += c;
  }
  return out;
}
