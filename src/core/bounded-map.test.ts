import { describe, expect, it } from 'vitest';
import { trimOldest } from './bounded-map.js';

describe('trimOldest', () => {
  it('drops the oldest entries down to three quarters of max once max is passed', () => {
    const m = new Map<number, number>();
    for (let i = 0; i < 100; i++) {
      m.set(i, i);
      trimOldest(m, 100);
    }
    expect(m.size).toBe(100);
    m.set(100, 100);
    trimOldest(m, 100);
    expect(m.size).toBe(75);
    expect([...m.keys()][0]).toBe(26);
    expect(m.has(100)).toBe(true);
  });
});
