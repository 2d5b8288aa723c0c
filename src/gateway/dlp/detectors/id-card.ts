import { maskSelected } from '../mask.js';
import type { Detector } from './detector.js';
import { digitRunPendingFrom, forEachDigitCandidate } from './digit-runs.js';

/**
 * PRC resident identity card numbers (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence and an ISO 7064 MOD 11-2 check character (`0-9` or `X`). The 15-digit legacy
 * form (YYMMDD birth date in the 1900s, no check character) is accepted only when `legacy15` is on.
 * Candidates are single digit groups from the shared digit-run pass (see digit-runs.ts).
 */
/** Province-level region prefixes (GB/T 2260) plus 71 Taiwan, 81 Hong Kong, 82 Macao, 83 residence permits. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export function isValidRegion(code: string): boolean {
  if (!PROVINCES.has(digitsAt(code, 0, 2))) return false;
  // A real code names a county: its city/county digits are never all zeros.
  return digitsAt(code, 2, 4) !== 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYYMMDD` of today (UTC), recomputed at most once a minute. */
let todayCache = { at: 0, ymd: 0 };
function todayYmd(): number {
  const now = Date.now();
  if (now - todayCache.at > 60_000) {
    const d = new Date(now);
    todayCache = { at: now, ymd: d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate() };
  }
  return todayCache.ymd;
}

/** A real calendar date between 1900-01-01 and `today` (UTC). */
export function isValidBirthDate(year: number, month: number, day: number, today?: Date): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > days) return false;
  const limit = today === undefined ? todayYmd() : today.getUTCFullYear() * 10000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return year * 10000 + month * 100 + day <= limit;
}

function digitsAt(value: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + (value.charCodeAt(i) - 48);
  return n;
}

function allDigits(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function isValidIdCard(value: string, legacy15 = false, today?: Date): boolean {
  if (value.length === 18) {
    const last = value.charCodeAt(17);
    if (!allDigits(value, 0, 17) || !((last >= 48 && last <= 57) || last === 88 || last === 120)) return false;
    if (!isValidRegion(value) || !isValidBirthDate(digitsAt(value, 6, 4), digitsAt(value, 10, 2), digitsAt(value, 12, 2), today)) return false;
    return idCardCheckChar(value) === (last === 120 ? 'X' : value[17]);
  }
  if (value.length === 15 && legacy15) {
    if (!allDigits(value, 0, 15)) return false;
    return isValidRegion(value) && isValidBirthDate(1900 + digitsAt(value, 6, 2), digitsAt(value, 8, 2), digitsAt(value, 10, 2), today);
  }
  return false;
}

export const idCardDetector: Detector = {
  name: 'idCard',
  priority: 20,
  maxLength: 18,
  defaultKeep: { prefix: 6, suffix: 4 },
  find(text, from, ctx, emit) {
    const legacy15 = ctx.options.legacy15;
    forEachDigitCandidate(text, from, legacy15 ? 15 : 17, 18, 1, (start, end) => {
      const length = end - start;
      if ((length === 18 || (legacy15 && length === 15)) && isValidIdCard(text.slice(start, end), legacy15)) emit({ start, end });
    });
  },
  pendingFrom(text, from) {
    return digitRunPendingFrom(text, from, this.maxLength);
  },
  mask(value, keep) {
    // The legacy form has no check character: keep its 3-digit sequence at most.
    const suffix = value.length === 15 ? Math.min(keep.suffix, 3) : keep.suffix;
    return maskSelected(value, { prefix: keep.prefix, suffix }, (c) => (c >= 48 && c <= 57) || c === 88 || c === 120);
  },
};
