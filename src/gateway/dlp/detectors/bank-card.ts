import { isDigit, maskSelected } from '../mask.js';
import type { Detector } from './detector.js';
import { digitRunPendingFrom, forEachDigitCandidate } from './digit-runs.js';

/**
 * Payment card numbers: 13–19 digits, optionally grouped with spaces or hyphens (one kind of
 * separator, groups of at least 3 digits: `6222 0202 0011 1234`, `3782-822463-10005`), with a valid
 * Luhn check digit and a known issuer range and length. Candidates are group-aligned pieces of
 * digit runs from the shared pass (see digit-runs.ts); digits inside a group are never split.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

interface IssuerRange {
  readonly issuer: string;
  /** Inclusive prefix range, compared on the first `low.length` digits. */
  readonly low: string;
  readonly high: string;
  readonly lengths: readonly number[];
}

const L16_19 = [16, 17, 18, 19];

/** Issuer identification number ranges (ISO/IEC 7812 IINs as published by the networks). */
export const ISSUER_RANGES: readonly IssuerRange[] = [
  { issuer: 'visa', low: '4', high: '4', lengths: [13, 16, 19] },
  { issuer: 'mastercard', low: '51', high: '55', lengths: [16] },
  { issuer: 'mastercard', low: '2221', high: '2720', lengths: [16] },
  { issuer: 'amex', low: '34', high: '34', lengths: [15] },
  { issuer: 'amex', low: '37', high: '37', lengths: [15] },
  { issuer: 'unionpay', low: '62', high: '62', lengths: L16_19 },
  { issuer: 'unionpay', low: '81', high: '81', lengths: L16_19 },
  { issuer: 'jcb', low: '3528', high: '3589', lengths: L16_19 },
  { issuer: 'discover', low: '6011', high: '6011', lengths: L16_19 },
  { issuer: 'discover', low: '644', high: '649', lengths: L16_19 },
  { issuer: 'discover', low: '65', high: '65', lengths: L16_19 },
  { issuer: 'diners', low: '300', high: '305', lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', low: '36', high: '36', lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', low: '38', high: '39', lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'mir', low: '2200', high: '2204', lengths: L16_19 },
  { issuer: 'maestro', low: '6759', high: '6759', lengths: [13, 14, 15, 16, 17, 18, 19] },
  { issuer: 'maestro', low: '6761', high: '6763', lengths: [13, 14, 15, 16, 17, 18, 19] },
];

const RANGES_BY_PREFIX = ISSUER_RANGES.map((r) => ({ ...r, k: r.low.length, lowN: Number(r.low), highN: Number(r.high) }));
/** The ranges by first digit (in `ISSUER_RANGES` order): a candidate is compared with two or three. */
const RANGES_BY_FIRST = Array.from({ length: 10 }, (_, d) => RANGES_BY_PREFIX.filter((r) => r.low.charCodeAt(0) - 48 === d));

/** The card network of a digit string, or undefined when no range (with its lengths) matches. */
export function cardIssuer(digits: string): string | undefined {
  return issuerAt(digits, 0, digits.length);
}

const prefixes = [0, 0, 0, 0, 0];

/**
 * The card network of the `count` digits starting at `start` in `text`, separators (` `, `-`)
 * skipped: what `cardIssuer` says of them, without building the digit string.
 */
function issuerAt(text: string, start: number, count: number): string | undefined {
  const first = text.charCodeAt(start);
  // No issuer range starts with 0, 1, 7 or 9: most digit strings stop here.
  if (first === 48 || first === 49 || first === 55 || first === 57) return undefined;
  let p = 0;
  let i = start;
  for (let k = 1; k <= 4; k++) {
    let c = text.charCodeAt(i++);
    if (c === 32 || c === 45) c = text.charCodeAt(i++);
    p = p * 10 + (c - 48);
    prefixes[k] = p;
  }
  for (const r of RANGES_BY_FIRST[first - 48] ?? []) {
    const head = prefixes[r.k] ?? -1;
    if (head >= r.lowN && head <= r.highN && r.lengths.includes(count)) return r.issuer;
  }
  return undefined;
}

/** Separators: one kind only, every group at least 3 digits long. */
function wellGrouped(value: string): boolean {
  let sep = '';
  let group = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (c === ' ' || c === '-') {
      if (sep !== '' && c !== sep) return false;
      sep = c;
      if (group < 3) return false;
      group = 0;
    } else {
      group++;
    }
  }
  return group >= 3 || sep === '';
}

export function isValidCardNumber(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first === 48 || first === 49 || first === 55 || first === 57) return false;
  const separated = value.includes(' ') || value.includes('-');
  if (separated && !wellGrouped(value)) return false;
  const digits = separated ? value.replace(/[ -]/g, '') : value;
  if (digits.length < 13 || digits.length > 19) return false;
  return cardIssuer(digits) !== undefined && luhnValid(digits);
}

export const bankCardDetector: Detector = {
  name: 'bankCard',
  priority: 30,
  maxLength: 37,
  defaultKeep: { prefix: 4, suffix: 4 },
  find(text, from, _ctx, emit) {
    forEachDigitCandidate(text, from, 13, 19, 7, (start, end, digits) => {
      // The issuer range and length first, on the text: most digit runs stop there, before a slice.
      if (isDigit(text.charCodeAt(start)) && issuerAt(text, start, digits) !== undefined && isValidCardNumber(text.slice(start, end))) emit({ start, end });
    });
  },
  pendingFrom(text, from) {
    return digitRunPendingFrom(text, from, this.maxLength);
  },
  mask(value, keep) {
    return maskSelected(value, keep, isDigit);
  },
};
