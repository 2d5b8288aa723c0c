import { describe, expect, it } from 'vitest';
import { ResourceIndex } from './resource-index.js';
import { compileWildcard } from './wildcard.js';

describe('ResourceIndex', () => {
  const patterns = [
    'acs:ecs:*:1:instance/i-1',
    'acs:ecs:*:1:instance/*',
    'acs:ecs:*:1:instance/i-1*',
    'acs:ecs:*:1:*',
    'acs:ecs:*:1:instance/i-12',
    'acs:ecs:*:1:instance/i-2',
    'acs:ram:*:1:user/*',
    'acs:ram:*:1:user/al*',
    'acs:ram:*:1:user/alice',
    'acs:ram:*:1:user/a',
    'a*',
    '*',
    'acs:oss:*:1:bucket/*/logs',
    'acs:kms:*:1:key/?',
  ];
  const index = new ResourceIndex<number>();
  patterns.forEach((p, i) => {
    if (p === '*') index.addAlways(i);
    else if (p.includes('?') || p.indexOf('*') !== p.length - 1 && p.includes('*')) index.addTested(compileWildcard(p), i);
    else index.addPattern(p, i);
  });

  it.each([
    'acs:ecs:*:1:instance/i-1',
    'acs:ecs:*:1:instance/i-12',
    'acs:ecs:*:1:instance/i-123',
    'acs:ecs:*:1:instance/i-2',
    'acs:ecs:*:1:instance/i-3',
    'acs:ecs:*:1:instance/',
    'acs:ecs:*:1:instance',
    'acs:ecs:*:1:',
    'acs:ecs:*:2:instance/i-1',
    'acs:ram:*:1:user/alice',
    'acs:ram:*:1:user/alicia',
    'acs:ram:*:1:user/a',
    'acs:ram:*:1:user/',
    'acs:ram:*:1:user',
    'acs:oss:*:1:bucket/b/logs',
    'acs:kms:*:1:key/k',
    'acs:kms:*:1:key/kk',
    'a',
    '',
    'zzz',
  ])('finds exactly the matching patterns for %j', (value) => {
    const out: number[] = [];
    const n = index.collect(value, out, 0);
    const found = [...new Set(out.slice(0, n))].sort((a, b) => a - b);
    const expected = patterns.map((p, i) => (compileWildcard(p)(value) ? i : -1)).filter((i) => i >= 0);
    expect(found).toEqual(expected);
  });

  it('writes after the given offset and returns the new count', () => {
    const out = [99];
    const n = index.collect('acs:ram:*:1:user/alice', out, 1);
    expect(out[0]).toBe(99);
    expect(n).toBeGreaterThan(1);
  });
});
