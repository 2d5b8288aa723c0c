import { describe, expect, it } from 'vitest';
import { countOf, scanText } from '../test-support/scan.js';
import { idCardCheckChar, idCardDetector, isValidBirthDate, isValidIdCard } from './id-card.js';

/** Builds a valid 18-digit number from its first 17 digits. */
function withCheck(first17: string): string {
  return first17 + idCardCheckChar(first17);
}

describe('idCard detector', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    // The example of GB 11643-1999.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });

  it('masks valid numbers keeping the region code and the last four characters', () => {
    expect(scanText('身份证 11010519491231002X 已登记').out).toBe('身份证 110105********002X 已登记');
    expect(scanText('{"id":"11010519491231002x"}').out).toBe('{"id":"110105********002x"}');
    const id = withCheck('32010219900307123');
    expect(scanText(`<td>${id}</td>`).out).toBe(`<td>320102********${id.slice(14)}</td>`);
  });

  it('rejects a wrong check character, an impossible birth date, an unknown region and future births', () => {
    expect(isValidIdCard('110105194912310021')).toBe(false); // check char should be X
    expect(isValidIdCard(withCheck('11010519490230002'))).toBe(false); // 30 February
    expect(isValidIdCard(withCheck('99010519491231002'))).toBe(false); // region 99
    expect(isValidIdCard(withCheck('11000019491231002'))).toBe(false); // no county code
    expect(isValidIdCard(withCheck('11010520991231002'), false, new Date('2026-01-01'))).toBe(false);
    expect(isValidBirthDate(2000, 2, 29)).toBe(true);
    expect(isValidBirthDate(1900, 2, 29)).toBe(false);
    expect(countOf('110105194912310021', 'idCard')).toBe(0);
  });

  it('does not take order numbers, timestamps or longer digit runs for ID numbers', () => {
    const id = withCheck('11010519491231002');
    for (const text of [`9${id}`, `${id}7`, `ORD${id}`, `20231128103045123456`, `1701158400000123`, `3.${id}`, `${id}.5`]) {
      expect(countOf(text, 'idCard'), text).toBe(0);
    }
  });

  it('accepts the 15-digit legacy form only when enabled', () => {
    const legacy = '110105491231002';
    expect(countOf(`id ${legacy}`, 'idCard')).toBe(0);
    const on = { detectors: { idCard: { legacy15: true } } };
    expect(scanText(`id ${legacy}`, on).out).toBe('id 110105******002');
    expect(countOf('id 110105491331002', 'idCard', on)).toBe(0); // month 13
  });

  it('keeps the configured prefix and suffix', () => {
    expect(idCardDetector.mask('11010519491231002X', { prefix: 3, suffix: 1 })).toBe('110**************X');
  });
});
