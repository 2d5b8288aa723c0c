/**
 * One shared pass over a window for the three number detectors (phone, idCard, bankCard).
 *
 * A *run* is a maximal sequence of digit groups separated by single spaces or hyphens, optionally
 * led by `+` (`+86 138…`) and ended by `X`/`x` (ID card check character). Candidate values are the
 * runs' *group-aligned* sub-sequences: `2023-11-28 13812345678` holds the phone number, while the
 * unseparated `202311281381234567890` holds nothing — digits inside a group are never split, which
 * is what keeps order numbers and timestamps from matching. A run is *glued* on a side when a
 * letter, digit, `_`, or a decimal point with digits touches it; sub-sequences touching a glued side
 * are not candidates. Runs shorter than 11 digits are dropped at once: no value is that short.
 */
const MIN_DIGITS = 11;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * The runs of the last window scanned, flat (no object per run or group): group `g` spans
 * `[groupStart[g], groupEnd[g])` with `groupDigits[g]` digits; run `r` has the groups
 * `[runFirst[r], runFirst[r] + runGroups[r])` and `runFlags[r]` (`LEFT_GLUED | RIGHT_GLUED`).
 */
let groupStart = new Int32Array(256);
let groupEnd = new Int32Array(256);
let groupDigits = new Int32Array(256);
let groupCount = 0;
let runFirst = new Int32Array(64);
let runGroups = new Int32Array(64);
let runFlags = new Uint8Array(64);
let runCount = 0;
const LEFT_GLUED = 1;
const RIGHT_GLUED = 2;

let cacheText: string | undefined;
let cacheFrom = -1;

/**
 * Finds stretches of at least 11 digits (with single separators) that start with two adjacent
 * digits, fast: V8 scans for two adjacent digits natively, and the greedy tail consumes the whole
 * run. Only those stretches are walked in JS. Every value a number detector accepts contains such a
 * stretch (a phone number starts with `1[3-9]`, `+86` or `0086` and has 11 national digits, card
 * groups have at least 3 digits, an ID number is one group), so runs without one are skipped — a
 * date and time such as `2023-11-28 12:34` (10 digits) is no longer walked.
 * (Written out: the unrolled form runs about twice as fast as `[0-9]{2}(?:[ -]?[0-9]){9,}`.)
 */
const LONG_RUN = /[0-9][0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9](?:[ -]?[0-9])*/g;

/** Reads the runs of `text` starting at or after `from` (kept for the last window scanned). */
function collectRuns(text: string, from: number): void {
  if (text === cacheText && from === cacheFrom) return;
  groupCount = 0;
  runCount = 0;
  LONG_RUN.lastIndex = from;
  for (let m = LONG_RUN.exec(text); m !== null; m = LONG_RUN.exec(text)) {
    const matchEnd = LONG_RUN.lastIndex;
    // Walk back to the run start: the match may have skipped a one-digit first group (`1 2345…`).
    let i = m.index;
    for (;;) {
      while (i > from && isDigitCode(text.charCodeAt(i - 1))) i--;
      if (i - 1 > from && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 45) && isDigitCode(text.charCodeAt(i - 2))) {
        i--;
        continue;
      }
      break;
    }
    const next = readRun(text, from, i);
    LONG_RUN.lastIndex = Math.max(next, matchEnd);
  }
  cacheText = text;
  cacheFrom = from;
}

function grow<T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2);
  b.set(a);
  return b;
}

function pushGroup(start: number, end: number, digits: number): void {
  if (groupCount === groupStart.length) {
    groupStart = grow(groupStart, (n) => new Int32Array(n));
    groupEnd = grow(groupEnd, (n) => new Int32Array(n));
    groupDigits = grow(groupDigits, (n) => new Int32Array(n));
  }
  groupStart[groupCount] = start;
  groupEnd[groupCount] = end;
  groupDigits[groupCount] = digits;
  groupCount++;
}

function pushRun(first: number, flags: number): void {
  if (runCount === runFirst.length) {
    runFirst = grow(runFirst, (n) => new Int32Array(n));
    runGroups = grow(runGroups, (n) => new Int32Array(n));
    runFlags = grow(runFlags, (n) => new Uint8Array(n));
  }
  runFirst[runCount] = first;
  runGroups[runCount] = groupCount - first;
  runFlags[runCount] = flags;
  runCount++;
}

function isRunTailCode(c: number): boolean {
  return isDigitCode(c) || c === 32 || c === 45 || c === 43 || c === 46 || c === 88 || c === 120;
}

/**
 * For time-based flushes: the first digit or `+` of the trailing stretch of digits, separators,
 * `+`, `.` and `X` (at most `maxLength` + 2 bytes back) — more digits, an `X` or a decimal part
 * could still make or unmake a value there — else `text.length`.
 */
export function digitRunPendingFrom(text: string, from: number, maxLength: number): number {
  const n = text.length;
  const lo = Math.max(from, n - maxLength - 2);
  let i = n;
  while (i > lo && isRunTailCode(text.charCodeAt(i - 1))) i--;
  // A value starts with a digit or `+`: leading separators can go.
  for (let j = i; j < n; j++) {
    const c = text.charCodeAt(j);
    if (isDigitCode(c) || c === 43) return j;
  }
  return n;
}

/**
 * Reads the run whose first digit is at `i` and keeps it when it has at least 11 digits; returns
 * the offset after it.
 */
function readRun(text: string, from: number, i: number): number {
  const n = text.length;
  let start = i;
  const before = i > 0 ? text.charCodeAt(i - 1) : -1;
  let flags = 0;
  if (before === 43 /* + */) {
    const b2 = i > 1 ? text.charCodeAt(i - 2) : -1;
    if (isWordCode(b2) || i - 1 < from) flags |= LEFT_GLUED;
    else start = i - 1;
  } else if (isWordCode(before) || (before === 46 && i > 1 && isDigitCode(text.charCodeAt(i - 2)))) {
    // Touching a word, or the fraction of `3.14…`. (A digit before `from` is the tail of a run
    // already scanned: its first group here is not a group start either.)
    flags |= LEFT_GLUED;
  }
  const first = groupCount;
  let total = 0;
  let groupStartAt = start;
  let j = i;
  for (;;) {
    while (j < n && isDigitCode(text.charCodeAt(j))) j++;
    const next = j < n ? text.charCodeAt(j) : -1;
    const digits = j - groupStartAt - (groupStartAt < i && groupCount === first ? 1 : 0);
    total += digits;
    if ((next === 88 || next === 120) /* X */ && !(j + 1 < n && isWordCode(text.charCodeAt(j + 1)))) {
      pushGroup(groupStartAt, j + 1, digits);
      j++;
      if (j + 1 < n && text.charCodeAt(j) === 46 && isDigitCode(text.charCodeAt(j + 1))) flags |= RIGHT_GLUED;
      break;
    }
    pushGroup(groupStartAt, j, digits);
    if ((next === 32 || next === 45) && j + 1 < n && isDigitCode(text.charCodeAt(j + 1))) {
      j++;
      groupStartAt = j;
      continue;
    }
    if (isWordCode(next) || (next === 46 && j + 1 < n && isDigitCode(text.charCodeAt(j + 1)))) flags |= RIGHT_GLUED;
    break;
  }
  if (total >= MIN_DIGITS) pushRun(first, flags);
  else groupCount = first;
  return j;
}

/**
 * Calls `visit(start, end, digits)` for every group-aligned sub-sequence of every run whose digit
 * count lies in `[min, max]` and that does not touch a glued side; `maxGroups` limits how many groups
 * one value may span.
 */
export function forEachDigitCandidate(
  text: string,
  from: number,
  min: number,
  max: number,
  maxGroups: number,
  visit: (start: number, end: number, digits: number) => void,
): void {
  collectRuns(text, from);
  for (let r = 0; r < runCount; r++) {
    const flags = runFlags[r] ?? 0;
    const firstGroup = runFirst[r] ?? 0;
    const last = firstGroup + (runGroups[r] ?? 0) - 1;
    for (let a = firstGroup + ((flags & LEFT_GLUED) !== 0 ? 1 : 0); a <= last; a++) {
      let digits = 0;
      for (let b = a; b <= last && b - a < maxGroups; b++) {
        digits += groupDigits[b] ?? 0;
        if (digits > max) break;
        if (digits < min || (b === last && (flags & RIGHT_GLUED) !== 0)) continue;
        visit(groupStart[a] ?? 0, groupEnd[b] ?? 0, digits);
      }
    }
  }
}
