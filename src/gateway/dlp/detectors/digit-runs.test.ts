import { describe, expect, it } from 'vitest';
import { referenceDigitCandidates } from '../test-support/digit-runs-reference.js';
import { bankCardDetector, isValidCardNumber } from './bank-card.js';
import type { Detector, Match, ScanContext } from './detector.js';
import { idCardDetector, isValidIdCard } from './id-card.js';
import { isValidMobile, phoneDetector } from './phone.js';
import { mulberry32 } from '../test-support/mulberry32.js';

const VALUES = ['13812345678', '138 1234 5678', '+86 139-1234-5678', '0086 13712345678', '11010519491231002X', '110105194912310021', '4111111111111111', '6222 0202 0011 1234 5', '3782-822463-10005', '110105491231002'];

/** Digit soup: groups of every length, every separator and glue character, values, dates, decimals. */
function corpus(next: () => number, size: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  let text = '';
  while (text.length < size) {
    const r = next();
    if (r < 0.15) text += pick(VALUES);
    else if (r < 0.55) text += String(Math.floor(next() * 10 ** (1 + Math.floor(next() * 9)))).padStart(1 + Math.floor(next() * 6), '1');
    else text += pick([' ', ' ', '-', '+', '.', 'X', 'x', 'a', '_', '\u00e5', '2023-11-28 12:34', '13.50', ',', '\n', '  ']);
  }
  return text;
}

const ctx = (legacy15: boolean): ScanContext => ({ base: 0, state: { lastAccessKeyEnd: -1 }, options: { legacy15 } });

function found(detector: Detector, text: string, from: number, legacy15: boolean): Match[] {
  const out: Match[] = [];
  detector.find(text, from, ctx(legacy15), (m) => out.push(m));
  return out;
}

/** What the detectors found with the reference pass: its candidates, validated. */
function expected(name: 'phone' | 'idCard' | 'bankCard', text: string, from: number, legacy15: boolean): Match[] {
  const out: Match[] = [];
  const keep = (start: number, end: number, valid: boolean): void => {
    if (valid) out.push({ start, end });
  };
  if (name === 'phone') referenceDigitCandidates(text, from, 11, 15, 4, (s, e) => keep(s, e, isValidMobile(text.slice(s, e))));
  if (name === 'idCard') referenceDigitCandidates(text, from, legacy15 ? 15 : 17, 18, 1, (s, e) => keep(s, e, isValidIdCard(text.slice(s, e), legacy15)));
  if (name === 'bankCard') referenceDigitCandidates(text, from, 13, 19, 7, (s, e) => keep(s, e, isValidCardNumber(text.slice(s, e))));
  return out;
}

describe('digit-run pass', () => {
  it('finds exactly what the previous implementation found, on random digit soup and start offsets', () => {
    const next = mulberry32(11);
    let total = 0;
    for (let round = 0; round < 300; round++) {
      const text = corpus(next, 50 + Math.floor(next() * 2000));
      const from = Math.floor(next() * 40);
      const legacy15 = next() < 0.3;
      for (const [name, detector] of [['phone', phoneDetector], ['idCard', idCardDetector], ['bankCard', bankCardDetector]] as const) {
        const want = expected(name, text, from, legacy15);
        total += want.length;
        expect(found(detector, text, from, legacy15), `${name} from ${from} in ${JSON.stringify(text)}`).toEqual(want);
      }
    }
    // The corpus does exercise the detectors.
    expect(total).toBeGreaterThan(500);
  });

  it('does not walk a date and time (10 digits) but still finds a value right after it', () => {
    const text = '2023-11-28 12:34 2023-11-28 13812345678';
    expect(found(phoneDetector, text, 0, false)).toEqual([{ start: 28, end: 39 }]);
  });
});
