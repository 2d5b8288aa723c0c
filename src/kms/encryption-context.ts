import { BulwarkError } from '../core/errors.js';

export type EncryptionContext = Readonly<Record<string, string>>;

/**
 * Normalises the EncryptionContext parameter: a JSON object string (newer SDKs) or the object the
 * front door rebuilt from `EncryptionContext.k=v` (SDK 1.2.0). Values must be strings.
 */
export function parseEncryptionContext(value: unknown): EncryptionContext {
  if (value === undefined || value === null || value === '') return {};
  let obj: unknown = value;
  if (typeof value === 'string') {
    try {
      obj = JSON.parse(value);
    } catch {
      throw new BulwarkError('InvalidParameter.EncryptionContext', { reason: 'not valid JSON' });
    }
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new BulwarkError('InvalidParameter.EncryptionContext', { reason: 'expected a JSON object' });
  const out: Record<string, string> = {};
  let size = 0;
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'string') throw new BulwarkError('InvalidParameter.EncryptionContext', { reason: `the value of "${k}" is not a string` });
    out[k] = v;
    size += k.length + v.length;
  }
  if (size > 8192) throw new BulwarkError('InvalidParameter.EncryptionContext', { reason: 'larger than 8192 characters' });
  return out;
}

/** Canonical bytes (keys sorted by code point, compact JSON); empty context → no bytes. */
export function canonicalContext(context: EncryptionContext): Buffer {
  const keys = Object.keys(context).sort();
  if (keys.length === 0) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(Object.fromEntries(keys.map((k) => [k, context[k]]))), 'utf8');
}
