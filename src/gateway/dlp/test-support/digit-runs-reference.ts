// The digit-run pass as it was before the flat, allocation-free rewrite (commit aa3a7a1): the
// reference the equivalence test compares the number detectors with. Test support only.
interface DigitGroup {
  /** Offset of the first character (the `+` for a leading plus group). */
  readonly start: number;
  /** Offset after the last character (after `X`). */
  readonly end: number;
  readonly digits: number;
}

interface DigitRun {
  readonly groups: readonly DigitGroup[];
  readonly leftGlued: boolean;
  readonly rightGlued: boolean;
}

const MIN_DIGITS = 11;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

let cacheText: string | undefined;
let cacheFrom = -1;
let cacheRuns: readonly DigitRun[] = [];

/**
 * Finds stretches of at least 11 digits (with single separators) fast: V8 scans for two adjacent
 * digits natively, and the greedy tail consumes the whole run. Only those stretches are walked in JS.
 * (Written out: the unrolled form runs about twice as fast as `[0-9]{2}(?:[ -]?[0-9]){9,}`.)
 */
const LONG_RUN = /[0-9][0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9][ -]?[0-9](?:[ -]?[0-9])*/g;

/** The runs of `text` starting at or after `from` (cached for the last window scanned). */
function digitRuns(text: string, from: number): readonly DigitRun[] {
  if (text === cacheText && from === cacheFrom) return cacheRuns;
  const runs: DigitRun[] = [];
  LONG_RUN.lastIndex = from;
  for (let m = LONG_RUN.exec(text); m !== null; m = LONG_RUN.exec(text)) {
    // The match may have skipped a one-digit first group (`1 2345…`): walk back to the run start.
    let i = m.index;
    while (i > from && isDigitCode(text.charCodeAt(i - 1))) i--;
    while (i - 1 > from && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 45) && isDigitCode(text.charCodeAt(i - 2))) {
      i -= 2;
      while (i > from && isDigitCode(text.charCodeAt(i - 1))) i--;
    }
    const run = readRun(text, from, i);
    if (run.total >= MIN_DIGITS) runs.push(run.run);
    LONG_RUN.lastIndex = Math.max(run.next, m.index + m[0].length);
  }
  cacheText = text;
  cacheFrom = from;
  cacheRuns = runs;
  return runs;
}

/** Reads the run whose first digit is at `i`. */
function readRun(text: string, from: number, i: number): { run: DigitRun; total: number; next: number } {
  const n = text.length;
  let start = i;
  const before = i > 0 ? text.charCodeAt(i - 1) : -1;
  let leftGlued = false;
  if (before === 43 /* + */) {
    const b2 = i > 1 ? text.charCodeAt(i - 2) : -1;
    if (isWordCode(b2) || i - 1 < from) leftGlued = true;
    else start = i - 1;
  } else if (isWordCode(before) || (before === 46 && i > 1 && isDigitCode(text.charCodeAt(i - 2)))) {
    // Touching a word, or the fraction of `3.14…`. (A digit before `from` is the tail of a run
    // already scanned: its first group here is not a group start either.)
    leftGlued = true;
  }
  const groups: DigitGroup[] = [];
  let total = 0;
  let groupStart = start;
  let j = i;
  let rightGlued = false;
  for (;;) {
    while (j < n && isDigitCode(text.charCodeAt(j))) j++;
    const next = j < n ? text.charCodeAt(j) : -1;
    const digits = j - groupStart - (groupStart < i && groups.length === 0 ? 1 : 0);
    total += digits;
    if ((next === 88 || next === 120) /* X */ && !(j + 1 < n && isWordCode(text.charCodeAt(j + 1)))) {
      groups.push({ start: groupStart, end: j + 1, digits });
      j++;
      rightGlued = j + 1 < n && text.charCodeAt(j) === 46 && isDigitCode(text.charCodeAt(j + 1));
      break;
    }
    groups.push({ start: groupStart, end: j, digits });
    if ((next === 32 || next === 45) && j + 1 < n && isDigitCode(text.charCodeAt(j + 1))) {
      j++;
      groupStart = j;
      continue;
    }
    rightGlued = isWordCode(next) || (next === 46 && j + 1 < n && isDigitCode(text.charCodeAt(j + 1)));
    break;
  }
  return { run: { groups, leftGlued, rightGlued }, total, next: j };
}

export function referenceDigitCandidates(
  text: string,
  from: number,
  min: number,
  max: number,
  maxGroups: number,
  visit: (start: number, end: number, digits: number) => void,
): void {
  for (const run of digitRuns(text, from)) {
    const g = run.groups;
    const last = g.length - 1;
    for (let a = run.leftGlued ? 1 : 0; a <= last; a++) {
      let digits = 0;
      for (let b = a; b <= last && b - a < maxGroups; b++) {
        digits += g[b]?.digits ?? 0;
        if (digits > max) break;
        if (digits < min || (b === last && run.rightGlued)) continue;
        visit(g[a]?.start ?? 0, g[b]?.end ?? 0, digits);
      }
    }
  }
}
