import { describe, expect, it } from 'vitest';
import { table } from './remote.js';

describe('table output of client commands', () => {
  it('sizes columns to their content, shows empty cells as - and caps all but the last column', () => {
    const out = table(['NAME', 'NOTE', 'DETAIL'], [['a', '', 'x'.repeat(30)], ['longer-name', 'y'.repeat(14), null]], 12);
    expect(out.split('\n')).toEqual(['NAME         NOTE          DETAIL', `a            -             ${'x'.repeat(30)}`, `longer-name  ${'y'.repeat(11)}…  -`, '']);
  });
});
