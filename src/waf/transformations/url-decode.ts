import { bytesToString, hexValue, isHexByte, type Transformation } from './transformation.js';

/** `t:urlDecode`: `%XX` and `+`; invalid escapes are kept as they are. */
export const urlDecode: Transformation = (input) => {
  if (!input.includes('%') && !input.includes('+')) return input;
  const out: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x25 && i + 2 < input.length + 0 && isHexByte(input.charCodeAt(i + 1)) && isHexByte(input.charCodeAt(i + 2))) {
      out.push(hexValue(input.charCodeAt(i + 1)) * 16 + hexValue(input.charCodeAt(i + 2)));
      i += 2;
    } else if (c === 0x2b) {
      out.push(0x20);
    } else {
      out.push(c);
    }
  }
  return bytesToString(out);
};
