import { describe, expect, it } from 'vitest';
import { countOf, scanText } from '../test-support/scan.js';
import { cardIssuer, isValidCardNumber, luhnValid } from './bank-card.js';

/** Appends the Luhn check digit to `body`. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

describe('bankCard detector', () => {
  it('implements Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('knows the issuer ranges and their lengths', () => {
    expect(cardIssuer('4111111111111111')).toBe('visa');
    expect(cardIssuer('5500000000000004')).toBe('mastercard');
    expect(cardIssuer('2221000000000009')).toBe('mastercard');
    expect(cardIssuer('2721000000000004')).toBeUndefined();
    expect(cardIssuer('378282246310005')).toBe('amex');
    expect(cardIssuer('3530111333300000')).toBe('jcb');
    expect(cardIssuer('6011111111111117')).toBe('discover');
    expect(cardIssuer('6222020200112345678')).toBe('unionpay');
    expect(cardIssuer('37828224631000')).toBeUndefined(); // amex is 15 digits
  });

  it('masks valid numbers keeping 4 + 4 digits and the separators', () => {
    const up = withLuhn('622202020011123');
    expect(scanText(`卡号 ${up}`).out).toBe(`卡号 6222********${up.slice(12)}`);
    const spaced = `${up.slice(0, 4)} ${up.slice(4, 8)} ${up.slice(8, 12)} ${up.slice(12)}`;
    expect(scanText(`card: ${spaced}.`).out).toBe(`card: 6222 **** **** ${up.slice(12)}.`);
    expect(scanText('visa 4111-1111-1111-1111').out).toBe('visa 4111-****-****-1111');
    expect(scanText('amex 3782 822463 10005').out).toBe('amex 3782 ****** *0005');
    const long = withLuhn('622202020011234567');
    expect(scanText(`"c":"${long}"`).out).toBe(`"c":"6222***********${long.slice(15)}"`);
  });

  it('rejects invalid check digits, unknown issuers and bad grouping', () => {
    expect(isValidCardNumber('4111111111111112')).toBe(false);
    expect(isValidCardNumber('9111111111111111')).toBe(false);
    expect(isValidCardNumber('4111 1111-1111 1111')).toBe(false);
    expect(isValidCardNumber('4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1')).toBe(false);
    expect(countOf('4111111111111112', 'bankCard')).toBe(0);
  });

  it('does not fire on timestamps, order numbers and longer digit runs', () => {
    for (const text of [
      'ts 1701158400000', // 13-digit epoch millis: no issuer starts with 1
      'order 20231128103045123', // no issuer starts with 2023
      `id ${withLuhn('41111111111111111111')}`, // 21 digits
      'x 41111111111111112222', // digits inside one group are never split off
      'v4111111111111111', // glued to a letter
      'amount 4111111111111111.25',
    ]) {
      expect(countOf(text, 'bankCard'), text).toBe(0);
    }
  });
});
