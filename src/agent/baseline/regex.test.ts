import { describe, expect, it } from 'vitest';
import { compilePcre, translatePcreToRe2 } from './regex.js';

describe('PCRE → RE2', () => {
  it('keeps what RE2 reads the same way', () => {
    for (const p of ['^\\s*PermitRootLogin\\s+no', '\\d+', '[\\w@-]+::', '(?i)^maxauthtries', '\\bpam_faillock\\.so', '[[:alpha:]]+', '\\Qa.b\\E'])
      expect(translatePcreToRe2(p)).toBe(p);
  });

  it('rewrites \\h, \\v, \\R, \\N, \\e, \\Z, \\/ and named groups', () => {
    expect(compilePcre('^a\\hb$').test('a\tb')).toBe(true);
    expect(compilePcre('[\\h]x').test(' x')).toBe(true);
    expect(compilePcre('a\\vb').test('a\rb')).toBe(true);
    expect(compilePcre('a\\vb').test('a b')).toBe(false);
    expect(compilePcre('a\\Rb').test('a\r\nb')).toBe(true);
    expect(compilePcre('a\\Nb').test('a\nb')).toBe(false);
    expect(compilePcre('\\e').test('\x1b')).toBe(true);
    expect(compilePcre('end\\Z').test('the end\n')).toBe(true);
    expect(compilePcre('a\\/b').test('a/b')).toBe(true);
    expect(compilePcre('(?<n>\\d+)').exec('x42')?.groups?.n).toBe('42');
    expect(compilePcre("(?'n'\\d+)").exec('x42')?.groups?.n).toBe('42');
  });

  it('a literal backslash before v stays literal (Wazuh writes \\\\v for the getty escape)', () => {
    const re = compilePcre('\\\\v|\\\\r');
    expect(re.test('Debian \\r')).toBe(true);
    expect(re.test('no escapes here')).toBe(false);
  });

  it.each([
    ['a(?=b)', 'a look-ahead'],
    ['a(?!b)', 'a look-ahead'],
    ['(?<=a)b', 'a look-behind'],
    ['(?<!a)b', 'a look-behind'],
    ['(a)\\1', 'a back-reference (\\1)'],
    ['(?>ab)', 'an atomic group'],
    ['a++', 'a possessive quantifier'],
    ['a{2}+', 'a possessive quantifier'],
    ['(?R)', 'recursion or a subroutine call'],
    ['a\\Kb', '\\K (match reset)'],
  ])('refuses %s with a coded error naming %s', (pattern, feature) => {
    expect(() => compilePcre(pattern)).toThrow(expect.objectContaining({ code: 'Agent.Baseline.UnsupportedRegex', params: { pattern, feature } }));
  });

  it('character classes: a leading ] is literal, POSIX classes stay, escapes translate inside', () => {
    expect(compilePcre('^[]a]+$').test(']a]')).toBe(true);
    expect(compilePcre('^[^]a]$').test('b')).toBe(true);
    expect(compilePcre('^[^]a]$').test(']')).toBe(false);
    expect(compilePcre('^[[:digit:]x]+$').test('1x2')).toBe(true);
    expect(compilePcre('^[\\h,]+$').test(' \t,')).toBe(true);
    expect(compilePcre('a]b').test('a]b')).toBe(true);
  });

  it('an escaped plus after a quantifier is not possessive', () => {
    expect(compilePcre('a*\\+').test('aa+')).toBe(true);
  });

  it('invalid syntax is a coded error too', () => {
    expect(() => compilePcre('(unclosed')).toThrow(expect.objectContaining({ code: 'Agent.Baseline.UnsupportedRegex' }));
  });

  it('runs in linear time on a catastrophic-backtracking pattern', () => {
    const re = compilePcre('^(a+)+$');
    expect(re.test(`${'a'.repeat(50_000)}!`)).toBe(false);
  });
});
