import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BulwarkError, ERRORS, ERROR_FRAGMENTS, formatTemplate } from './errors.js';

describe('error catalogue', () => {
  it('registers every fragment file of core/errors/', async () => {
    const dir = new URL('./errors/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'define.ts');
    for (const file of files) {
      const mod = (await import(new URL(file, dir).href)) as Record<string, unknown>;
      for (const fragment of Object.values(mod)) {
        expect(ERROR_FRAGMENTS, `${file} is not in ERROR_FRAGMENTS`).toContain(fragment);
        for (const code of Object.keys(fragment as object)) expect(ERRORS, `${file}: ${code} is not in ERRORS`).toHaveProperty([code]);
      }
    }
  });

  it('defines every code once across all fragments', () => {
    const seen = new Map<string, number>();
    for (const fragment of ERROR_FRAGMENTS) for (const code of Object.keys(fragment)) seen.set(code, (seen.get(code) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).map(([c]) => c);
    expect(twice).toEqual([]);
    expect(seen.size).toBe(Object.keys(ERRORS).length);
  });

  it('documents every code in docs/errors.md with its status', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = new Map<string, number>();
    for (const m of doc.matchAll(/^\|\s*`([^`]+)`\s*\|\s*(\d{3})\s*\|/gm)) documented.set(m[1]!, Number(m[2]));
    const missing = Object.keys(ERRORS).filter((code) => !documented.has(code));
    expect(missing).toEqual([]);
    const wrongStatus = Object.entries(ERRORS).filter(([code, spec]) => documented.get(code) !== spec.status).map(([c]) => c);
    expect(wrongStatus).toEqual([]);
  });

  it('fills message templates and carries status and code', () => {
    const e = new BulwarkError('InvalidParameter', { field: 'UserName', reason: 'too long' });
    expect(e.message).toBe('The parameter "UserName" is invalid: too long.');
    expect(e.status).toBe(400);
    expect(e.code).toBe('InvalidParameter');
    expect(formatTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
