import { bytesToString, hexValue, isHexByte, type Transformation } from './transformation.js';

/**
 * `t:urlDecodeUni`: like urlDecode, plus IIS-style `%uHHHH`. Full-width ASCII (U+FF01–U+FF5E) maps to
 * its ASCII twin; other code points keep their low byte (ModSecurity without a unicode map).
 */
export const urlDecodeUni: Transformation = (input) => {
  if (!input.includes('%') && !input.includes('+')) return input;
  const out: number[] = [];
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x25) {
      const c1 = input.charCodeAt(i + 1);
      if ((c1 === 0x75 || c1 === 0x55) && i + 5 < n && isHexByte(input.charCodeAt(i + 2)) && isHexByte(input.charCodeAt(i + 3))
        && isHexByte(input.charCodeAt(i + 4)) && isHexByte(input.charCodeAt(i + 5))) {
        const code = (hexValue(input.charCodeAt(i + 2)) << 12) | (hexValue(input.charCodeAt(i + 3)) << 8)
          | (hexValue(input.charCodeAt(i + 4)) << 4) | hexValue(input.charCodeAt(i + 5));
        out.push(code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code & 0xff);
        i += 5;
        continue;
      }
      if (i + 2 < n && isHexByte(c1) && isHexByte(input.charCodeAt(i + 2))) {
        out.push(hexValue(c1) * 16 + hexValue(input.charCodeAt(i + 2)));
        i += 2;
        continue;
      }
      out.push(c);
    } else if (c === 0x2b) {
      out.push(0x20);
    } else {
      out.push(c);
    }
  }
  return bytesToString(out);
};
