import { bytesToString, hexEscapeAt, octalEscapeAt, type Transformation } from './transformation.js';

const SIMPLE: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c, '?': 0x3f, "'": 0x27, '"': 0x22 };

/** `t:escapeSeqDecode`: ANSI C escapes `\a \b \f \n \r \t \v \\ \? \' \" \xHH \OOO`; others kept. */
export const escapeSeqDecode: Transformation = (input) => {
  if (!input.includes('\\')) return input;
  const out: number[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c !== 0x5c || i + 1 >= n) { out.push(c); i++; continue; }
    const d = input[i + 1] as string;
    const simple = SIMPLE[d];
    if (simple !== undefined) { out.push(simple); i += 2; continue; }
    const hex = hexEscapeAt(input, i);
    if (hex >= 0) { out.push(hex); i += 4; continue; }
    if (d >= '0' && d <= '7') {
      const octal = octalEscapeAt(input, i, false);
      out.push(octal.value);
      i = octal.end;
      continue;
    }
    out.push(c);
    i++;
  }
  return bytesToString(out);
};
