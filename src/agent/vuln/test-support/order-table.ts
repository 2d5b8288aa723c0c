import { expect, it } from 'vitest';

/** `[a, op, b]`: how `a` sorts against `b`. */
export type OrderRow = [string, '<' | '=' | '>', string];

const EXPECTED = { '<': -1, '=': 0, '>': 1 } as const;

/** One test per row, checking `compare(a, b)` and the reverse `compare(b, a)`. */
export function itOrders(compare: (a: string, b: string) => number, rows: readonly OrderRow[]): void {
  it.each(rows)('%s %s %s', (a, op, b) => {
    expect(compare(a, b)).toBe(EXPECTED[op]);
    expect(compare(b, a)).toBe(-EXPECTED[op] || 0);
  });
}
