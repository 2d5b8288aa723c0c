import { bytesToString, hexEscapeAt, isHexByte, octalEscapeAt, type Transformation } from './transformation.js';

const SIMPLE: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/**
 * `t:jsDecode`: JavaScript escapes `\uHHHH` (full-width ASCII folded, else low byte), `\xHH`, octal
 * `\OOO` (max 0377), `\a \b \f \n \r \t \v`, and `\c` → `c` for any other character.
 */
export const jsDecode: Transformation = (input) => {
  if (!input.includes('\\')) return input;
  const out: number[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c !== 0x5c || i + 1 >= n) { out.push(c); i++; continue; }
    const d = input[i + 1] as string;
    const hex = hexEscapeAt(input, i);
    if ((d === 'u' || d === 'U') && i + 5 < n && [2, 3, 4, 5].every((k) => isHexByte(input.charCodeAt(i + k)))) {
      const code = parseInt(input.slice(i + 2, i + 6), 16);
      out.push(code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code & 0xff);
      i += 6;
    } else if (hex >= 0) {
      out.push(hex);
      i += 4;
    } else if (d >= '0' && d <= '7') {
      const octal = octalEscapeAt(input, i, true);
      out.push(octal.value);
      i = octal.end;
    } else {
      const simple = SIMPLE[d];
      out.push(simple ?? d.charCodeAt(0));
      i += 2;
    }
  }
  return bytesToString(out);
};
