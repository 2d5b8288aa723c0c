import { describe, expect, it } from 'vitest';
import { contentMatches, linesOf, parseContent } from './content.js';

const m = (text: string, pattern: string): boolean => contentMatches(text, parseContent(pattern));

describe('content tests', () => {
  const sshd = '# PermitRootLogin yes\nPermitRootLogin no\nMaxAuthTries 6\nPort 22\n';

  it('r: matches a line', () => {
    expect(m(sshd, 'r:^PermitRootLogin\\s+no')).toBe(true);
    expect(m(sshd, 'r:^PermitRootLogin\\s+yes')).toBe(false);
  });

  it('literal compares whole lines', () => {
    expect(m('1\n', '1')).toBe(true);
    expect(m('10\n', '1')).toBe(false);
    expect(m(sshd, 'Port 22')).toBe(true);
    expect(m(sshd, 'Port')).toBe(false);
  });

  it('&& requires every minterm on the same line; !r: in a chain excludes lines', () => {
    expect(m(sshd, '!r:^# && r:PermitRootLogin && r:no')).toBe(true);
    expect(m(sshd, '!r:^# && r:PermitRootLogin && r:yes')).toBe(false);
    expect(m(sshd, 'r:PermitRootLogin && r:Port')).toBe(false);
  });

  it('a lone !r: holds only when no line matches (Wazuh 5)', () => {
    expect(m(sshd, '!r:^Protocol')).toBe(true);
    expect(m(sshd, '!r:^Port')).toBe(false);
  });

  it.each([
    ['n:^MaxAuthTries\\s+(\\d+) compare <= 4', false],
    ['n:^MaxAuthTries\\s+(\\d+) compare < 7', true],
    ['n:^MaxAuthTries\\s+(\\d+) compare == 6', true],
    ['n:^MaxAuthTries\\s+(\\d+) compare != 6', false],
    ['n:^MaxAuthTries\\s+(\\d+) compare >= 6', true],
    ['n:^MaxAuthTries\\s+(\\d+) compare > 6', false],
    ['n:^Missing\\s+(\\d+) compare > 0', false],
  ])('%s → %s', (pattern, expected) => {
    expect(m(sshd, pattern)).toBe(expected);
  });

  it('a numeric test uses the first capture group, any matching line may satisfy it', () => {
    expect(m('deny = 9\ndeny = 3\n', 'n:^deny\\s*=\\s*(\\d+) compare <= 5')).toBe(true);
    expect(m('x 12\n', 'n:x \\d+ compare > 5')).toBe(false);
  });

  it('empty text never matches, not even a negation', () => {
    expect(m('', '!r:anything')).toBe(false);
    expect(m('', 'r:.*')).toBe(false);
  });

  it('a malformed numeric test is a policy error', () => {
    expect(() => parseContent('n:(\\d+) compare ~ 3')).toThrow(expect.objectContaining({ code: 'Agent.Baseline.InvalidPolicy' }));
  });

  it('splits lines without a trailing empty one', () => {
    expect(linesOf('a\nb\n')).toEqual(['a', 'b']);
    expect(linesOf('a')).toEqual(['a']);
  });
});
