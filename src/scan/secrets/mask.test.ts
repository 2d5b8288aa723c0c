import { describe, expect, it } from 'vitest';
import { shannonEntropy } from './entropy.js';
import { maskSecret } from './mask.js';

describe('maskSecret', () => {
  it('keeps only the first and last 4 characters', () => {
    const masked = maskSecret('LTAI5tQ2m8Vx9kP3rJ7nW4bZ');
    expect(masked).toBe('LTAI…W4bZ');
    expect(masked).not.toContain('5tQ2');
  });

  it('hides short values entirely', () => {
    expect(maskSecret('hunter2')).toBe('*******');
    expect(maskSecret('ab')).toBe('****');
  });
});

describe('shannonEntropy', () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2, 10);
    expect(shannonEntropy('')).toBe(0);
  });
});
