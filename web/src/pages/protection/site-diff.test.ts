import { describe, expect, it } from 'vitest';
import { changedPaths, diffLines, documentLines, withContext } from './site-diff.js';

describe('site diff', () => {
  const before = { name: 'shop', upstreams: ['http://a'], waf: { mode: 'detect', exclusions: [] as unknown[] } };
  const after = { name: 'shop', upstreams: ['http://a', 'http://b'], waf: { mode: 'block', exclusions: [{ id: 942100 }] } };

  it('lists the settings that changed, were added or removed', () => {
    expect(changedPaths(before, after)).toEqual([
      { path: 'upstreams[1]', kind: 'added', after: '"http://b"' },
      { path: 'waf.mode', kind: 'changed', before: '"detect"', after: '"block"' },
      { path: 'waf.exclusions[0].id', kind: 'added', after: '942100' },
      { path: 'waf.exclusions', kind: 'removed', before: '[]' },
    ]);
    expect(changedPaths(after, after)).toEqual([]);
    expect(changedPaths(undefined, { name: 'x' })).toEqual([{ path: 'name', kind: 'added', after: '"x"' }]);
  });

  it('diffs the documents line by line: unchanged lines stay, the others are marked', () => {
    const lines = diffLines(documentLines(before), documentLines(after));
    expect(lines.filter((l) => l.kind === 'removed').map((l) => l.text.trim())).toEqual(['"http://a"', '"mode": "detect",', '"exclusions": []']);
    expect(lines.filter((l) => l.kind === 'added').map((l) => l.text.trim())).toEqual(['"http://a",', '"http://b"', '"mode": "block",', '"exclusions": [', '{', '"id": 942100', '}', ']']);
    expect(lines.filter((l) => l.kind === 'same').map((l) => l.text)).toContain('  "name": "shop",');
    expect(diffLines(['a'], ['a'])).toEqual([{ kind: 'same', text: 'a' }]);
    expect(diffLines([], ['a'])).toEqual([{ kind: 'added', text: 'a' }]);
    expect(documentLines(undefined)).toEqual([]);
  });

  it('keeps only context around changes, marking skipped runs once', () => {
    const lines = diffLines(['1', '2', '3', '4', '5', '6', '7', '8'], ['1', '2', '3', '4', '5', '6', '7', 'x']);
    expect(withContext(lines, 1)).toEqual([null, { kind: 'same', text: '7' }, { kind: 'removed', text: '8' }, { kind: 'added', text: 'x' }]);
  });
});
