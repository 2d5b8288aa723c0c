import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../../../core/errors.js';
import { locateSigmaError } from './locate.js';
import { parseSigmaRule } from './rule.js';

function errorOf(text: string): unknown {
  try {
    parseSigmaRule(text, 'upload.yml');
  } catch (e) {
    return e;
  }
  throw new Error('expected the rule to be refused');
}

const at = (text: string) => locateSigmaError(text, errorOf(text));

describe('positions of Sigma rule errors', () => {
  it('points at the YAML syntax error', () => {
    const text = 'title: t\nlogsource: {product: linux}\ndetection:\n  sel: a: b\n  condition: sel\n';
    expect(at(text)).toEqual({ line: 4, column: 8 });
  });

  it('points at an unsupported modifier', () => {
    const text = 'title: t\nlogsource: {product: linux, category: process_creation}\ndetection:\n  sel:\n    CommandLine|utf16le: x\n  condition: sel\n';
    expect(errorOf(text)).toMatchObject({ code: 'Events.SigmaUnsupported' });
    expect(at(text)).toEqual({ line: 5, column: 16 });
  });

  it('points at the key a field error names, following keys that hold dots', () => {
    const text = 'title: t\nlogsource: {product: linux, category: process_creation}\ndetection:\n  sel.one: []\n  condition: sel.one\n';
    expect(errorOf(text)).toMatchObject({ code: 'Events.InvalidRule', params: { field: 'detection.sel.one' } });
    expect(at(text)).toEqual({ line: 4, column: 3 });
  });

  it('points at the condition for an unknown selection, and at timeframe', () => {
    const text = 'title: t\nlogsource: {product: linux, category: process_creation}\ndetection:\n  sel: {Image: x}\n  condition: other\n';
    expect(at(text)).toEqual({ line: 5, column: 3 });
    const tf = 'title: t\nlogsource: {product: linux, category: process_creation}\ndetection:\n  sel: {Image: x}\n  timeframe: 5m\n  condition: sel\n';
    expect(at(tf)).toEqual({ line: 5, column: 3 });
  });

  it('puts a missing required key at the top, and knows nothing of other errors', () => {
    const text = 'logsource: {product: linux}\ndetection:\n  sel: {Image: x}\n  condition: sel\n';
    expect(errorOf(text)).toMatchObject({ params: { field: 'title' } });
    expect(at(text)).toEqual({ line: 1, column: 1 });
    expect(locateSigmaError(text, new BulwarkError('Events.RuleNotFound', { rule: 'x' }))).toBeUndefined();
  });
});
