import { describe, expect, it } from 'vitest';
import { addFilter, applyCompletion, caretAt, contextAt, flatten, matchNames, quoteValue, valueAt } from './query-edit.js';

describe('query edits', () => {
  it('quotes only what the query language would read differently', () => {
    expect(quoteValue('root')).toBe('root');
    expect(quoteValue('10.0.0.1')).toBe('10.0.0.1');
    expect(quoteValue('2001:db8::1')).toBe('2001:db8::1');
    expect(quoteValue('/admin/login.php')).toBe('/admin/login.php');
    expect(quoteValue('a b')).toBe('"a b"');
    expect(quoteValue('or')).toBe('"or"');
    expect(quoteValue('-x')).toBe('"-x"');
    expect(quoteValue('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
    expect(quoteValue('a*')).toBe('"a*"');
    expect(quoteValue('')).toBe('""');
  });

  it('adds an include or exclude filter, keeping OR queries intact', () => {
    expect(addFilter('', 'source.ip', '10.0.0.1', 'include')).toBe('source.ip:10.0.0.1');
    expect(addFilter('  ', 'user.name', 'bob smith', 'exclude')).toBe('NOT user.name:"bob smith"');
    expect(addFilter('event.outcome:failure', 'user.name', 'root', 'include')).toBe('event.outcome:failure AND user.name:root');
    expect(addFilter('a OR b', 'user.name', 'root', 'include')).toBe('(a OR b) AND user.name:root');
    expect(addFilter('(a OR b) c', 'user.name', 'root', 'include')).toBe('(a OR b) c AND user.name:root');
    expect(addFilter('"x OR y"', 'user.name', 'root', 'include')).toBe('"x OR y" AND user.name:root');
    // the same filter twice is one filter
    expect(addFilter('user.name:root', 'user.name', 'root', 'include')).toBe('user.name:root');
  });

  it('knows whether the cursor is on a field name or a value', () => {
    expect(contextAt('sou', 3)).toEqual({ kind: 'field', prefix: 'sou', start: 0, end: 3 });
    expect(contextAt('a AND -user.na', 14)).toEqual({ kind: 'field', prefix: 'user.na', start: 7, end: 14 });
    expect(contextAt('user.name:ro AND x', 12)).toEqual({ kind: 'value', field: 'user.name', prefix: 'ro', start: 10, end: 12 });
    expect(contextAt('(event.outcome:', 15)).toEqual({ kind: 'value', field: 'event.outcome', prefix: '', start: 15, end: 15 });
    expect(contextAt('event.severity>=5', 17)).toMatchObject({ kind: 'value', field: 'event.severity', prefix: '5' });
    expect(contextAt('a AND ', 6)).toEqual({ kind: 'none' });
    expect(contextAt('a AND', 5)).toEqual({ kind: 'none' });
    expect(contextAt('"open phr', 9)).toEqual({ kind: 'none' });
  });

  it('completes a field (adding the colon) or a value (quoted when needed) in place', () => {
    const f = contextAt('x AND sou', 9);
    if (f.kind === 'none') throw new Error('expected a context');
    expect(applyCompletion('x AND sou', f, 'source.ip')).toEqual({ query: 'x AND source.ip:', cursor: 16 });
    const v = contextAt('user.name:al OR y', 12);
    if (v.kind === 'none') throw new Error('expected a context');
    expect(applyCompletion('user.name:al OR y', v, 'alice smith')).toEqual({ query: 'user.name:"alice smith" OR y', cursor: 24 });
    const end = contextAt('user.name:', 10);
    if (end.kind === 'none') throw new Error('expected a context');
    expect(applyCompletion('user.name:', end, 'root').query).toBe('user.name:root ');
    expect(matchNames(['source.ip', 'destination.ip', 'host.ip', 'source.port'], 'ip')).toEqual(['source.ip', 'destination.ip', 'host.ip']);
    expect(matchNames(['source.ip', 'source.port'], 'SOURCE.P')).toEqual(['source.port']);
  });

  it('puts a caret under the column of a mistake, on its line', () => {
    expect(caretAt('user.name:root AND (x', 20)).toEqual({ line: 'user.name:root AND (x', caret: '                   ^' });
    expect(caretAt('a AND', 6)).toEqual({ line: 'a AND', caret: '     ^' });
    expect(caretAt('a\n\tb c)', 7)).toEqual({ line: '\tb c)', caret: '\t   ^' });
    expect(caretAt('x', 1)).toEqual({ line: 'x', caret: '^' });
  });

  it('flattens a document to dotted fields and reads them back', () => {
    const doc = { '@timestamp': 't', source: { ip: '1.2.3.4', geo: { city_name: 'X' } }, extra: { 'bulwark.rules': ['a'], 'k8s.pod': 'p' }, message: 'm' };
    expect(flatten(doc)).toEqual([['@timestamp', 't'], ['extra.bulwark.rules', ['a']], ['extra.k8s.pod', 'p'], ['message', 'm'], ['source.geo.city_name', 'X'], ['source.ip', '1.2.3.4']]);
    expect(valueAt(doc, 'source.ip')).toBe('1.2.3.4');
    expect(valueAt(doc, 'extra.k8s.pod')).toBe('p');
    expect(valueAt(doc, 'user.name')).toBeUndefined();
  });
});
