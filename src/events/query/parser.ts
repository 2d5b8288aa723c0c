import { isIP } from 'node:net';
import { BulwarkError } from '../../core/errors.js';
import { cidrKeyRange } from '../ip-key.js';
import { EXTRA_FIELD, FIELDS, fieldByName, type FieldDef } from '../schema.js';
import { fieldName, literal, type Bound, type Expr, type FieldRef, type Pattern, type PatternPart } from './ast.js';
import { findUnescaped, tokenize, type Token } from './lexer.js';
import { closestNames } from './suggest.js';

const MAX_DEPTH = 64;
const EXISTS = '_exists_';
const EXTRA_KEY = /^[A-Za-z0-9_@][A-Za-z0-9_@.-]{0,127}$/;
const COMPARATORS = ['>=', '<=', '>', '<'] as const;
type Comparator = (typeof COMPARATORS)[number];

function syntax(column: number, reason: string): BulwarkError {
  return new BulwarkError('Events.QuerySyntax', { column, reason });
}

/** A schema field or `extra.<key>`; anything else is an error naming the closest fields. */
export function resolveField(name: string, column: number): FieldRef {
  if (fieldByName(name)) return { kind: 'schema', name };
  if (name.startsWith(`${EXTRA_FIELD}.`)) {
    const key = name.slice(EXTRA_FIELD.length + 1);
    if (EXTRA_KEY.test(key)) return { kind: 'extra', key };
    throw syntax(column, `"${name}": extra keys are letters, digits, _ @ . - (at most 128)`);
  }
  const suggestions = closestNames(name, [...FIELDS.map((f) => f.name), EXISTS]);
  throw new BulwarkError('Events.UnknownField', { field: name, column, suggestions: suggestions.join(', ') });
}

function defOf(field: FieldRef): FieldDef | undefined {
  return field.kind === 'schema' ? fieldByName(field.name) : undefined;
}

/** `*` and `?` are wildcards unless escaped. */
export function wildcardPattern(raw: string): Pattern {
  const parts: PatternPart[] = [];
  let lit = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\' && i + 1 < raw.length) {
      lit += raw[++i];
    } else if (c === '*' || c === '?') {
      if (lit) parts.push({ kind: 'lit', text: lit });
      lit = '';
      parts.push(c === '*' ? { kind: 'any' } : { kind: 'one' });
    } else lit += c;
  }
  if (lit) parts.push({ kind: 'lit', text: lit });
  return parts;
}

function invalid(value: string, column: number, field: FieldRef, type: string, reason: string): BulwarkError {
  return new BulwarkError('Events.InvalidValue', { value: value.length > 64 ? `${value.slice(0, 64)}…` : value, column, field: fieldName(field), type, reason });
}

/** Checks a single value against the field type (ranges and equality). */
function checkScalar(field: FieldRef, value: string, column: number): void {
  const def = defOf(field);
  if (!def) return;
  switch (def.type) {
    case 'long':
      if (!/^-?\d{1,16}$/.test(value)) throw invalid(value, column, field, def.type, 'expected an integer');
      return;
    case 'double':
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) throw invalid(value, column, field, def.type, 'expected a number');
      return;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) throw invalid(value, column, field, def.type, 'expected an ISO 8601 date');
      return;
    case 'ip':
      if (isIP(value) === 0) throw invalid(value, column, field, def.type, 'expected an IP address');
      return;
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw invalid(value, column, field, def.type, 'expected true or false');
      return;
    default:
      return;
  }
}

/** One `field:value` (value as a word with escapes, or a phrase). */
function termFor(field: FieldRef, token: Token, column: number): Expr {
  const def = defOf(field);
  if (token.kind === 'word' && token.text === '*') return { kind: 'exists', field, column };
  const pattern = token.kind === 'phrase' ? literal(token.text) : wildcardPattern(token.text);
  const text = pattern.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'any' ? '*' : '?')).join('');
  const wild = pattern.some((p) => p.kind !== 'lit');
  if (def?.type === 'ip' && !wild && text.includes('/')) {
    if (!cidrKeyRange(text)) throw invalid(text, token.column, field, 'ip', 'expected a CIDR block such as 10.0.0.0/8');
    return { kind: 'cidr', field, cidr: text, column };
  }
  if (def && def.type !== 'keyword' && def.type !== 'text' && wild) throw invalid(text, token.column, field, def.type, 'wildcards work on keyword and text fields only');
  if (!wild) checkScalar(field, text, token.column);
  if (def?.type === 'text') {
    // text fields match words anywhere, case-insensitively
    return { kind: 'term', field, pattern: [{ kind: 'any' }, ...pattern, { kind: 'any' }], caseInsensitive: true, column };
  }
  return { kind: 'term', field, pattern, caseInsensitive: false, column };
}

function keywordOf(token: Token): 'AND' | 'OR' | 'NOT' | undefined {
  if (token.kind !== 'word') return undefined;
  const upper = token.text.toUpperCase();
  if (upper === 'AND' || upper === '&&') return 'AND';
  if (upper === 'OR' || upper === '||') return 'OR';
  if (upper === 'NOT') return 'NOT';
  return undefined;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private enter(column: number): void {
    if (++this.depth > MAX_DEPTH) throw syntax(column, `nesting deeper than ${MAX_DEPTH} levels`);
  }

  parse(): Expr {
    if (this.peek().kind === 'eof') return { kind: 'all' };
    const expr = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'eof') throw syntax(t.column, t.kind === 'rparen' ? 'unbalanced ")"' : `unexpected "${t.text}"`);
    return expr;
  }

  private parseOr(): Expr {
    const items = [this.parseAnd()];
    while (keywordOf(this.peek()) === 'OR') {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'or', items };
  }

  private startsOperand(t: Token): boolean {
    const k = keywordOf(t);
    return t.kind !== 'eof' && t.kind !== 'rparen' && t.kind !== 'rbracket' && t.kind !== 'rbrace' && k !== 'OR' && k !== 'AND';
  }

  private parseAnd(): Expr {
    const items = [this.parseUnary()];
    for (;;) {
      const t = this.peek();
      if (keywordOf(t) === 'AND') {
        this.next();
        items.push(this.parseUnary());
      } else if (this.startsOperand(t)) {
        items.push(this.parseUnary()); // implicit AND
      } else break;
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'and', items };
  }

  private parseUnary(): Expr {
    const t = this.peek();
    this.enter(t.column);
    try {
      if (keywordOf(t) === 'NOT') {
        this.next();
        return { kind: 'not', item: this.parseUnary() };
      }
      if (t.kind === 'word' && t.text.startsWith('-')) {
        this.next();
        if (t.text === '-') {
          const following = this.peek();
          if (following.spaced || !this.startsOperand(following)) throw syntax(t.column, '"-" must be followed by a term');
          return { kind: 'not', item: this.parseUnary() };
        }
        return { kind: 'not', item: this.parseWord({ ...t, text: t.text.slice(1), column: t.column + 1 }) };
      }
      return this.parsePrimary();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'lparen': {
        const inner = this.parseOr();
        this.expect('rparen', t.column, 'missing ")"');
        return inner;
      }
      case 'phrase':
        return { kind: 'term', field: null, pattern: literal(t.text), caseInsensitive: true, column: t.column };
      case 'word':
        if (keywordOf(t)) throw syntax(t.column, `"${t.text}" needs a term on its left`);
        return this.parseWord(t);
      case 'eof':
        throw syntax(t.column, 'the query ends where a term was expected');
      default:
        throw syntax(t.column, `unexpected "${t.text}"`);
    }
  }

  private expect(kind: Token['kind'], openedAt: number, reason: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw syntax(t.kind === 'eof' ? openedAt : t.column, reason);
    return this.next();
  }

  /** A word in term position: `field:value`, `field>=value`, or free text. */
  private parseWord(t: Token): Expr {
    const at = findUnescaped(t.text, ':<>');
    if (at < 0) return { kind: 'term', field: null, pattern: wildcardPattern(t.text), caseInsensitive: true, column: t.column };
    if (at === 0) throw syntax(t.column, `a field name is missing before "${t.text[0]}"`);
    const name = t.text.slice(0, at).replace(/\\(.)/gs, '$1');
    let rest = t.text.slice(at);
    let comparator: Comparator | undefined;
    if (rest.startsWith(':')) rest = rest.slice(1);
    const cmp = COMPARATORS.find((c) => rest.startsWith(c));
    if (cmp) {
      comparator = cmp;
      rest = rest.slice(cmp.length);
    } else if (t.text[at] !== ':') {
      throw syntax(t.column + at, 'expected ":", ">", ">=", "<" or "<="');
    }
    const valueColumn = t.column + (t.text.length - rest.length);
    if (name === EXISTS) {
      if (comparator) throw syntax(t.column + at, `${EXISTS} takes a field name`);
      const target = rest ? { text: rest, column: valueColumn } : this.valueToken(t.column + at, false);
      return { kind: 'exists', field: resolveField(target.text.replace(/\\(.)/gs, '$1'), target.column), column: t.column };
    }
    const field = resolveField(name, t.column);
    if (comparator) {
      const token = rest ? { kind: 'word' as const, text: rest, column: valueColumn, spaced: false } : this.valueToken(t.column + at, false);
      const value = token.kind === 'phrase' ? token.text : token.text.replace(/\\(.)/gs, '$1');
      checkScalar(field, value, token.column);
      const bound: Bound = { value, inclusive: comparator.endsWith('=') };
      return comparator.startsWith('>') ? { kind: 'range', field, lower: bound, column: t.column } : { kind: 'range', field, upper: bound, column: t.column };
    }
    if (rest) return termFor(field, { kind: 'word', text: rest, column: valueColumn, spaced: false }, t.column);
    const following = this.peek();
    if (following.kind === 'lparen') {
      this.next();
      const group = this.parseValueOr(field);
      this.expect('rparen', following.column, 'missing ")" after the value list');
      return group;
    }
    if (following.kind === 'lbracket' || following.kind === 'lbrace') return this.parseRange(field, t.column);
    return termFor(field, this.valueToken(t.column + at, true), t.column);
  }

  /** The value token after `field:` (a word that is not an operator, or a phrase). */
  private valueToken(column: number, allowPhrase: boolean): Token {
    const t = this.peek();
    if ((t.kind === 'word' && !keywordOf(t)) || (allowPhrase && t.kind === 'phrase') || (!allowPhrase && t.kind === 'phrase')) return this.next();
    throw syntax(t.kind === 'eof' ? column : t.column, 'a value is missing after the field');
  }

  private parseValueOr(field: FieldRef): Expr {
    const items = [this.parseValueAnd(field)];
    while (keywordOf(this.peek()) === 'OR') {
      this.next();
      items.push(this.parseValueAnd(field));
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'or', items };
  }

  private parseValueAnd(field: FieldRef): Expr {
    const items = [this.parseValueUnary(field)];
    for (;;) {
      const t = this.peek();
      if (keywordOf(t) === 'AND') {
        this.next();
        items.push(this.parseValueUnary(field));
      } else if (this.startsOperand(t)) items.push(this.parseValueUnary(field));
      else break;
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'and', items };
  }

  private parseValueUnary(field: FieldRef): Expr {
    const t = this.next();
    this.enter(t.column);
    try {
      if (keywordOf(t) === 'NOT') return { kind: 'not', item: this.parseValueUnary(field) };
      if (t.kind === 'lparen') {
        const inner = this.parseValueOr(field);
        this.expect('rparen', t.column, 'missing ")"');
        return inner;
      }
      if (t.kind === 'word' || t.kind === 'phrase') return termFor(field, t, t.column);
      throw syntax(t.column, t.kind === 'eof' ? 'the value list ends where a value was expected' : `unexpected "${t.text}" in a value list`);
    } finally {
      this.depth--;
    }
  }

  /** `[a TO b]`, `{a TO b}` or mixed; `*` leaves a side open. */
  private parseRange(field: FieldRef, column: number): Expr {
    const open = this.next();
    const low = this.rangeValue(field, open.column);
    const to = this.next();
    if (to.kind !== 'word' || to.text.toUpperCase() !== 'TO') throw syntax(to.column, 'expected TO inside the range');
    const high = this.rangeValue(field, to.column);
    const close = this.next();
    if (close.kind !== 'rbracket' && close.kind !== 'rbrace') throw syntax(close.column, 'expected "]" or "}" to close the range');
    const lower: Bound | undefined = low === undefined ? undefined : { value: low, inclusive: open.kind === 'lbracket' };
    const upper: Bound | undefined = high === undefined ? undefined : { value: high, inclusive: close.kind === 'rbracket' };
    if (!lower && !upper) return { kind: 'exists', field, column };
    return { kind: 'range', field, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}), column };
  }

  private rangeValue(field: FieldRef, column: number): string | undefined {
    const t = this.next();
    if (t.kind !== 'word' && t.kind !== 'phrase') throw syntax(t.kind === 'eof' ? column : t.column, 'expected a range bound');
    if (t.kind === 'word' && t.text === '*') return undefined;
    const value = t.kind === 'phrase' ? t.text : t.text.replace(/\\(.)/gs, '$1');
    checkScalar(field, value, t.column);
    return value;
  }
}

/** Parses a KQL/Lucene-style query; errors are coded and carry the column of the mistake. */
export function parseQuery(input: string): Expr {
  return new Parser(tokenize(input)).parse();
}
