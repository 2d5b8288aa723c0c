import RE2 from 're2';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BulwarkError } from '../../../core/errors.js';
import { fieldByName } from '../../schema.js';
import { literal, type Expr, type FieldRef, type Pattern, type PatternPart } from '../../query/ast.js';
import { parseCondition, type Condition } from './condition.js';
import { logsourceFilter, mapSigmaField } from './field-map.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const sigmaDoc = z
  .object({
    title: z.string().min(1),
    id: z.string().optional(),
    status: z.string().optional(),
    level: z.string().optional(),
    description: z.string().optional(),
    logsource: z.object({ category: z.string().optional(), product: z.string().optional(), service: z.string().optional() }).passthrough(),
    detection: z.record(z.string(), z.unknown()),
    tags: z.array(z.string()).optional(),
    correlation: z.unknown().optional(),
  })
  .passthrough();

export interface SigmaRule {
  id: string;
  title: string;
  level: string;
  tags: readonly string[];
  /** the whole detection as one query tree, logsource filter included */
  expr: Expr;
}

const LEVEL_SEVERITY: Readonly<Record<string, number>> = { informational: 10, low: 25, medium: 50, high: 75, critical: 100 };
export function severityOf(level: string): number {
  return LEVEL_SEVERITY[level] ?? 50;
}

/** Sigma escapes: `\*` `\?` `\\` are literal; `*` `?` are wildcards. */
function sigmaPattern(value: string): PatternPart[] {
  const parts: PatternPart[] = [];
  let lit = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\' && (value[i + 1] === '*' || value[i + 1] === '?' || value[i + 1] === '\\')) lit += value[++i];
    else if (c === '*' || c === '?') {
      if (lit) parts.push({ kind: 'lit', text: lit });
      lit = '';
      parts.push(c === '*' ? { kind: 'any' } : { kind: 'one' });
    } else lit += c;
  }
  if (lit) parts.push({ kind: 'lit', text: lit });
  return parts;
}

/** Sigma's base64offset: the three encodings of a value at byte offsets 0, 1, 2 with unstable edges removed. */
export function base64Offsets(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  return [0, 1, 2].map((i) => {
    const encoded = Buffer.concat([Buffer.alloc(i), bytes]).toString('base64');
    const start = [0, 2, 3][i] as number;
    const endTrim = [0, 3, 2][(bytes.length + i) % 3] as number;
    return encoded.slice(start, endTrim ? encoded.length - endTrim : encoded.length);
  });
}

const SUPPORTED = new Set(['contains', 'startswith', 'endswith', 'all', 're', 'i', 'm', 's', 'cidr', 'base64', 'base64offset', 'lt', 'lte', 'gt', 'gte', 'exists', 'windash', 'cased']);

class DetectionCompiler {
  constructor(private readonly rule: string) {}

  unsupported(feature: string): BulwarkError {
    return new BulwarkError('Events.SigmaUnsupported', { rule: this.rule, feature });
  }

  invalid(field: string, reason: string): BulwarkError {
    return new BulwarkError('Events.InvalidRule', { rule: this.rule, field, reason });
  }

  selection(name: string, value: unknown): Expr {
    if (Array.isArray(value)) {
      if (value.length === 0) throw this.invalid(`detection.${name}`, 'an empty list');
      if (value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) return or(value.map((m) => this.map(name, m as Record<string, unknown>)));
      if (value.every((v) => scalar.safeParse(v).success)) return or(value.map((v) => this.keyword(v as string | number | boolean | null)));
      throw this.invalid(`detection.${name}`, 'a list mixes maps and values');
    }
    if (typeof value === 'object' && value !== null) return this.map(name, value as Record<string, unknown>);
    if (typeof value === 'string' || typeof value === 'number') return this.keyword(value);
    throw this.invalid(`detection.${name}`, 'expected a map, a list or a value');
  }

  keyword(v: string | number | boolean | null): Expr {
    if (v === null || typeof v === 'boolean') throw this.invalid('detection', 'a keyword must be a string or number');
    // keywords search the message, case-insensitively, anywhere
    return { kind: 'term', field: null, pattern: sigmaPattern(String(v)), caseInsensitive: true, column: 0 };
  }

  map(name: string, m: Record<string, unknown>): Expr {
    const entries = Object.entries(m);
    if (entries.length === 0) throw this.invalid(`detection.${name}`, 'an empty map');
    return and(entries.map(([key, value]) => this.entry(name, key, value)));
  }

  entry(name: string, key: string, value: unknown): Expr {
    const [fieldName = '', ...mods] = key.split('|');
    if (fieldName === '') {
      // `|contains: [...]` without a field: keywords with modifiers
      const values = Array.isArray(value) ? value : [value];
      const exprs = values.map((v) => this.valueExpr(null, this.checkScalar(name, key, v), mods));
      return mods.includes('all') ? and(exprs) : or(exprs);
    }
    for (const m of mods) if (!SUPPORTED.has(m)) throw this.unsupported(`modifier |${m}`);
    const field = mapSigmaField(fieldName);
    if (mods.includes('exists')) {
      const exists: Expr = { kind: 'exists', field, column: 0 };
      return value === true || value === 'true' ? exists : { kind: 'not', item: exists };
    }
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) throw this.invalid(`detection.${name}.${key}`, 'an empty list');
    const exprs = values.map((v) => this.valueExpr(field, this.checkScalar(name, key, v), mods));
    return mods.includes('all') ? and(exprs) : or(exprs);
  }

  checkScalar(name: string, key: string, v: unknown): string | number | boolean | null {
    const r = scalar.safeParse(v);
    if (!r.success) throw this.invalid(`detection.${name}.${key}`, 'values must be strings, numbers, booleans or null');
    return r.data;
  }

  valueExpr(field: FieldRef | null, v: string | number | boolean | null, mods: readonly string[]): Expr {
    if (v === null) {
      if (!field) throw this.invalid('detection', 'null needs a field');
      return { kind: 'not', item: { kind: 'exists', field, column: 0 } };
    }
    const def = field?.kind === 'schema' ? fieldByName(field.name) : undefined;
    const text = String(v);
    const ci = !mods.includes('cased');
    if (mods.includes('re')) {
      if (!field) throw this.unsupported('|re without a field');
      const flags = `${mods.includes('i') ? 'i' : ''}${mods.includes('m') ? 'm' : ''}${mods.includes('s') ? 's' : ''}`;
      try {
        new RE2(text, flags.includes('i') ? 'i' : '');
      } catch {
        throw this.unsupported('|re pattern outside RE2 (look-around or back-references)');
      }
      const inline = flags ? `(?${flags})` : '';
      return { kind: 'regex', field, pattern: `${inline}${text}`, caseInsensitive: false, column: 0 };
    }
    if (mods.includes('cidr')) {
      if (!field || def?.type !== 'ip') throw this.unsupported('|cidr on a field that is not an IP field');
      return { kind: 'cidr', field, cidr: text, column: 0 };
    }
    const cmp = (['lt', 'lte', 'gt', 'gte'] as const).find((m) => mods.includes(m));
    if (cmp) {
      if (!field) throw this.unsupported(`|${cmp} without a field`);
      const bound = { value: text, inclusive: cmp.endsWith('e') };
      return cmp.startsWith('g') ? { kind: 'range', field, lower: bound, column: 0 } : { kind: 'range', field, upper: bound, column: 0 };
    }
    let variants: string[] = [text];
    if (mods.includes('windash')) variants = [...new Set(['-', '/', '\u2013', '\u2014', '\u2015'].map((d) => text.replace(/-/g, d)))];
    let raw = false;
    if (mods.includes('base64offset')) {
      if (!mods.includes('contains')) throw this.unsupported('|base64offset without |contains');
      variants = variants.flatMap(base64Offsets);
      raw = true;
    } else if (mods.includes('base64')) {
      variants = variants.map((x) => Buffer.from(x, 'utf8').toString('base64'));
      raw = true;
    }
    const exprs = variants.map((x): Expr => {
      let pattern: Pattern = raw ? literal(x) : sigmaPattern(x);
      if (mods.includes('contains')) pattern = [{ kind: 'any' }, ...pattern, { kind: 'any' }];
      else if (mods.includes('startswith')) pattern = [...pattern, { kind: 'any' }];
      else if (mods.includes('endswith')) pattern = [{ kind: 'any' }, ...pattern];
      const wild = pattern.some((p) => p.kind !== 'lit');
      if (def && (def.type === 'long' || def.type === 'double' || def.type === 'boolean' || def.type === 'date')) {
        if (wild) throw this.unsupported(`wildcards on the numeric field ${def.name}`);
        if (def.type !== 'boolean' && !/^-?\d+(\.\d+)?$/.test(x)) throw this.invalid('detection', `"${x}" is not a number for ${def.name}`);
      }
      return { kind: 'term', field, pattern, caseInsensitive: ci && !(def && def.type !== 'keyword' && def.type !== 'text' && def.type !== 'ip'), column: 0 };
    });
    return or(exprs);
  }
}

function and(items: Expr[]): Expr {
  return items.length === 1 ? (items[0] as Expr) : { kind: 'and', items };
}
function or(items: Expr[]): Expr {
  return items.length === 1 ? (items[0] as Expr) : { kind: 'or', items };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function conditionExpr(c: Condition, selections: ReadonlyMap<string, Expr>, rule: string): Expr {
  switch (c.kind) {
    case 'ref': {
      const e = selections.get(c.name);
      if (!e) throw new BulwarkError('Events.InvalidRule', { rule, field: 'detection.condition', reason: `"${c.name}" is not a selection` });
      return e;
    }
    case 'of': {
      const names = c.pattern === 'them' ? [...selections.keys()].filter((n) => !n.startsWith('_')) : [...selections.keys()].filter((n) => globToRegExp(c.pattern).test(n));
      if (names.length === 0) throw new BulwarkError('Events.InvalidRule', { rule, field: 'detection.condition', reason: `no selection matches "${c.pattern}"` });
      const items = names.map((n) => selections.get(n) as Expr);
      return c.quantifier === 'all' ? and(items) : or(items);
    }
    case 'and':
    case 'or':
      return { kind: c.kind, items: c.items.map((i) => conditionExpr(i, selections, rule)) };
    case 'not':
      return { kind: 'not', item: conditionExpr(c.item, selections, rule) };
  }
}

/** Parses a Sigma YAML rule and compiles it to a query tree; unsupported features are coded errors. */
export function parseSigmaRule(text: string, source = 'rule'): SigmaRule {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new BulwarkError('Events.InvalidRule', { rule: source, field: '(yaml)', reason: e instanceof Error ? (e.message.split('\n')[0] ?? 'invalid YAML') : 'invalid YAML' });
  }
  const parsed = sigmaDoc.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (typeof doc === 'object' && doc !== null && 'correlation' in doc) throw new BulwarkError('Events.SigmaUnsupported', { rule: source, feature: 'correlation rules' });
    throw new BulwarkError('Events.InvalidRule', { rule: source, field: issue?.path.join('.') || '(root)', reason: issue?.message ?? 'invalid' });
  }
  const r = parsed.data;
  const name = r.id ?? source;
  if (r.correlation !== undefined) throw new BulwarkError('Events.SigmaUnsupported', { rule: name, feature: 'correlation rules' });
  const { condition, timeframe, ...selectionsDoc } = r.detection;
  if (timeframe !== undefined) throw new BulwarkError('Events.SigmaUnsupported', { rule: name, feature: 'timeframe' });
  const conditions = Array.isArray(condition) ? condition : [condition];
  if (conditions.length === 0 || conditions.some((c) => typeof c !== 'string')) throw new BulwarkError('Events.InvalidRule', { rule: name, field: 'detection.condition', reason: 'expected a string' });
  const compiler = new DetectionCompiler(name);
  const selections = new Map<string, Expr>();
  for (const [key, value] of Object.entries(selectionsDoc)) selections.set(key, compiler.selection(key, value));
  const detection = or((conditions as string[]).map((c) => conditionExpr(parseCondition(c, name), selections, name)));
  const filter = logsourceFilter(r.logsource);
  if (!filter) throw new BulwarkError('Events.SigmaUnsupported', { rule: name, feature: `logsource ${JSON.stringify(r.logsource)}` });
  const logsource = filter.map(([f, v]): Expr => ({ kind: 'term', field: { kind: 'schema', name: f }, pattern: literal(v), caseInsensitive: false, column: 0 }));
  return { id: name, title: r.title, level: r.level ?? 'medium', tags: r.tags ?? [], expr: and([...logsource, detection]) };
}
