import { describe, expect, it } from 'vitest';
import { dbErrorDetector } from './db-error.js';
import type { ScanContext } from './detector.js';
import { pendingStart, pendingStartOnLastLine, prefixPattern } from './prefix-pattern.js';
import { privateKeyDetector } from './private-key.js';
import { stackTraceDetector } from './stack-trace.js';

const ctx: ScanContext = { base: 0, state: { lastAccessKeyEnd: -1 }, options: { legacy15: false } };

/** True when `pfx` matches from `at` to the end of `text`. */
function matchesAt(pfx: readonly RegExp[], text: string, at: number): boolean {
  return pfx.some((re) => {
    re.lastIndex = at;
    return re.test(text);
  });
}

describe('prefixPattern', () => {
  it('accepts every prefix of a match, and the whole match at the end of the text', () => {
    const cases: [RegExp, string][] = [
      [/ab{2,3}c/g, 'abbbc'],
      [/(?:x|yz)+!/g, 'xyzx!'],
      [/\bat (?:[a-z]{1,5}\.){1,3}[A-Z][a-z]{0,9}\(\d{1,4}\)/g, 'at com.shop.Cart(42)'],
      [/(?<![0-9A-Za-z_])LTAI[0-9A-Za-z]{12,20}(?![0-9A-Za-z_])/g, 'LTAI5tQ8bW3nXk9RzPq2Lm7V'],
      [/[^\n<]{1,10}?:line \d{1,3}/g, 'C:\\x.cs:line 42'],
    ];
    for (const [pattern, value] of cases) {
      const pfx = prefixPattern(pattern);
      for (let k = 1; k <= value.length; k++) expect(matchesAt(pfx, ` ${value.slice(0, k)}`, 1), `${pattern.source} / ${value.slice(0, k)}`).toBe(true);
    }
  });

  it('rejects text that cannot begin a match', () => {
    const pfx = prefixPattern(/ab{2,3}c/g);
    for (const t of ['abbbb', 'ac', 'abbcx', 'b']) expect(matchesAt(pfx, t, 0), t).toBe(false);
    const id = prefixPattern(/(?<![0-9A-Za-z_])LTAI[0-9A-Za-z]{12,20}(?![0-9A-Za-z_])/g);
    expect(matchesAt(id, 'xLTAI5tQ8', 1)).toBe(false); // glued on the left
    expect(matchesAt(id, 'LTAI5tQ8bW3nXk9RzPq2Lm7V ', 0)).toBe(false); // complete and decided
    expect(matchesAt(id, 'LTAX', 0)).toBe(false);
  });

  it('finds the earliest pending start', () => {
    const pfx = prefixPattern(/ab{2,3}c/g);
    expect(pendingStart(pfx, 'xx abc abb', 0)).toBe(7);
    expect(pendingStart(pfx, 'xx abc ab', 8)).toBe(9);
    expect(pendingStart(pfx, 'nothing here', 0)).toBe(12);
  });

  it('checks that a single-line pattern cannot match a line break', () => {
    expect(prefixPattern(/at [^"\n]{1,9}\.java/g, { singleLine: true })).toHaveLength(1);
    expect(() => prefixPattern(/at [^"]{1,9}\.java/g, { singleLine: true })).toThrow(/line break/);
    expect(() => prefixPattern(/a|b\sc/g, { singleLine: true })).toThrow(/line break/);
    const pfx = prefixPattern(/ab{2,3}c/g, { singleLine: true });
    expect(pendingStartOnLastLine(pfx, 'ab\nxx abb', 0)).toBe(6);
    expect(pendingStartOnLastLine(pfx, 'xx ab\n', 0)).toBe(6);
  });

  it('stops after a bounded number of tests, holding the rest', () => {
    const pfx = prefixPattern(/ab{2,3}c/g);
    const long = 'x'.repeat(10_000);
    expect(pendingStart(pfx, long, 0)).toBe(4096);
    expect(pendingStart(pfx, long, 9000)).toBe(10_000);
  });

  it('rejects backreferences', () => {
    expect(() => prefixPattern(/(a)\1/g)).toThrow(/backreferences/);
  });
});

describe('pendingFrom of the regex detectors', () => {
  it('holds a stack frame, a database error line and a PEM header that are still arriving', () => {
    const frame = '<pre>\tat com.shop.Cart.add(Cart.java:42)\n';
    const cut = frame.indexOf('Cart.ja');
    expect(stackTraceDetector.pendingFrom(frame.slice(0, cut), 0, ctx)).toBe(frame.indexOf('at com'));
    const prose = '<p>We are at the shop</p>\n<div class="x">';
    expect(stackTraceDetector.pendingFrom(prose, 0, ctx)).toBe(prose.length);

    const sql = 'Error: You have an error in your SQL syntax; check the manual near \'1\'';
    expect(dbErrorDetector.pendingFrom(sql, 0, ctx)).toBe(7);
    expect(dbErrorDetector.pendingFrom(`${sql}\n<p>next</p>`, 0, ctx)).toBe(sql.length + 12);
    expect(dbErrorDetector.pendingFrom('<p>ok</p>\nYou have an err', 0, ctx)).toBe(10);

    expect(privateKeyDetector.pendingFrom('"key": "-----BEGIN RSA PRIV', 0, ctx)).toBe(8);
    expect(privateKeyDetector.pendingFrom('"key": "none"', 0, ctx)).toBe(13);
  });
});
