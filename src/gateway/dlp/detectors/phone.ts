import { isDigit, maskSelected } from '../mask.js';
import type { Detector } from './detector.js';
import { digitRunPendingFrom, forEachDigitCandidate } from './digit-runs.js';

/**
 * PRC mobile numbers: `13812345678`, `138 1234 5678`, `138-1234-5678`, with an optional `+86` or
 * `0086` country prefix (`+86 138…`, `+86-138…`). Number blocks must be 3-4-4 with one kind of
 * separator. Candidates come from the shared digit-run pass (see digit-runs.ts): a number glued to
 * letters, to more digits or to a decimal part is not one, so order numbers, timestamps and
 * decimals do not match.
 */
const SHAPE = /^(?:(?:\+|00)86[ -]?)?1[3-9][0-9]([ -]?)[0-9]{4}\1[0-9]{4}$/;

/**
 * Allocated mobile segments (MIIT numbering plan): 13x, 145–149, 150–153, 155–159, 162, 165–167,
 * 170–178, 18x, 190–193, 195–199. Unallocated ones (140, 154, 160, 179, 194…) are rejected.
 */
const SEGMENTS: Readonly<Record<string, (third: number) => boolean>> = {
  '3': () => true,
  '4': (d) => d >= 5,
  '5': (d) => d !== 4,
  '6': (d) => d === 2 || (d >= 5 && d <= 7),
  '7': (d) => d <= 8,
  '8': () => true,
  '9': (d) => d !== 4,
};

/** The 11 national digits of a candidate (country prefix and separators removed). */
export function nationalDigits(value: string): string {
  const digits = value.replace(/[^0-9]/g, '');
  return digits.length > 11 ? digits.slice(digits.length - 11) : digits;
}

export function isValidMobile(value: string): boolean {
  if (!SHAPE.test(value)) return false;
  const n = nationalDigits(value);
  if (n.length !== 11 || n[0] !== '1') return false;
  const rule = SEGMENTS[n[1] ?? ''];
  return rule !== undefined && rule(Number(n[2]));
}

/** Offset of the first national digit (after `+86`/`0086` and its separator). */
function nationalStart(value: string): number {
  if (value.startsWith('+86')) return value.length > 3 && !isDigit(value.charCodeAt(3)) ? 4 : 3;
  if (value.startsWith('0086')) return value.length > 4 && !isDigit(value.charCodeAt(4)) ? 5 : 4;
  return 0;
}

export const phoneDetector: Detector = {
  name: 'phone',
  priority: 40,
  maxLength: 19,
  defaultKeep: { prefix: 3, suffix: 4 },
  find(text, from, _ctx, emit) {
    forEachDigitCandidate(text, from, 11, 15, 4, (start, end) => {
      // A mobile number starts with `+`, `00` or `1`: most candidates stop here, before a slice.
      const first = text.charCodeAt(start);
      if ((first === 43 || first === 48 || first === 49) && isValidMobile(text.slice(start, end))) emit({ start, end });
    });
  },
  pendingFrom(text, from) {
    return digitRunPendingFrom(text, from, this.maxLength);
  },
  mask(value, keep) {
    return maskSelected(value, keep, isDigit, nationalStart(value));
  },
};
