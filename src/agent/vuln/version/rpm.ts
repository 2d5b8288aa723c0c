import { splitEpoch, splitLastHyphen } from './epoch.js';

/**
 * RPM version comparison: `rpmvercmp` for version and release strings (alphanumeric segments,
 * numbers newer than letters, `~` older than anything, `^` newer than the end but older than any
 * other continuation) and `[epoch:]version[-release]` labels compared epoch, version, release.
 */
export interface RpmLabel {
  readonly epoch: number;
  readonly version: string;
  /** Absent when the label has no `-release`; then releases are not compared (as rpm's range checks do). */
  readonly release: string | undefined;
}

export function parseRpmLabel(label: string): RpmLabel {
  const { epoch, rest } = splitEpoch(label);
  const [version, release] = splitLastHyphen(rest);
  return { epoch, version, release };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isSeparator = (c: string | undefined): boolean => c !== undefined && !isDigit(c) && !isAlpha(c) && c !== '~' && c !== '^';

/** `rpmvercmp(a, b)`: -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (isSeparator(a[i])) i++;
    while (isSeparator(b[j])) j++;
    // tilde: older than everything, even the end of the string
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // caret: like tilde, except that the end of the string is older
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const inSegment = numeric ? isDigit : isAlpha;
    let ei = i;
    let ej = j;
    while (inSegment(a[ei])) ei++;
    while (inSegment(b[ej])) ej++;
    // segments of different types: numbers are newer than letters
    if (ej === j) return numeric ? 1 : -1;
    let one = a.slice(i, ei);
    let two = b.slice(j, ej);
    if (numeric) {
      one = one.replace(/^0+/, '');
      two = two.replace(/^0+/, '');
      if (one.length !== two.length) return one.length > two.length ? 1 : -1;
    }
    if (one !== two) return one < two ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Compares `[epoch:]version[-release]` labels as rpm and dnf order packages. */
export function compareRpmVersions(a: string, b: string): number {
  const x = parseRpmLabel(a);
  const y = parseRpmLabel(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  const version = rpmvercmp(x.version, y.version);
  if (version !== 0 || x.release === undefined || y.release === undefined) return version;
  return rpmvercmp(x.release, y.release);
}
