import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { EventRecord, FieldValue } from './event.js';
import { EXTRA_FIELD, FIELDS, TIMESTAMP_FIELD, type FieldDef, type FieldType } from './schema.js';

/** Largest accepted length of one string value and of one serialised `extra` map. */
export const MAX_VALUE_LENGTH = 32 * 1024;
export const MAX_EXTRA_BYTES = 64 * 1024;

export interface EventProblem {
  /** position of the event in its batch */
  index: number;
  field: string;
  reason: string;
}

export type NormalizeResult = { ok: true; event: EventRecord } | { ok: false; problem: EventProblem };

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const integerString = /^-?\d{1,16}$/;
const numberString = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const VALUE_SCHEMAS: Record<FieldType, z.ZodType<FieldValue>> = {
  keyword: scalar.transform(String).pipe(z.string().max(MAX_VALUE_LENGTH)),
  text: scalar.transform(String).pipe(z.string().max(MAX_VALUE_LENGTH)),
  long: z.union([z.number(), z.string().regex(integerString, 'expected an integer').transform(Number)]).pipe(z.number().int('expected an integer').refine(Number.isSafeInteger, 'integer out of range')),
  double: z.union([z.number(), z.string().regex(numberString, 'expected a number').transform(Number)]).pipe(z.number().refine(Number.isFinite, 'expected a finite number')),
  date: z.union([z.number().int().nonnegative(), z.string().min(1)]).transform((v, ctx) => {
    const ms = typeof v === 'number' ? v : Date.parse(v);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date or epoch milliseconds' });
      return z.NEVER;
    }
    return ms;
  }),
  ip: z.string().refine((v) => isIP(v) !== 0, 'expected an IPv4 or IPv6 address').transform((v) => v.toLowerCase()),
  boolean: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
};

/**
 * The common, already well-typed values accepted without going through zod (ingest is hot); any
 * other value — coercions and every error — takes the zod schema above, so results are identical.
 */
function fastValue(type: FieldType, raw: unknown): FieldValue | undefined {
  switch (type) {
    case 'keyword':
    case 'text':
      return typeof raw === 'string' && raw.length <= MAX_VALUE_LENGTH ? raw : undefined;
    case 'long':
      return typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : undefined;
    case 'double':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'ip':
      return typeof raw === 'string' && isIP(raw) !== 0 ? raw.toLowerCase() : undefined;
    case 'date': {
      if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 ? raw : undefined;
      if (typeof raw !== 'string' || raw === '') return undefined;
      const ms = Date.parse(raw);
      return Number.isFinite(ms) ? ms : undefined;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema's names as a tree of their dotted segments, so nesting is followed without building names. */
interface SchemaNode {
  def: FieldDef | undefined;
  readonly children: Map<string, SchemaNode>;
}
const ROOT: SchemaNode = { def: undefined, children: new Map() };
for (const f of FIELDS) {
  let node = ROOT;
  for (const part of f.name.split('.')) {
    let next = node.children.get(part);
    if (!next) node.children.set(part, (next = { def: undefined, children: new Map() }));
    node = next;
  }
  node.def = f;
}

/** The node of `key` under `node`; a key may itself be dotted (`{"source.geo": {…}}`). */
function childOf(node: SchemaNode, key: string): SchemaNode | undefined {
  if (!key.includes('.')) return node.children.get(key);
  let at: SchemaNode | undefined = node;
  for (const part of key.split('.')) {
    at = at.children.get(part);
    if (!at) return undefined;
  }
  return at;
}

/**
 * Nested objects become dotted names; schema names are typed, the rest goes to `extra`. `node` is the
 * schema subtree under `prefix` (undefined when no schema name starts with it).
 */
function flatten(input: Record<string, unknown>, prefix: string, node: SchemaNode | undefined, typed: Map<FieldDef, unknown>, extra: Record<string, unknown>, inExtra: boolean): void {
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (!prefix && !inExtra && key === EXTRA_FIELD && isPlainObject(value)) {
      flatten(value, '', undefined, typed, extra, true);
      continue;
    }
    const child = inExtra || !node ? undefined : childOf(node, key);
    if (child?.def) typed.set(child.def, value);
    else if (isPlainObject(value)) {
      const name = prefix ? `${prefix}.${key}` : key;
      flatten(value, name, name === '' && !inExtra ? ROOT : child, typed, extra, inExtra);
    } else extra[prefix ? `${prefix}.${key}` : key] = value;
  }
}

/**
 * Validates and normalises one producer event (nested ECS JSON or dotted names). A bad event is a
 * problem naming the field; it never throws.
 */
export function normalizeEvent(input: unknown, index: number, now: number): NormalizeResult {
  // the shape check is the zod record schema's, done by hand on the hot path (no copy of the event)
  if (!isPlainObject(input)) return { ok: false, problem: { index, field: '', reason: 'an event must be a JSON object' } };
  const parsed = { data: input };
  const typed = new Map<FieldDef, unknown>();
  const extra: Record<string, unknown> = {};
  flatten(parsed.data, '', ROOT, typed, extra, false);
  const fields: Record<string, FieldValue> = {};
  let timestamp = now;
  for (const [def, raw] of typed) {
    if (raw === null || raw === undefined) continue;
    const name = def.name;
    const fast = fastValue(def.type, raw);
    if (fast !== undefined) {
      if (name === TIMESTAMP_FIELD) timestamp = fast as number;
      else fields[name] = fast;
      continue;
    }
    const result = VALUE_SCHEMAS[def.type].safeParse(raw);
    if (!result.success) return { ok: false, problem: { index, field: name, reason: result.error.issues[0]?.message ?? 'invalid value' } };
    if (name === TIMESTAMP_FIELD) timestamp = result.data as number;
    else fields[name] = result.data;
  }
  if (Object.keys(extra).length > 0 && Buffer.byteLength(JSON.stringify(extra)) > MAX_EXTRA_BYTES) {
    return { ok: false, problem: { index, field: EXTRA_FIELD, reason: `fields outside the schema exceed ${MAX_EXTRA_BYTES} bytes` } };
  }
  const id = typeof fields['event.id'] === 'string' && fields['event.id'] !== '' ? fields['event.id'] : randomUUID();
  fields['event.id'] = id;
  return { ok: true, event: { id, timestamp, fields, extra } };
}
