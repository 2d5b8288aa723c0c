import { BulwarkError } from '../../core/errors.js';
import { FIELDS, type FieldType } from '../schema.js';
import type { Expr } from './ast.js';
import { parseQuery } from './parser.js';

/** A query mistake as the console shows it: the coded error and the 1-based column it points at. */
export interface QueryProblem {
  code: string;
  message: string;
  /** 1-based column of the mistake in the query text */
  column: number;
  /** the fields closest to an unknown one */
  suggestions?: string[];
}

/** The column a coded query error points at, if it carries one. */
export function columnOf(e: unknown): number | undefined {
  if (!(e instanceof BulwarkError)) return undefined;
  const c = e.params.column;
  return typeof c === 'number' && c > 0 ? c : undefined;
}

/**
 * Parses a query; a mistake is rethrown with `Column` in the error body, so a client can put a caret
 * under the exact character without reading the message.
 */
export function parsePositioned(text: string): Expr {
  try {
    return parseQuery(text);
  } catch (e) {
    const column = columnOf(e);
    if (!(e instanceof BulwarkError) || column === undefined) throw e;
    throw new BulwarkError(e.code, e.params, { cause: e, extra: { ...e.extra, Column: column } });
  }
}

/** Checks a query without running it. */
export function checkQuery(text: string): { valid: true } | { valid: false; problem: QueryProblem } {
  try {
    parseQuery(text);
    return { valid: true };
  } catch (e) {
    const column = columnOf(e);
    if (!(e instanceof BulwarkError) || column === undefined) throw e;
    const suggestions = typeof e.params.suggestions === 'string' && e.code === 'Events.UnknownField' ? e.params.suggestions.split(', ').filter(Boolean) : undefined;
    return { valid: false, problem: { code: e.code, message: e.message, column, ...(suggestions ? { suggestions } : {}) } };
  }
}

export interface FieldInfo {
  name: string;
  type: FieldType;
  description: string;
}

/** Schema fields whose name starts with `prefix` (case-insensitive), then those containing it; at most `limit`. */
export function completeFields(prefix: string, limit = 200): FieldInfo[] {
  const p = prefix.toLowerCase();
  const all = FIELDS.map((f) => ({ name: f.name, type: f.type, description: f.description }));
  if (!p) return all.slice(0, limit);
  const starts = all.filter((f) => f.name.toLowerCase().startsWith(p));
  const contains = all.filter((f) => !f.name.toLowerCase().startsWith(p) && f.name.toLowerCase().includes(p));
  return [...starts, ...contains].slice(0, limit);
}
