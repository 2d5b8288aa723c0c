import { urlDecode } from '../transformations/url-decode.js';

/** One decoded name/value pair of a query string or urlencoded body. */
export interface Pair {
  readonly name: string;
  readonly value: string;
}

/**
 * Splits `a=1&b=2&c` on the argument separator and URL-decodes names and values (`+` → space,
 * invalid `%` escapes kept), as ModSecurity does for QUERY_STRING and URLENCODED bodies.
 */
export function parseUrlEncoded(text: string, separator = '&'): Pair[] {
  const out: Pair[] = [];
  if (text === '') return out;
  for (const part of text.split(separator)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) out.push({ name: urlDecode(part), value: '' });
    else out.push({ name: urlDecode(part.slice(0, eq)), value: urlDecode(part.slice(eq + 1)) });
  }
  return out;
}
