import { createHash } from 'node:crypto';

/** The hash that precedes the first record of every account's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** `"key":` by key: record keys repeat (field names, parameter names), quoting them is half the work. */
const quotedKeys = new Map<string, string>();
/** Bound on the cache: parameter names come from callers, so only the first few thousand are kept. */
const MAX_QUOTED_KEYS = 4096;

function quotedKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = `${JSON.stringify(k)}:`;
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(k, q);
  }
  return q;
}

/**
 * JSON with object keys sorted at every level (UTF-16 code unit order), so the same event always
 * hashes the same; `undefined` members are left out, `undefined` in arrays is `null`. Built in one
 * pass with string concatenation (it runs for every audit record); quoted keys are cached.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      out += canonicalJson(v === undefined ? null : v);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += quotedKey(k) + canonicalJson(v);
  }
  return `${out}}`;
}

/** hash(n) = SHA-256(prevHash ‖ "\n" ‖ accountId ‖ "\n" ‖ seq ‖ "\n" ‖ canonical body). */
export function chainHash(prevHash: string, accountId: string, seq: number, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${accountId}\n${seq}\n${body}`).digest('hex');
}
