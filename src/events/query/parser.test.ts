import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BulwarkError } from '../../core/errors.js';
import type { Expr } from './ast.js';
import { parseQuery } from './parser.js';
import { compileWhere } from './sql.js';

function errorOf(query: string): BulwarkError {
  try {
    parseQuery(query);
  } catch (e) {
    if (e instanceof BulwarkError) return e;
    throw e;
  }
  throw new Error(`no error for ${query}`);
}

const term = (name: string, text: string): Expr => ({ kind: 'term', field: { kind: 'schema', name }, pattern: [{ kind: 'lit', text }], caseInsensitive: false, column: expect.any(Number) as unknown as number });

describe('query parser', () => {
  it('parses field:value, implicit AND, OR, NOT, minus and parentheses with precedence', () => {
    expect(parseQuery('user.name:root')).toEqual(term('user.name', 'root'));
    const q = parseQuery('user.name:root source.port:22 OR NOT event.outcome:success -host.name:web1');
    expect(q.kind).toBe('or');
    if (q.kind !== 'or') return;
    expect(q.items[0]).toEqual({ kind: 'and', items: [term('user.name', 'root'), term('source.port', '22')] });
    expect(q.items[1]).toEqual({ kind: 'and', items: [{ kind: 'not', item: term('event.outcome', 'success') }, { kind: 'not', item: term('host.name', 'web1') }] });
    expect(parseQuery('(a OR b) AND c').kind).toBe('and');
    expect(parseQuery('')).toEqual({ kind: 'all' });
  });

  it('parses phrases, wildcards, escapes, ranges, comparisons, CIDR, value groups and _exists_', () => {
    expect(parseQuery('"connection refused"')).toMatchObject({ kind: 'term', field: null, pattern: [{ kind: 'lit', text: 'connection refused' }] });
    expect(parseQuery('url.path:/admin*')).toMatchObject({ pattern: [{ kind: 'lit', text: '/admin' }, { kind: 'any' }] });
    expect(parseQuery('url.path:a\\*b?')).toMatchObject({ pattern: [{ kind: 'lit', text: 'a*b' }, { kind: 'one' }] });
    expect(parseQuery('http.response.status_code:[400 TO 499}')).toMatchObject({ kind: 'range', lower: { value: '400', inclusive: true }, upper: { value: '499', inclusive: false } });
    expect(parseQuery('http.response.status_code:{* TO 300]')).toMatchObject({ kind: 'range', upper: { value: '300', inclusive: true } });
    expect(parseQuery('event.severity>=50')).toMatchObject({ kind: 'range', lower: { value: '50', inclusive: true } });
    expect(parseQuery('event.severity:<5')).toMatchObject({ kind: 'range', upper: { value: '5', inclusive: false } });
    expect(parseQuery('@timestamp>2026-01-01T10:00:00Z')).toMatchObject({ kind: 'range', lower: { value: '2026-01-01T10:00:00Z' } });
    expect(parseQuery('source.ip:10.0.0.0/8')).toMatchObject({ kind: 'cidr', cidr: '10.0.0.0/8' });
    expect(parseQuery('source.ip:fe80::1')).toMatchObject({ kind: 'term', pattern: [{ kind: 'lit', text: 'fe80::1' }] });
    expect(parseQuery('user.name:(alice OR "bob smith")')).toMatchObject({ kind: 'or', items: [{ pattern: [{ text: 'alice' }] }, { pattern: [{ text: 'bob smith' }] }] });
    expect(parseQuery('_exists_:user.name')).toMatchObject({ kind: 'exists', field: { name: 'user.name' } });
    expect(parseQuery('user.name:*')).toMatchObject({ kind: 'exists' });
    expect(parseQuery('extra.k8s.pod:api-1')).toMatchObject({ kind: 'term', field: { kind: 'extra', key: 'k8s.pod' } });
    expect(parseQuery('user.name: root')).toEqual(term('user.name', 'root'));
  });

  it('reports the column of mistakes', () => {
    expect(errorOf('user.name:root AND').params).toMatchObject({ column: 19 });
    expect(errorOf('(user.name:root').code).toBe('Events.QuerySyntax');
    expect(errorOf('a OR ) b').params.column).toBe(6);
    expect(errorOf('x:"unterminated').params.column).toBe(3);
    const bad = errorOf('source.port:abc');
    expect(bad.code).toBe('Events.InvalidValue');
    expect(bad.params.column).toBe(13);
    expect(errorOf('http.response.status_code:[1 TO x]').params).toMatchObject({ column: 33 });
    expect(errorOf('source.ip:10.0.0.0/40').code).toBe('Events.InvalidValue');
  });

  it('names the closest fields for an unknown field', () => {
    const e = errorOf('event.actoin:login');
    expect(e.code).toBe('Events.UnknownField');
    expect(String(e.params.suggestions).split(', ')[0]).toBe('event.action');
    expect(e.params.column).toBe(1);
    expect(String(errorOf('a AND sourceip:1.2.3.4').params.suggestions)).toContain('source.ip');
    expect(errorOf('a AND sourceip:1.2.3.4').params.column).toBe(7);
  });

  it('never crashes: any input gives a tree or a positioned coded error (fast-check)', () => {
    const alphabet = fc.constantFrom(...'ab:()[]{}"\\*?-<>=/. 1OR AND NOT TO source.ip user.name _exists_ extra.x'.split(' ').flatMap((w) => [w, ' ']), ':', '(', ')', '"', '\\', '[', ']', '{', '}', '*', '-', '>', '<', '=');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(alphabet, { maxLength: 30 }).map((a) => a.join(''))), (input) => {
        try {
          const tree = parseQuery(input);
          const sql = compileWhere(tree);
          expect(typeof sql.sql).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(BulwarkError);
          const err = e as BulwarkError;
          expect(['Events.QuerySyntax', 'Events.UnknownField', 'Events.InvalidValue']).toContain(err.code);
          expect(Number(err.params.column)).toBeGreaterThanOrEqual(1);
          expect(Number(err.params.column)).toBeLessThanOrEqual(input.length + 1);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses pathological nesting with a positioned error instead of a stack overflow', () => {
    expect(errorOf('('.repeat(5000)).code).toBe('Events.QuerySyntax');
    expect(errorOf('NOT '.repeat(5000) + 'a').code).toBe('Events.QuerySyntax');
  });
});
