import { describe, expect, it } from 'vitest';
import { definitionOf, EMPTY_RULE, formOf, sigmaTitle } from './rule-form.js';

describe('rule editor form', () => {
  it('writes only the fields of the chosen kind, and reads them back', () => {
    const threshold = definitionOf({ ...EMPTY_RULE, name: 'bf', query: 'event.outcome:failure', groupBy: ['user.name'], window: '5m', threshold: 5 });
    expect(threshold).toEqual({ kind: 'threshold', query: 'event.outcome:failure', groupBy: ['user.name'], window: '5m', threshold: 5 });
    const nv = definitionOf({ ...EMPTY_RULE, kind: 'new_value', field: 'source.ip', groupBy: ['user.name'], learn: '1d' });
    expect(nv).toEqual({ kind: 'new_value', query: '', field: 'source.ip', groupBy: ['user.name'], learn: '1d' });
    const rule = { id: 'r', name: 'n', kind: 'new_value' as const, definition: nv, enabled: false, severity: 30, createdAt: '', updatedAt: '' };
    expect(definitionOf(formOf(rule))).toEqual(nv);
    expect(formOf(rule)).toMatchObject({ enabled: false, severity: 30, field: 'source.ip' });
  });

  it('reads a Sigma title', () => {
    expect(sigmaTitle("id: x\ntitle: 'Shell via apt'\nlevel: high")).toBe('Shell via apt');
    expect(sigmaTitle('level: high')).toBeUndefined();
  });
});
