import type { Transformation } from './transformation.js';

/**
 * `t:utf8toUnicode`: valid multi-byte UTF-8 sequences in the binary string become `%uHHHH`
 * (lower-case hex, as ModSecurity prints them); invalid bytes are kept.
 */
export const utf8toUnicode: Transformation = (input) => {
  if (!/[\x80-\xff]/.test(input)) return input;
  let out = '';
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    let len = 0;
    let code = 0;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; code = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; code = c & 0x0f; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; code = c & 0x07; }
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) {
      const cc = input.charCodeAt(i + k);
      if ((cc & 0xc0) !== 0x80) ok = false;
      else code = (code << 6) | (cc & 0x3f);
    }
    if (ok) {
      out += '%u' + code.toString(16).padStart(4, '0');
      i += len;
    } else {
      out += input[i];
      i++;
    }
  }
  return out;
};
