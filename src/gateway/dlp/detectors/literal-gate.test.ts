import { describe, expect, it } from 'vitest';
import { SECRET_WORD_GATE } from './access-key.js';
import { DB_ERROR_GATE } from './db-error.js';
import { fingerprintOf, GateHits, LiteralGate } from './literal-gate.js';
import { STACK_TRACE_GATE } from './stack-trace.js';
import { assignBuckets, teddyAvailable } from './teddy.js';
import { mulberry32 } from '../test-support/mulberry32.js';

const GATES = [STACK_TRACE_GATE, DB_ERROR_GATE, SECRET_WORD_GATE];

/** A literal of the gate written out (a class becomes one of its members, `\d` a digit). */
function instance(literal: string, next: () => number): string {
  let out = '';
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i] ?? '';
    if (c === '\\') {
      const e = literal[++i] ?? '';
      out += e === 'd' ? String(Math.floor(next() * 10)) : e;
    } else if (c === '[') {
      const j = literal.indexOf(']', i);
      const members = literal.slice(i + 1, j);
      out += members[Math.floor(next() * members.length)] ?? '';
      i = j;
    } else {
      out += c;
    }
  }
  return out;
}

/** Text full of near-misses (prefixes and neighbours of the literals), with some whole literals. */
function corpus(next: () => number, size: number): string {
  const filler = ['lorem ipsum ', '<div class="x">', '12:34 ', 'Exceptio', 'SQ', 'ERRO', 'Tracebac', '.jav:1', 'node', '\u00e9\u00e8', 'secre', 'CRE', 'goroutin', '\n'];
  let text = '';
  while (text.length < size) {
    if (next() < 0.03) {
      const gate = GATES[Math.floor(next() * GATES.length)] ?? STACK_TRACE_GATE;
      text += instance(gate.literals[Math.floor(next() * gate.literals.length)] ?? '', next);
    } else {
      text += filler[Math.floor(next() * filler.length)] ?? '';
    }
  }
  return text;
}

describe('literal gates', () => {
  it('runs the SIMD pass on this runtime', () => {
    expect(teddyAvailable()).toBe(true);
  });

  it('answers exactly like the gate regexes, on random windows and start offsets', () => {
    const next = mulberry32(7);
    for (let round = 0; round < 400; round++) {
      const text = corpus(next, 20 + Math.floor(next() * 3000));
      const view = Buffer.from(text, 'latin1');
      const from = Math.floor(next() * Math.min(100, text.length));
      const hits = new GateHits(view, text, from);
      // Ask in a random order: a pass stopped early for one gate resumes for the next.
      const order = [...GATES].sort(() => next() - 0.5);
      for (const gate of order) expect(hits.has(gate), `${gate.literals[0]} @${from} in ${JSON.stringify(text)}`).toBe(gate.scan(text, from));
    }
  });

  it('finds every literal alone, at the start and at the very end of a window', () => {
    const next = mulberry32(3);
    for (const gate of GATES) {
      for (const literal of gate.literals) {
        const value = instance(literal, next);
        for (const text of [value, `xx ${value}`, `${value} xx`]) {
          const hits = new GateHits(Buffer.from(text, 'latin1'), text, 0);
          expect(hits.has(gate), `${literal} in ${text}`).toBe(true);
        }
        // Before `from` it does not count.
        const before = `${value}${'.'.repeat(40)}`;
        expect(new GateHits(Buffer.from(before, 'latin1'), before, 1).has(gate)).toBe(gate.scan(before, 1));
      }
    }
  });

  it('answers the same on text dense with near-misses (past the candidate budget, gates scan alone)', () => {
    for (const tail of ['', ' goroutine 1', ' ORA-00933: ', ' AccessKeySecret']) {
      const text = `${'-----BEGIN PRIVATE KEY-----'.repeat(100)}${'ERRO SQ cre '.repeat(100)}${tail}`;
      const order = tail === ' ORA-00933: ' ? [...GATES].reverse() : GATES;
      const hits = new GateHits(Buffer.from(text, 'latin1'), text, 0);
      for (const gate of order) expect(hits.has(gate), `${gate.literals[0]} with '${tail}'`).toBe(gate.scan(text, 0));
    }
  });

  it('keeps two windows apart when their questions interleave', () => {
    const a = `${'x'.repeat(5000)} Exception ${'y'.repeat(5000)} ORA-00933: `;
    const b = `${'z'.repeat(7000)} cret`;
    const ha = new GateHits(Buffer.from(a, 'latin1'), a, 0);
    const hb = new GateHits(Buffer.from(b, 'latin1'), b, 0);
    expect(ha.has(STACK_TRACE_GATE)).toBe(true);
    expect(hb.has(SECRET_WORD_GATE)).toBe(true);
    expect(ha.has(DB_ERROR_GATE)).toBe(true);
    expect(hb.has(DB_ERROR_GATE)).toBe(false);
    expect(ha.has(SECRET_WORD_GATE)).toBe(false);
  });

  it('falls back to the regex for another text or start offset', () => {
    const text = 'a Traceback here';
    const hits = new GateHits(Buffer.from(text, 'latin1'), text, 0);
    expect(STACK_TRACE_GATE.present(text, 5, hits)).toBe(false);
    expect(STACK_TRACE_GATE.present(text, 0, hits)).toBe(true);
    expect(STACK_TRACE_GATE.present(text, 0, undefined)).toBe(true);
  });

  it('spreads fingerprints over buckets the same way whatever order the gates were registered in', () => {
    const fps = GATES.flatMap((g) => g.fingerprints);
    const key = (fp: (typeof fps)[number]): string => JSON.stringify(fp);
    const byKey = (list: typeof fps): Map<string, number> => {
      const buckets = assignBuckets(list);
      return new Map(list.map((fp, i) => [key(fp), buckets[i] ?? -1]));
    };
    const reference = byKey(fps);
    expect(byKey([...fps].reverse())).toEqual(reference);
    expect(byKey([...fps.slice(20), ...fps.slice(0, 20)])).toEqual(reference);
  });

  it('accepts only the documented literal syntax', () => {
    expect(fingerprintOf(String.raw`\.[mc]js:\d`)).toEqual([[46], [109, 99], [106]]);
    expect(fingerprintOf('SQL')).toEqual([[83], [81], [76]]);
    expect(fingerprintOf('[a-c]x')).toEqual([[97, 98, 99], [120]]);
    for (const bad of ['a.b', 'ab?', '(ab)', 'a|b', 'x', String.raw`\w+`, 'caf\u00e9', '[ab']) expect(() => fingerprintOf(bad), bad).toThrow(/LiteralGate/);
    expect(() => new LiteralGate(['ab*'])).toThrow(/LiteralGate/);
  });
});
