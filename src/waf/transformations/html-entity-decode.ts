import { bytesToString, type Transformation } from './transformation.js';

const NAMED: Readonly<Record<string, number>> = { quot: 0x22, amp: 0x26, lt: 0x3c, gt: 0x3e, nbsp: 0xa0, apos: 0x27 };

/**
 * `t:htmlEntityDecode`: `&#DDD;`, `&#xHH;` (semicolon optional, value truncated to one byte) and the
 * named entities quot, amp, lt, gt, nbsp, apos (semicolon required).
 */
export const htmlEntityDecode: Transformation = (input) => {
  if (!input.includes('&')) return input;
  const out: number[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c !== 0x26) { out.push(c); i++; continue; }
    if (input.charCodeAt(i + 1) === 0x23) {
      const hex = input.charCodeAt(i + 2) === 0x78 || input.charCodeAt(i + 2) === 0x58;
      let j = i + (hex ? 3 : 2);
      const start = j;
      while (j < n && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(input[j] ?? '')) j++;
      if (j > start) {
        const value = parseInt(input.slice(start, j), hex ? 16 : 10);
        out.push(value & 0xff);
        i = input.charCodeAt(j) === 0x3b ? j + 1 : j;
        continue;
      }
    } else {
      let j = i + 1;
      while (j < n && j - i <= 5 && /[a-zA-Z]/.test(input[j] ?? '')) j++;
      const name = input.slice(i + 1, j).toLowerCase();
      const code = NAMED[name];
      if (code !== undefined && input.charCodeAt(j) === 0x3b) {
        out.push(code);
        i = j + 1;
        continue;
      }
    }
    out.push(c);
    i++;
  }
  return bytesToString(out);
};
