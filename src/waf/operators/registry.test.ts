import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Macro } from '../actions/macro.js';
import { compileOperator } from './compile.js';
import type { OperatorResult } from './operator.js';
import { OPERATORS } from './registry.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-op-'));
writeFileSync(join(dir, 'words.data'), '# comment\nsleep\n\nbenchmark\n');
writeFileSync(join(dir, 'ips.data'), '10.0.0.0/8\n2001:db8::/32\n');

function run(name: string, param: string, input: string, capture = false): { hit: boolean; out: OperatorResult } {
  const op = compileOperator(name, param, dir);
  const out: OperatorResult = {};
  const hit = op.evaluate(input, out, capture, (m: Macro) => m.text.replace('%{tx.limit}', '5'));
  return { hit, out };
}

/** [operator, parameter, input, expected match] */
const CASES: ReadonlyArray<readonly [string, string, string, boolean]> = [
  ['rx', '(?i)union\\s+select', 'x UNION  SELECT y', true],
  ['rx', '^a.c$', 'a\nc', true],
  ['rx', '\\x{41}\\z', 'xA', true],
  ['rx', '[\\xc0-\\xff]', 'caf\xc3\xa9', true],
  ['rx', 'abc', 'ABC', false],
  ['pm', 'foo bar', 'xxBARxx', true],
  ['pm', 'foo bar', 'baz', false],
  ['pmFromFile', 'words.data', 'select BENCHMARK(1)', true],
  ['pmFromFile', 'words.data', 'comment', false],
  ['detectSQLi', '', "1' or '1'='1", true],
  ['detectSQLi', '', 'hello world', false],
  ['detectXSS', '', '<script>alert(1)</script>', true],
  ['detectXSS', '', 'just text', false],
  ['validateByteRange', '32-126', 'abc', false],
  ['validateByteRange', '32-126', 'a\x01', true],
  ['validateByteRange', '9,10,13,32-126', 'a\tb', false],
  ['validateUrlEncoding', '', 'a%20b', false],
  ['validateUrlEncoding', '', 'a%2', true],
  ['validateUrlEncoding', '', 'a%zz', true],
  ['validateUtf8Encoding', '', 'caf\xc3\xa9', false],
  ['validateUtf8Encoding', '', '\xc0\xaf', true],
  ['validateUtf8Encoding', '', '\xe2\x82', true],
  ['eq', '5', '5', true],
  ['eq', '%{tx.limit}', '5', true],
  ['ge', '5', '5', true],
  ['gt', '5', '5', false],
  ['le', '5', '4', true],
  ['lt', '5', 'abc', true],
  ['within', 'GET HEAD POST', 'POST', true],
  ['within', 'GET HEAD POST', 'PUT', false],
  ['endsWith', '.php', 'index.php', true],
  ['beginsWith', '/admin', '/index', false],
  ['contains', 'etc/passwd', '../../etc/passwd', true],
  ['containsWord', 'select', 'xselect 1', false],
  ['containsWord', 'select', 'a select 1', true],
  ['streq', 'abc', 'abc', true],
  ['streq', 'abc', 'abcd', false],
  ['strmatch', 'WebZIP', 'Mozilla WebZIP/1', true],
  ['ipMatch', '127.0.0.1,192.168.0.0/16,::1', '192.168.3.4', true],
  ['ipMatch', '127.0.0.1,192.168.0.0/16,::1', '10.1.1.1', false],
  ['ipMatchFromFile', 'ips.data', '10.9.8.7', true],
  ['ipMatchFromFile', 'ips.data', '2001:db8::1', true],
  ['unconditionalMatch', '', 'x', true],
  ['noMatch', '', 'x', false],
];

describe('operators', () => {
  it.each(CASES)('@%s %j on %j → %s', (name, param, input, expected) => {
    expect(run(name, param, input).hit).toBe(expected);
  });

  it('@rx with capture fills TX.0.. from the match and its groups', () => {
    const { hit, out } = run('rx', '(\\d+)-(\\d+)', 'id 12-34', true);
    expect(hit).toBe(true);
    expect(out.captures).toEqual(['12-34', '12', '34']);
  });

  it('@pm with capture reports the phrase as it appears in the input', () => {
    expect(run('pm', 'alpha beta', 'xxBETAxx', true).out.captures).toEqual(['BETA']);
  });

  it('translates PCRE-only syntax (\\Z, atomic groups, possessive quantifiers)', () => {
    expect(run('rx', 'ab\\Z', 'ab\n').hit).toBe(true);
    expect(run('rx', '(?>a+)b', 'aaab').hit).toBe(true);
    expect(run('rx', 'a++b', 'aaab').hit).toBe(true);
  });

  it('covers every operator the issue lists', () => {
    for (const name of ['rx', 'pm', 'pmFromFile', 'detectSQLi', 'detectXSS', 'validateByteRange', 'validateUrlEncoding', 'validateUtf8Encoding',
      'eq', 'ge', 'gt', 'le', 'lt', 'within', 'endsWith', 'beginsWith', 'contains', 'containsWord', 'streq', 'strmatch', 'ipMatch',
      'ipMatchFromFile', 'unconditionalMatch', 'noMatch']) {
      expect(OPERATORS.has(name.toLowerCase()), name).toBe(true);
    }
  });

  it('rejects unknown operators and bad parameters with a coded error', () => {
    expect(() => compileOperator('nope', '', dir)).toThrow(/unknown operator/);
    expect(() => compileOperator('validateByteRange', '300', dir)).toThrow(/invalid range/);
    expect(() => compileOperator('ipMatch', 'not-an-ip', dir)).toThrow(/invalid address/);
    expect(() => compileOperator('pmFromFile', 'missing.data', dir)).toThrow(/cannot be read/);
  });
});
