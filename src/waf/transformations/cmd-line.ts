import type { Transformation } from './transformation.js';

/**
 * `t:cmdLine` (ModSecurity semantics): deletes `\ " ' ^`; turns each run of space, tab, CR, LF, `,`
 * and `;` into one space; deletes that space when `/` or `(` follows; lowercases ASCII.
 */
export const cmdLine: Transformation = (input) => {
  let out = '';
  let space = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    switch (ch) {
      case '"': case "'": case '\\': case '^':
        continue;
      case ' ': case ',': case ';': case '\t': case '\r': case '\n':
        if (!space) { out += ' '; space = true; }
        break;
      case '/': case '(':
        if (space) out = out.slice(0, -1);
        space = false;
        out += ch;
        break;
      default: {
        const c = ch.charCodeAt(0);
        out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : ch;
        space = false;
      }
    }
  }
  return out;
};
