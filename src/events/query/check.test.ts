import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { toErrorBody } from '../../server/error-body.js';
import { checkQuery, completeFields, parsePositioned } from './check.js';

function errorOf(query: string): BulwarkError {
  try {
    parsePositioned(query);
  } catch (e) {
    if (e instanceof BulwarkError) return e;
    throw e;
  }
  throw new Error(`no error for ${query}`);
}

describe('positioned query errors', () => {
  it('puts the column of the mistake into the error body', () => {
    const e = errorOf('user.name:root AND (source.port:22');
    expect(e.code).toBe('Events.QuerySyntax');
    expect(toErrorBody(e, 'r', 'h').body).toMatchObject({ Code: 'Events.QuerySyntax', Column: 20 });
    expect(toErrorBody(errorOf('event.outcome:failure user.nmae:x'), 'r', 'h').body).toMatchObject({ Code: 'Events.UnknownField', Column: 23 });
    expect(toErrorBody(errorOf('source.port:abc'), 'r', 'h').body).toMatchObject({ Code: 'Events.InvalidValue', Column: 13 });
    expect(toErrorBody(errorOf('"open'), 'r', 'h').body).toMatchObject({ Column: 1 });
  });

  it('checks without running: valid, or the problem with its column and suggestions', () => {
    expect(checkQuery('user.name:root')).toEqual({ valid: true });
    expect(checkQuery('')).toEqual({ valid: true });
    expect(checkQuery('a AND')).toMatchObject({ valid: false, problem: { code: 'Events.QuerySyntax', column: 6 } });
    const unknown = checkQuery('event.actoin:login');
    expect(unknown).toMatchObject({ valid: false, problem: { code: 'Events.UnknownField', column: 1 } });
    if (!unknown.valid) {
      expect(unknown.problem.suggestions).toContain('event.action');
      expect(unknown.problem.message).toContain('event.actoin');
    }
  });
});

describe('field completion', () => {
  it('completes by prefix first, then by substring, with types', () => {
    const source = completeFields('source.');
    expect(source.map((f) => f.name)).toContain('source.ip');
    expect(source.every((f) => f.name.startsWith('source.'))).toBe(true);
    expect(source.find((f) => f.name === 'source.ip')?.type).toBe('ip');
    const ip = completeFields('ip').map((f) => f.name);
    expect(ip).toEqual(expect.arrayContaining(['source.ip', 'destination.ip', 'host.ip']));
    expect(completeFields('SOURCE.IP').map((f) => f.name)).toEqual(['source.ip']);
    expect(completeFields('').length).toBeGreaterThan(50);
    expect(completeFields('zzz')).toEqual([]);
  });
});
