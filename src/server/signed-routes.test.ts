import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import { parseInput } from './signed-routes.js';

const schema = z.object({ name: z.string(), columns: z.array(z.string()).optional(), range: z.object({ from: z.string() }).optional() }).strict();

function codeOf(value: unknown): { code: string; field: unknown } {
  try {
    parseInput(schema, value);
  } catch (e) {
    if (e instanceof BulwarkError) return { code: e.code, field: e.params.field };
    throw e;
  }
  return { code: 'ok', field: undefined };
}

describe('parseInput', () => {
  it('says MissingParameter only when the field is absent, InvalidParameter when it is there but wrong', () => {
    expect(codeOf({})).toEqual({ code: 'MissingParameter', field: 'name' });
    expect(codeOf({ name: 1 })).toEqual({ code: 'InvalidParameter', field: 'name' });
    expect(codeOf({ name: 'a', columns: 'x' })).toEqual({ code: 'InvalidParameter', field: 'columns' });
    expect(codeOf({ name: 'a', range: {} })).toEqual({ code: 'MissingParameter', field: 'range.from' });
    expect(codeOf({ name: 'a', range: { from: 5 } })).toEqual({ code: 'InvalidParameter', field: 'range.from' });
    expect(codeOf('text')).toEqual({ code: 'InvalidParameter', field: 'body' });
    expect(codeOf({ name: 'a' })).toEqual({ code: 'ok', field: undefined });
  });
});
