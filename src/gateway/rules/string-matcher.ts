import RE2 from 're2';
import type { StringMatchConfig } from '../../config/gateway.js';
import { BulwarkError } from '../../core/errors.js';

/** A compiled string condition; `undefined` input means "absent" (only `present: false` matches it). */
export type StringMatcher = (value: string | undefined) => boolean;

/** Compiles equals / prefix / contains / regex (RE2: linear time, no catastrophic backtracking) / present. */
export function compileStringMatch(m: StringMatchConfig, field: string): StringMatcher {
  if (m.present !== undefined) {
    const want = m.present;
    return (v) => (v !== undefined) === want;
  }
  if (m.equals !== undefined) {
    const s = m.equals;
    return (v) => v === s;
  }
  if (m.prefix !== undefined) {
    const s = m.prefix;
    return (v) => v !== undefined && v.startsWith(s);
  }
  if (m.contains !== undefined) {
    const s = m.contains;
    return (v) => v !== undefined && v.includes(s);
  }
  let re: RE2;
  try {
    re = new RE2(m.regex ?? '');
  } catch (e) {
    throw new BulwarkError('Gateway.InvalidRule', { field, reason: `bad regex: ${(e as Error).message}` });
  }
  return (v) => v !== undefined && re.test(v);
}
