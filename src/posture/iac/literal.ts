/**
 * Literal evaluation of hcl2json values within one module: `${var.x}` with a literal default,
 * `${local.x}`, `${type.name.attr}` of a literal attribute of another resource, and templates made
 * of those. Everything else (computed attributes, data sources, functions, count/for_each) becomes
 * `Unknown`, which checks never report on.
 */
import { hasUnknown, Unknown } from './resource.js';

/** `jsonencode(<literal HCL value>)` read from the source; evaluated to JSON text when fully known. */
export class JsonEncode {
  constructor(readonly value: unknown) {}
}

export interface ModuleScope {
  variables: ReadonlyMap<string, unknown>;
  locals: ReadonlyMap<string, unknown>;
  /** `type.name` → raw (unevaluated) attributes. */
  resources: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

type Part = { lit: string } | { expr: string };

/** Splits a template into literal text and `${…}` expressions; undefined when it has `%{` directives. */
function splitTemplate(s: string): Part[] | undefined {
  const parts: Part[] = [];
  let lit = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
      lit += `${c}{`;
      i += 3;
    } else if (c === '%' && s[i + 1] === '{') return undefined;
    else if (c === '$' && s[i + 1] === '{') {
      let depth = 1;
      let k = i + 2;
      let quote = false;
      for (; k < s.length && depth > 0; k++) {
        const d = s[k]!;
        if (quote) {
          if (d === '\\') k++;
          else if (d === '"') quote = false;
        } else if (d === '"') quote = true;
        else if (d === '{') depth++;
        else if (d === '}') depth--;
      }
      if (lit) parts.push({ lit });
      lit = '';
      parts.push({ expr: s.slice(i + 2, k - 1).replace(/^~|~$/g, '').trim() });
      i = k;
    } else {
      lit += c;
      i++;
    }
  }
  if (lit) parts.push({ lit });
  return parts;
}

const MAX_DEPTH = 8;

function evalExpr(expr: string, scope: ModuleScope, depth: number): unknown {
  if (depth > MAX_DEPTH) return new Unknown(expr);
  if (expr === 'true') return true;
  if (expr === 'false') return false;
  if (expr === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(expr)) return Number(expr);
  const quoted = /^"([^"\\$%]*)"$/.exec(expr);
  if (quoted) return quoted[1];
  let m = /^var\.([\w-]+)$/.exec(expr);
  if (m) return scope.variables.has(m[1]!) ? evaluate(scope.variables.get(m[1]!), scope, depth + 1) : new Unknown(expr);
  m = /^local\.([\w-]+)$/.exec(expr);
  if (m) return scope.locals.has(m[1]!) ? evaluate(scope.locals.get(m[1]!), scope, depth + 1) : new Unknown(expr);
  m = /^([a-z][a-z0-9]*_\w+)\.([\w-]+)\.([\w-]+)$/.exec(expr);
  if (m) {
    const attrs = scope.resources.get(`${m[1]}.${m[2]}`);
    if (attrs && m[3]! in attrs) return evaluate(attrs[m[3]!], scope, depth + 1);
  }
  return new Unknown(expr);
}

/** Evaluates a value from hcl2json in a module scope. */
export function evaluate(value: unknown, scope: ModuleScope, depth = 0): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{')) return value;
    const parts = splitTemplate(value);
    if (!parts) return new Unknown(value);
    if (parts.length === 1 && 'expr' in parts[0]!) return evalExpr(parts[0].expr, scope, depth);
    let out = '';
    for (const p of parts) {
      if ('lit' in p) out += p.lit;
      else {
        const v = evalExpr(p.expr, scope, depth);
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out += String(v);
        else return new Unknown(value.replace(/^\$\{|\}$/g, ''));
      }
    }
    return out;
  }
  if (value instanceof JsonEncode) {
    const inner = evaluate(value.value, scope, depth);
    return hasUnknown(inner) ? new Unknown('jsonencode(…)') : JSON.stringify(inner);
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope, depth));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluate(v, scope, depth);
    return out;
  }
  return value;
}
