import { createHash } from 'node:crypto';

/** The hash that precedes the first record of every account's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash(n) = SHA-256(prevHash ‖ "\n" ‖ accountId ‖ "\n" ‖ seq ‖ "\n" ‖ canonical body). */
export function chainHash(prevHash: string, accountId: string, seq: number, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${accountId}\n${seq}\n${body}`).digest('hex');
}
