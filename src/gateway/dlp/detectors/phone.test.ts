import { describe, expect, it } from 'vitest';
import { countOf, scanText } from '../test-support/scan.js';
import { isValidMobile, phoneDetector } from './phone.js';

describe('phone detector', () => {
  it('masks valid mobile numbers in every accepted format, keeping 3 + 4 digits and the separators', () => {
    expect(scanText('call 13812345678 now').out).toBe('call 138****5678 now');
    expect(scanText('tel: 138 1234 5678.').out).toBe('tel: 138 **** 5678.');
    expect(scanText('tel: 138-1234-5678').out).toBe('tel: 138-****-5678');
    expect(scanText('+86 13912345678').out).toBe('+86 139****5678');
    expect(scanText('"m":"+8615912345678"').out).toBe('"m":"+86159****5678"');
    expect(scanText('0086-199 1234 5678').out).toBe('0086-199 **** 5678');
    expect(scanText('手机号：13812345678').out).toBe('手机号：138****5678');
    // Separated digit groups are read group by group: a log line's date does not hide the number.
    expect(scanText('2023-11-28 13812345678 login').out).toBe('2023-11-28 138****5678 login');
  });

  it('validates allocated segments', () => {
    expect(isValidMobile('13012345678')).toBe(true);
    expect(isValidMobile('16612345678')).toBe(true);
    expect(isValidMobile('14012345678')).toBe(false);
    expect(isValidMobile('15412345678')).toBe(false);
    expect(isValidMobile('19412345678')).toBe(false);
    expect(isValidMobile('12345678901')).toBe(false);
  });

  it('ignores near misses: unallocated segments, longer numbers, order numbers, timestamps, decimals, ids', () => {
    for (const text of [
      '14012345678', // unallocated segment
      '17912345678',
      '138123456789', // 12 digits
      'order 2023112813812345678',
      'ts=1701158400000',
      'price 13812345678.50',
      'user_13812345678',
      'a13812345678b',
      '+1 3812345678',
      '138 1234-5678', // mixed separators
      '1381 234 5678', // wrong grouping
    ]) {
      expect(countOf(text, 'phone'), text).toBe(0);
    }
  });

  it('masks with a custom keep rule but always masks a third of the digits', () => {
    expect(phoneDetector.mask('13812345678', { prefix: 0, suffix: 2 })).toBe('*********78');
    expect(phoneDetector.mask('13812345678', { prefix: 10, suffix: 10 })).toBe('1381234****');
  });
});
