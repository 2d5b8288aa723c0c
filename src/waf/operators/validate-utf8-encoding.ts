import type { OperatorFactory } from './operator.js';

/** True when the binary string is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF). */
export function isValidUtf8(input: string): boolean {
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c < 0x80) { i++; continue; }
    let len: number;
    let min: number;
    let code: number;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; min = 0x80; code = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; min = 0x800; code = c & 0x0f; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; min = 0x10000; code = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (let k = 1; k < len; k++) {
      const cc = input.charCodeAt(i + k);
      if ((cc & 0xc0) !== 0x80) return false;
      code = (code << 6) | (cc & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += len;
  }
  return true;
}

/** `@validateUtf8Encoding`: matches when the value is not well-formed UTF-8. */
export const validateUtf8Encoding: OperatorFactory = () => (input, out) => {
  if (isValidUtf8(input)) return false;
  out.matched = input;
  return true;
};
