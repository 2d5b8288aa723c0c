import { maskSelected } from '../mask.js';
import { findWithRegex, type Detector } from './detector.js';

/**
 * PRC resident identity card numbers (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence and an ISO 7064 MOD 11-2 check character (`0-9` or `X`). The 15-digit legacy
 * form (YYMMDD birth date in the 1900s, no check character) is accepted only when `legacy15` is on.
 */
const PATTERN =
  /(?<![0-9A-Za-z_]|[0-9][.-])[1-9][0-9]{5}(?:(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]|[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})(?![0-9A-Za-z_]|[.-][0-9])/g;

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
  if (!PROVINCES.has(Number(code.slice(0, 2)))) return false;
  // The city/county part of a real code is never all zeros together with a zero county.
  return code.slice(2, 6) !== '0000';
}

/** A real calendar date between 1900-01-01 and `today` (UTC). */
export function isValidBirthDate(year: number, month: number, day: number, today: Date = new Date()): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.getTime() <= today.getTime();
}

export function isValidIdCard(value: string, legacy15 = false, today: Date = new Date()): boolean {
  if (value.length === 18) {
    if (!/^[0-9]{17}[0-9Xx]$/.test(value)) return false;
    if (!isValidRegion(value) || !isValidBirthDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14)), today)) return false;
    return idCardCheckChar(value).toUpperCase() === (value[17] ?? '').toUpperCase();
  }
  if (value.length === 15 && legacy15) {
    if (!/^[0-9]{15}$/.test(value)) return false;
    return isValidRegion(value) && isValidBirthDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)), today);
  }
  return false;
}

export const idCardDetector: Detector = {
  name: 'idCard',
  priority: 20,
  maxLength: 18,
  defaultKeep: { prefix: 6, suffix: 4 },
  find(text, from, ctx, emit) {
    findWithRegex(PATTERN, text, from, emit, (t, s, e) => isValidIdCard(t.slice(s, e), ctx.options.legacy15));
  },
  mask(value, keep) {
    // The legacy form has no check character: keep its 3-digit sequence at most.
    const suffix = value.length === 15 ? Math.min(keep.suffix, 3) : keep.suffix;
    return maskSelected(value, { prefix: keep.prefix, suffix }, (c) => (c >= 48 && c <= 57) || c === 88 || c === 120);
  },
};
