import { splitEpoch, splitLastHyphen } from './epoch.js';

/**
 * Debian package version comparison, as deb-version(7) specifies and dpkg implements:
 * `[epoch:]upstream-version[-debian-revision]`, compared part by part (epoch numerically, then
 * upstream and revision by alternating non-digit and digit runs). In non-digit runs letters sort
 * before non-letters and `~` sorts before everything, even the end of the part.
 */
export interface DebianVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

/** Splits a version into epoch, upstream and revision (the revision follows the last hyphen). */
export function parseDebianVersion(version: string): DebianVersion {
  const { epoch, rest } = splitEpoch(version);
  const [upstream, revision] = splitLastHyphen(rest);
  return { epoch, upstream, revision: revision ?? '' };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Weight of one character in a non-digit run; NaN (past the end) weighs like the end of the part. */
function order(c: number): number {
  if (Number.isNaN(c) || isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

/** Compares one part (upstream or revision): dpkg's `verrevcmp`. */
export function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return Math.sign(ac - bc);
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charCodeAt(i))) return 1;
    if (isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff !== 0) return Math.sign(firstDiff);
  }
  return 0;
}

/** -1, 0 or 1 as `a` sorts before, equal to or after `b` (what `dpkg --compare-versions` decides). */
export function compareDebianVersions(a: string, b: string): number {
  const x = parseDebianVersion(a);
  const y = parseDebianVersion(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  return compareDebianPart(x.upstream, y.upstream) || compareDebianPart(x.revision, y.revision);
}
