import { maskSelected } from '../mask.js';
import type { Detector } from './detector.js';

/**
 * E-mail addresses (`local@domain.tld`): scanning is anchored on `@` (found with `indexOf`), the
 * local part is read backwards (at most 64 characters of `A-Z a-z 0-9 . _ % + -`, starting with a
 * letter or digit) and the domain forwards (1–8 labels and a 2–24 letter top-level domain, at most
 * 253 characters). Each byte is visited a bounded number of times, so the scan is linear.
 */
const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/y;

function isLocalChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** File extensions that follow `@2x`-style asset names (`logo@2x.png`); never top-level domains. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp', 'css', 'js', 'mjs', 'map', 'json', 'html', 'htm', 'woff', 'woff2', 'ttf', 'mp4', 'webm']);

/** Start of the local part ending right before `at`, or -1. */
function localStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 64 && isLocalChar(text.charCodeAt(i - 1))) i--;
  // A run longer than 64 characters is not an address.
  if (i > 0 && isLocalChar(text.charCodeAt(i - 1))) return -1;
  while (i < at && !isAlnumCode(text.charCodeAt(i))) i++;
  if (i === at) return -1;
  const local = text.slice(i, at);
  if (local.endsWith('.') || local.includes('..')) return -1;
  return i;
}

export const emailDetector: Detector = {
  name: 'email',
  priority: 50,
  maxLength: 64 + 1 + 253,
  defaultKeep: { prefix: 1, suffix: 0 },
  find(text, from, _ctx, emit) {
    for (let at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', at + 1)) {
      const start = localStart(text, at);
      if (start < from) continue;
      DOMAIN.lastIndex = at + 1;
      const m = DOMAIN.exec(text);
      if (m === null || m[0].length > 253) continue;
      const tld = m[0].slice(m[0].lastIndexOf('.') + 1).toLowerCase();
      if (FILE_EXTENSIONS.has(tld)) continue;
      const end = at + 1 + m[0].length;
      emit({ start, end });
      at = end - 1;
    }
  },
  pendingFrom(text, from) {
    // The trailing word could be (the start of) an address: hold it.
    const lo = Math.max(from, text.length - this.maxLength);
    let i = text.length;
    while (i > lo && (isLocalChar(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 64)) i--;
    return i;
  },
  mask(value, keep) {
    const at = value.indexOf('@');
    return maskSelected(value, { prefix: keep.prefix, suffix: keep.suffix }, () => true, 0, at < 0 ? value.length : at);
  },
};
