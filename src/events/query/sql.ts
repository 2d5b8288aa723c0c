import { BulwarkError } from '../../core/errors.js';
import { cidrKeyRange, ipKey } from '../ip-key.js';
import { MESSAGE_FIELD, fieldByName, type FieldDef } from '../schema.js';
import { isLiteral, literalText, type Bound, type Expr, type FieldRef, type Pattern } from './ast.js';

/** A parameterised SQL fragment: values only ever travel in `params`, never in `sql`. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}
export type SqlParam = string | number | boolean;

/** Column identifiers come only from the schema whitelist, and are quoted anyway. */
export function quoteIdent(column: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new BulwarkError('InternalError');
  return `"${column}"`;
}

/** Name of the hidden column holding the sortable key of an ip field. */
export function ipKeyColumn(column: string): string {
  return `${column}__key`;
}

function likePattern(pattern: Pattern): string {
  return pattern.map((p) => (p.kind === 'lit' ? p.text.replace(/[\\%_]/g, (c) => `\\${c}`) : p.kind === 'any' ? '%' : '_')).join('');
}

/** `LIKE ?` plus an ESCAPE clause only when the literal text needed escaping (DuckDB optimises plain patterns). */
function likeClause(pattern: Pattern): string {
  return pattern.some((p) => p.kind === 'lit' && /[\\%_]/.test(p.text)) ? ` ESCAPE '\\'` : '';
}

class Builder {
  readonly params: SqlParam[] = [];

  bind(value: SqlParam): string {
    this.params.push(value);
    return '?';
  }

  /** SQL expression of a field's value (strings for extra keys). */
  valueExpr(field: FieldRef): { expr: string; def: FieldDef | undefined } {
    if (field.kind === 'extra') return { expr: `json_extract_string("extra", ${this.bind(`$."${field.key}"`)})`, def: undefined };
    const def = fieldByName(field.name);
    if (!def) throw new BulwarkError('Events.UnknownField', { field: field.name, column: 0, suggestions: '' });
    return { expr: quoteIdent(def.column), def };
  }

  typedValue(def: FieldDef | undefined, value: string): string {
    switch (def?.type) {
      case 'long':
      case 'double':
        return this.bind(Number(value));
      case 'date':
        return `epoch_ms(CAST(${this.bind(Date.parse(value))} AS BIGINT))`;
      case 'boolean':
        return this.bind(value === 'true');
      default:
        return this.bind(value);
    }
  }

  compile(expr: Expr): string {
    switch (expr.kind) {
      case 'all':
        return 'TRUE';
      case 'and':
        return `(${expr.items.map((e) => this.compile(e)).join(' AND ')})`;
      case 'or':
        return `(${expr.items.map((e) => this.compile(e)).join(' OR ')})`;
      case 'not':
        // NULL (missing field) counts as "does not match", so NOT matches it.
        return `(NOT coalesce(${this.compile(expr.item)}, FALSE))`;
      case 'exists':
        if (expr.field.kind === 'extra') return `(json_extract("extra", ${this.bind(`$."${expr.field.key}"`)}) IS NOT NULL)`;
        return `(${this.valueExpr(expr.field).expr} IS NOT NULL)`;
      case 'term':
        return this.term(expr.field, expr.pattern, expr.caseInsensitive);
      case 'cidr': {
        const { def } = this.valueExpr(expr.field);
        const range = cidrKeyRange(expr.cidr);
        if (!def || def.type !== 'ip' || !range) throw new BulwarkError('Events.InvalidValue', { value: expr.cidr, column: expr.column, field: expr.field.kind === 'schema' ? expr.field.name : expr.field.key, type: def?.type ?? 'keyword', reason: 'CIDR needs an ip field' });
        return `(${quoteIdent(ipKeyColumn(def.column))} BETWEEN ${this.bind(range.low)} AND ${this.bind(range.high)})`;
      }
      case 'range':
        return this.range(expr.field, expr.lower, expr.upper);
      case 'regex': {
        const { expr: value } = this.valueExpr(expr.field);
        return `regexp_matches(${value}, ${this.bind(expr.caseInsensitive ? `(?i)${expr.pattern}` : expr.pattern)})`;
      }
    }
  }

  private term(field: FieldRef | null, pattern: Pattern, caseInsensitive: boolean): string {
    if (field === null) {
      const msg = quoteIdent(MESSAGE_FIELD);
      return `(${msg} ILIKE ${this.bind(`%${likePattern(pattern)}%`)}${likeClause(pattern)})`;
    }
    const { expr, def } = this.valueExpr(field);
    if (def?.type === 'ip' && isLiteral(pattern)) {
      const key = ipKey(literalText(pattern));
      if (key) return `(${quoteIdent(ipKeyColumn(def.column))} = ${this.bind(key)})`;
    }
    // ip patterns (Sigma's `DestinationIp|startswith: '10.'`) match the address as written
    if (def?.type === 'ip') return `(${expr} ${caseInsensitive ? 'ILIKE' : 'LIKE'} ${this.bind(likePattern(pattern))}${likeClause(pattern)})`;
    if (def && def.type !== 'keyword' && def.type !== 'text') return `(${expr} = ${this.typedValue(def, literalText(pattern))})`;
    if (isLiteral(pattern) && !caseInsensitive) return `(${expr} = ${this.bind(literalText(pattern))})`;
    return `(${expr} ${caseInsensitive ? 'ILIKE' : 'LIKE'} ${this.bind(likePattern(pattern))}${likeClause(pattern)})`;
  }

  private range(field: FieldRef, lower: Bound | undefined, upper: Bound | undefined): string {
    const def = field.kind === 'schema' ? fieldByName(field.name) : undefined;
    const numericExtra = !def && [lower, upper].every((b) => b === undefined || /^-?\d+(\.\d+)?$/.test(b.value));
    // the target is rebuilt per bound so each `?` has its own parameter, in order
    const part = (bound: Bound, op: string): string => {
      if (def?.type === 'ip') return `${quoteIdent(ipKeyColumn(def.column))} ${op} ${this.bind(ipKey(bound.value) ?? '')}`;
      const { expr } = this.valueExpr(field);
      if (numericExtra) return `TRY_CAST(${expr} AS DOUBLE) ${op} ${this.bind(Number(bound.value))}`;
      return `${expr} ${op} ${this.typedValue(def, bound.value)}`;
    };
    const parts: string[] = [];
    if (lower) parts.push(part(lower, lower.inclusive ? '>=' : '>'));
    if (upper) parts.push(part(upper, upper.inclusive ? '<=' : '<'));
    return `(${parts.join(' AND ')})`;
  }
}

/** Compiles a query tree to a parameterised DuckDB `WHERE` condition. */
export function compileWhere(expr: Expr): SqlFragment {
  const b = new Builder();
  const sql = b.compile(expr);
  return { sql, params: b.params };
}

/** SQL expression for a schema field (identifier from the whitelist) or an extra key. */
export function fieldExpr(field: FieldRef): SqlFragment {
  const b = new Builder();
  const sql = b.valueExpr(field).expr;
  return { sql, params: b.params };
}
