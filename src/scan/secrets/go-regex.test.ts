import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { compileGoRegex, translateGoRegex } from './go-regex.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof BulwarkError ? e.code : 'other';
  }
  return undefined;
}

describe('translateGoRegex', () => {
  it('keeps Go syntax that RE2 reads the same way', () => {
    for (const s of ['(?i)abc', '\\b(p8e-(?i)[a-z0-9]{4})', '(?-i:[DdMm]onkey)\\z', '[[:alnum:]]{3}', '[^]]+', '\\Q(a)\\E', '\\pL+']) expect(translateGoRegex(s, 'f')).toBe(s);
  });

  it('rewrites named groups and \\Z', () => {
    expect(translateGoRegex('(?<key>a+)\\Z', 'f')).toBe('(?P<key>a+)\\z');
  });

  it('refuses what cannot run in linear time, naming the field', () => {
    expect(codeOf(() => translateGoRegex('a(?=b)', 'rules[0].regex'))).toBe('Scan.UnsupportedRegex');
    expect(codeOf(() => translateGoRegex('(?<!a)b', 'f'))).toBe('Scan.UnsupportedRegex');
    expect(codeOf(() => translateGoRegex('(a)\\1', 'f'))).toBe('Scan.UnsupportedRegex');
    expect(codeOf(() => translateGoRegex('a*+', 'f'))).toBe('Scan.UnsupportedRegex');
    expect(codeOf(() => translateGoRegex('(?>a)', 'f'))).toBe('Scan.UnsupportedRegex');
    try {
      translateGoRegex('a(?=b)', 'rules[3].regex');
    } catch (e) {
      expect((e as Error).message).toContain('rules[3].regex');
    }
  });

  it('does not mistake escapes or class members for constructs', () => {
    expect(translateGoRegex('[(?=]x', 'f')).toBe('[(?=]x');
    expect(translateGoRegex('\\(?=', 'f')).toBe('\\(?=');
    expect(translateGoRegex('[\\1]', 'f')).toBe('[\\1]');
  });
});

describe('compileGoRegex', () => {
  it('matches with Go semantics: inline flags, \\z, $ at end of text', () => {
    expect(compileGoRegex('\\b(LTAI(?i)[a-z0-9]{4})\\b', 'f').test('x LTAIaB3d y')).toBe(true);
    expect(compileGoRegex('\\b(LTAI(?i)[a-z0-9]{4})\\b', 'f').test('x ltaiaB3d y')).toBe(false);
    expect(compileGoRegex('abc\\z', 'f').test('xabc')).toBe(true);
    expect(compileGoRegex('abc\\z', 'f').test('abc\n')).toBe(false);
    expect(compileGoRegex('abc$', 'f').test('abc\nx')).toBe(false);
    expect(compileGoRegex('[^]]+x', 'f').test(']]ax')).toBe(true);
  });

  it('reports RE2 syntax errors as invalid rules', () => {
    expect(codeOf(() => compileGoRegex('(a', 'f'))).toBe('Scan.InvalidRules');
  });
});
