import { describe, expect, it } from 'vitest';
import { LiteralScreen, NO_LITERALS } from './literal-screen.js';

describe('LiteralScreen', () => {
  const screen = new LiteralScreen([
    { literals: ['select', 'union'], caseInsensitive: true },
    { literals: ['<script'], caseInsensitive: true },
    { literals: [';', '|', '\n'], caseInsensitive: false },
    { literals: ['Etc/'], caseInsensitive: false },
    { literals: ['\xe9t\xe9'], caseInsensitive: true },
  ]);

  it('tells per member whether the value holds one of its literals', () => {
    expect(screen.scan('plain descriptive text')).toBe(NO_LITERALS);
    expect([...(screen.scan('1 UNION SELECT pw') ?? [])]).toEqual([1, 0, 0, 0, 0]);
    expect([...(screen.scan('a;b<ScRiPt>') ?? [])]).toEqual([0, 1, 1, 0, 0]);
    expect([...(screen.scan('x\ny') ?? [])]).toEqual([0, 0, 1, 0, 0]);
    expect([...(screen.scan('unio') ?? [])]).toEqual([]);
  });

  it('finds overlapping literals and literals ending inside others (failure links)', () => {
    const s = new LiteralScreen([{ literals: ['abcd'], caseInsensitive: false }, { literals: ['bc'], caseInsensitive: false }, { literals: ['cde'], caseInsensitive: false }]);
    expect([...(s.scan('xabcde') ?? [])]).toEqual([1, 1, 1]);
    expect([...(s.scan('abcx') ?? [])]).toEqual([0, 1, 0]);
    expect([...(s.scan('aabcdd') ?? [])]).toEqual([1, 1, 0]);
  });

  it('only errs towards "may match": case is folded for every member, ASCII and Latin-1', () => {
    expect([...(screen.scan('/etc/passwd') ?? [])]).toEqual([0, 0, 0, 1, 0]); // case-sensitive member found anyway
    expect([...(screen.scan('\xc9T\xc9') ?? [])]).toEqual([0, 0, 0, 0, 1]); // ÉTÉ
    expect(screen.scan('\u017felect')).toBeNull(); // ſ folds to s in Unicode: cannot screen
  });

  it('never rejects a value that contains a literal (random strings against String#includes)', () => {
    const alphabet = 'abcSELECTunion;|<>\n\xe9\xc9t/E';
    const members = [['sel', 'on;'], ['<t', '|'], ['\xe9t'], ['ee', 'e/'], ['n']].map((literals) => ({ literals, caseInsensitive: true }));
    const s = new LiteralScreen(members);
    let seed = 7;
    const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let i = 0; i < 2000; i++) {
      const value = Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join('');
      const hits = s.scan(value);
      members.forEach((m, k) => {
        const present = m.literals.some((l) => value.toLowerCase().includes(l));
        if (present) expect(hits === null || hits[k] === 1, `${JSON.stringify(value)} member ${k}`).toBe(true);
      });
    }
  });
});
