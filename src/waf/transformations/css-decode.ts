import { bytesToString, hexValue, isHexByte, isSpaceByte, type Transformation } from './transformation.js';

/**
 * `t:cssDecode`: CSS 2 escapes. `\` + 1–6 hex digits → the low byte of the code point (full-width
 * ASCII folded), one following whitespace consumed; `\` + newline is removed; `\c` → `c`.
 */
export const cssDecode: Transformation = (input) => {
  if (!input.includes('\\')) return input;
  const out: number[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c !== 0x5c) { out.push(c); i++; continue; }
    if (i + 1 >= n) { i++; continue; }
    let j = i + 1;
    while (j < n && j < i + 7 && isHexByte(input.charCodeAt(j))) j++;
    if (j > i + 1) {
      let code = 0;
      for (let k = i + 1; k < j; k++) code = code * 16 + hexValue(input.charCodeAt(k));
      const digits = j - i - 1;
      let byte = code & 0xff;
      if (digits >= 5 || (digits === 4 && code >= 0xff01 && code <= 0xff5e)) {
        byte = code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code & 0xff;
      }
      out.push(byte);
      i = j < n && isSpaceByte(input.charCodeAt(j)) ? j + 1 : j;
      continue;
    }
    const d = input.charCodeAt(i + 1);
    if (d === 0x0a) { i += 2; continue; }
    out.push(d);
    i += 2;
  }
  return bytesToString(out);
};
