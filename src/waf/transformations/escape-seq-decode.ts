import { bytesToString, hexValue, isHexByte, type Transformation } from './transformation.js';

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
    if ((d === 'x' || d === 'X') && i + 3 < n + 0 && isHexByte(input.charCodeAt(i + 2)) && isHexByte(input.charCodeAt(i + 3))) {
      out.push(hexValue(input.charCodeAt(i + 2)) * 16 + hexValue(input.charCodeAt(i + 3)));
      i += 4;
      continue;
    }
    if (d >= '0' && d <= '7') {
      let j = i + 1;
      let value = 0;
      while (j < n && j < i + 4 && input[j]! >= '0' && input[j]! <= '7') { value = value * 8 + input.charCodeAt(j) - 0x30; j++; }
      out.push(value & 0xff);
      i = j;
      continue;
    }
    out.push(c);
    i++;
  }
  return bytesToString(out);
};
