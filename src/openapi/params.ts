import type { z } from 'zod';
import { BulwarkError } from '../core/errors.js';

/** Parameters that belong to the signature or transport, not to the action's input. */
export const PROTOCOL_PARAMS = new Set([
  'Action',
  'Version',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'Format',
  'RegionId',
  'SecurityToken',
  'BearerToken',
]);

export function actionParams(params: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => !PROTOCOL_PARAMS.has(k)));
}

/**
 * Turns flattened RPC parameters (`Tag.1.Key=a`, `Tag.1.Value=b`, `Keys.1=x`) into nested values:
 * numeric segments become arrays (1-based, in order), others objects.
 */
export function unflatten(params: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const parts = key.split('.');
    let node: Record<string, unknown> = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const next = node[part];
      if (typeof next !== 'object' || next === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  const toArrays = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
      return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => toArrays(v));
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, toArrays(v)]));
  };
  return toArrays(root) as Record<string, unknown>;
}

/** Validates action input; the first problem becomes MissingParameter or InvalidParameter naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, params: Readonly<Record<string, string>>): z.output<S> {
  return validateInput(schema, unflatten(actionParams(params)));
}

/** Validates already-structured action input (the console's JSON), with the same coded errors. */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(input)';
  if (issue.code === 'invalid_type' && issue.input === undefined) throw new BulwarkError('MissingParameter', { field });
  throw new BulwarkError('InvalidParameter', { field, reason: issue.message });
}
