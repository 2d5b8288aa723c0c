import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, newTotpSeed, otpauthUri, timeStep, totp, verifyConsecutiveCodes } from './totp.js';

// RFC 6238 Appendix B: the seeds are the ASCII strings below; codes have 8 digits.
const SHA1 = Buffer.from('12345678901234567890', 'ascii');
const SHA256 = Buffer.from('12345678901234567890123456789012', 'ascii');
const SHA512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii');
const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i s matches the published SHA-1, SHA-256 and SHA-512 codes', (seconds, sha1, sha256, sha512) => {
    expect(totp(SHA1, seconds * 1000, { digits: 8 })).toBe(sha1);
    expect(totp(SHA256, seconds * 1000, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totp(SHA512, seconds * 1000, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });

  it('matches the RFC 4226 HOTP vectors (6 digits)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(SHA1, i))).toEqual(expected);
  });

  it('base32 round-trips and matches RFC 4648 vectors', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('f'))).toBe('MY');
    expect(base32Decode('MZXW6YTBOI======')?.toString()).toBe('foobar');
    expect(base32Decode('mzxw6 ytboi')?.toString()).toBe('foobar');
    expect(base32Decode('MZ1')).toBeUndefined();
    const seed = newTotpSeed();
    expect(seed).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(seed)).toHaveLength(20);
  });

  it('accepts two consecutive codes near now and rejects others', () => {
    const now = 1_700_000_000_000;
    const t = timeStep(now);
    const code = (step: number) => hotp(SHA1, step);
    expect(verifyConsecutiveCodes(SHA1, code(t - 1), code(t), now)).toBe(t);
    expect(verifyConsecutiveCodes(SHA1, code(t), code(t + 1), now)).toBe(t + 1);
    // the same code twice, reversed order, or far in the past are refused
    expect(verifyConsecutiveCodes(SHA1, code(t), code(t), now)).toBeUndefined();
    expect(verifyConsecutiveCodes(SHA1, code(t), code(t - 1), now)).toBeUndefined();
    expect(verifyConsecutiveCodes(SHA1, code(t - 10), code(t - 9), now)).toBeUndefined();
    expect(verifyConsecutiveCodes(SHA1, 'abcdef', code(t), now)).toBeUndefined();
  });

  it('builds an otpauth URI with the seed and parameters', () => {
    expect(otpauthUri('alice@123', 'Bulwark RAM', 'JBSWY3DPEHPK3PXP')).toBe('otpauth://totp/Bulwark%20RAM:alice%40123?secret=JBSWY3DPEHPK3PXP&issuer=Bulwark%20RAM&algorithm=SHA1&digits=6&period=30');
  });
});
