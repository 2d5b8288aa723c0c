import type { Detector, RegionMasker, RegionState } from './detector.js';
import { pendingStart, prefixPattern } from './prefix-pattern.js';

/**
 * PEM private keys (`-----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP ]PRIVATE KEY[ BLOCK]-----`).
 * The header is found by the scanner like any other value; the body that follows is then masked
 * as a *region*, byte by byte, across as many chunks as it spans, so the carry-over window never
 * needs to hold a whole key: every base64 character becomes `*`, line breaks and the armor lines
 * stay. The region ends at the next `-----` (the END line, kept), at a quote that closes the string
 * the key was embedded in, or after 16 KiB. JSON escapes (`\n`, `\u000a`), HTML tags (`<br>`) and
 * entities (`&#10;`) inside the body are kept intact so the document stays well-formed.
 */
const HEADER = /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const HEADER_PREFIX = prefixPattern(HEADER);

/** Longest body a region masks before giving up (an 8192-bit RSA key is ~6.5 KiB). */
export const MAX_PEM_BODY = 16 * 1024;
/** Bytes of lookahead the region masker needs after the position it processes. */
export const PEM_LOOKAHEAD = 80;

const STAR = 0x2a;

function isBase64(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61;
}

/** Offset just after a bounded construct starting at `i` (`<…>`, `&…;`), or `i + 1` when it is not one. */
function skipUntil(view: Buffer, i: number, end: number, close: number, max: number): number {
  const limit = Math.min(end, i + max);
  for (let j = i + 1; j < limit; j++) {
    const c = view[j] ?? 0;
    if (c === close) return j + 1;
    if (c === 0x0a || c === 0x3c) break;
  }
  return i + 1;
}

export const pemBodyMasker: RegionMasker = {
  continue(view: Buffer, out: Buffer, from: number, to: number, end: number, final: boolean, state: RegionState) {
    let i = from;
    while (i < to) {
      if (state.consumed >= MAX_PEM_BODY) return { pos: i, closed: true };
      const c = view[i] ?? 0;
      if (c === 0x2d /* - */) {
        if (i + 5 > end && !final) return { pos: i, closed: false };
        if (view[i + 1] === 0x2d && view[i + 2] === 0x2d && view[i + 3] === 0x2d && view[i + 4] === 0x2d) return { pos: i, closed: true };
        i++;
        state.consumed++;
        continue;
      }
      if (c === 0x22 || c === 0x27 || c === 0x60) return { pos: i, closed: true };
      let next = i + 1;
      if (c === 0x5c /* \ */) next = Math.min(end, i + (view[i + 1] === 0x75 /* u */ ? 6 : 2));
      else if (c === 0x3c /* < */) next = skipUntil(view, i, end, 0x3e, 64);
      else if (c === 0x26 /* & */) next = skipUntil(view, i, end, 0x3b, 12);
      else if (isBase64(c)) {
        out[i] = STAR;
        view[i] = STAR;
      }
      state.consumed += next - i;
      i = next;
    }
    return { pos: i, closed: false };
  },
};

export const privateKeyDetector: Detector = {
  name: 'privateKey',
  priority: 0,
  maxLength: 64,
  defaultKeep: { prefix: 0, suffix: 0 },
  find(text, from, _ctx, emit) {
    if (!text.includes('PRIVATE KEY', from)) return;
    HEADER.lastIndex = from;
    for (let m = HEADER.exec(text); m !== null; m = HEADER.exec(text)) emit({ start: m.index, end: m.index + m[0].length });
  },
  pendingFrom(text, from) {
    return pendingStart(HEADER_PREFIX, text, Math.max(from, text.length - this.maxLength));
  },
  // The header line stays readable: it says what was removed. The body is the region.
  mask(value) {
    return value;
  },
  region: pemBodyMasker,
};
