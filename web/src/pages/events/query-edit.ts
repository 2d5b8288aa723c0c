/** Pure edits of a search query (no React): filters from values, completion at the cursor, caret lines. */

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'TO']);
const PLAIN = /^[A-Za-z0-9_.@/:-]+$/;

/** A value as the query language reads it back exactly: bare when safe, else a quoted phrase. */
export function quoteValue(value: string): string {
  if (PLAIN.test(value) && !KEYWORDS.has(value.toUpperCase()) && !value.startsWith('-') && !value.startsWith(':')) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Whether the query has an OR outside quotes and parentheses (then an added clause needs them). */
function hasTopLevelOr(query: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < query.length; i++) {
    const c = query[i] as string;
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && /\s/.test(query[i - 1] ?? ' ')) {
      const word = /^(OR|\|\|)(?=\s|$)/i.exec(query.slice(i));
      if (word) return true;
    }
  }
  return false;
}

/** `query` narrowed to events whose `field` is (include) or is not (exclude) `value`. */
export function addFilter(query: string, field: string, value: string, mode: 'include' | 'exclude'): string {
  const clause = `${mode === 'exclude' ? 'NOT ' : ''}${field}:${quoteValue(value)}`;
  const base = query.trim();
  if (base === '' || base === '*') return clause;
  if (` ${base} `.includes(` ${clause} `)) return base;
  return `${hasTopLevelOr(base) ? `(${base})` : base} AND ${clause}`;
}

/** What the cursor is in: a field name being typed, or the value after `field:`. */
export type CursorContext =
  | { kind: 'field'; prefix: string; start: number; end: number }
  | { kind: 'value'; field: string; prefix: string; start: number; end: number }
  | { kind: 'none' };

/** The word around `cursor` (from the last space or bracket before it to the next one after it). */
export function contextAt(query: string, cursor: number): CursorContext {
  let quoted = false;
  let start = 0;
  for (let i = 0; i < cursor; i++) {
    const c = query[i] as string;
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (/\s/.test(c) || '()[]{}'.includes(c))) start = i + 1;
  }
  let end = cursor;
  while (end < query.length && !/[\s()[\]{}]/.test(query[end] as string)) end++;
  let word = query.slice(start, cursor);
  let from = start;
  if (word.startsWith('-')) {
    word = word.slice(1);
    from++;
  }
  const colon = word.search(/[:<>]/);
  if (colon > 0) {
    const field = word.slice(0, colon);
    const rest = word.slice(colon + 1).replace(/^[<>=]+/, '');
    const valueStart = from + (word.length - rest.length);
    return { kind: 'value', field, prefix: rest.replace(/^"/, ''), start: valueStart, end };
  }
  if (colon === 0 || quoted || word === '' || KEYWORDS.has(word.toUpperCase())) return { kind: 'none' };
  return { kind: 'field', prefix: word, start: from, end };
}

/** Replaces the context's span with `text`; returns the new query and where the cursor goes. */
export function applyCompletion(query: string, ctx: Exclude<CursorContext, { kind: 'none' }>, text: string): { query: string; cursor: number } {
  const before = query.slice(0, ctx.start);
  const after = query.slice(ctx.end);
  const inserted = ctx.kind === 'field' ? `${text}:` : `${quoteValue(text)}${after.startsWith(' ') || after === '' ? ' ' : ''}`;
  const next = `${before}${inserted}${ctx.kind === 'value' && after.startsWith(' ') ? after.slice(1) : after}`;
  return { query: next, cursor: before.length + inserted.length };
}

/** Names from `names` that start with `prefix` (case-insensitive), then those containing it. */
export function matchNames(names: readonly string[], prefix: string, limit = 12): string[] {
  const p = prefix.toLowerCase();
  const starts = names.filter((n) => n.toLowerCase().startsWith(p));
  const contains = names.filter((n) => !n.toLowerCase().startsWith(p) && n.toLowerCase().includes(p));
  return [...starts, ...contains].slice(0, limit);
}

/**
 * The line of a (possibly multi-line) query that holds 1-based `column`, and the caret under it:
 * `{ line: 'a AND', caret: '     ^' }`.
 */
export function caretAt(query: string, column: number): { line: string; caret: string } {
  const index = Math.max(0, Math.min(column - 1, query.length));
  const lineStart = query.lastIndexOf('\n', index - 1) + 1;
  const lineEnd = query.indexOf('\n', index);
  const line = query.slice(lineStart, lineEnd < 0 ? query.length : lineEnd);
  // keep tabs so the caret lines up under them
  const pad = line.slice(0, index - lineStart).replace(/[^\t]/g, ' ');
  return { line, caret: `${pad}^` };
}

/** A nested event document as dotted field names → values (arrays and objects of `extra` stay whole). */
export function flatten(doc: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(doc)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...flatten(v as Record<string, unknown>, name));
    else out.push([name, v]);
  }
  return out.sort((a, b) => (a[0] === '@timestamp' ? -1 : b[0] === '@timestamp' ? 1 : a[0].localeCompare(b[0])));
}

/** The value of a dotted field in a nested document (`extra` keys may themselves contain dots). */
export function valueAt(doc: Record<string, unknown>, field: string): unknown {
  if (field in doc) return doc[field];
  for (let i = field.indexOf('.'); i > 0; i = field.indexOf('.', i + 1)) {
    const node = doc[field.slice(0, i)];
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      const found = valueAt(node as Record<string, unknown>, field.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
