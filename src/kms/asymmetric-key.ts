import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';
import type { KmsContext } from './context.js';
import { keySpec, type KeyUsage } from './key-specs.js';
import { usableKey, type KeyRow } from './keys.js';
import { requireVersion, unwrapMaterial } from './versions.js';

/** Which algorithms each family of asymmetric key supports, per usage. */
const ALGORITHMS: Record<string, { encrypt: readonly string[]; sign: readonly string[] }> = {
  rsa: { encrypt: ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'], sign: ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256'] },
  ec: { encrypt: [], sign: ['ECDSA_SHA_256'] },
  sm2: { encrypt: [], sign: ['SM2DSA'] },
};

function family(row: KeyRow): 'rsa' | 'ec' | 'sm2' | 'symmetric' {
  const spec = keySpec(row.key_spec);
  if (spec.kind === 'ec') return row.key_spec === 'EC_SM2' ? 'sm2' : 'ec';
  return spec.kind;
}

export interface AsymmetricKey {
  key: KeyRow;
  versionId: string;
  curve: string | undefined;
}

/** An enabled asymmetric key version usable for `usage` with `algorithm`. */
export async function asymmetricKey(ctx: KmsContext, keyRef: string, versionId: string, usage: KeyUsage, operation: string, algorithm: string): Promise<AsymmetricKey> {
  const key = await usableKey(ctx, keyRef, usage, operation);
  const fam = family(key);
  if (fam === 'symmetric') throw new BulwarkError('Rejected.IncorrectKeySpec', { operation, keySpec: key.key_spec });
  const allowed = ALGORITHMS[fam]![usage === 'SIGN/VERIFY' ? 'sign' : 'encrypt'];
  if (!allowed.includes(algorithm)) throw new BulwarkError('InvalidParameter.Algorithm', { algorithm, keySpec: key.key_spec });
  await requireVersion(ctx, key.id, versionId);
  return { key, versionId, curve: keySpec(key.key_spec).curve };
}

/** The private key of a version; material is unwrapped for this call only. */
export async function privateKeyOf(ctx: KmsContext, k: AsymmetricKey): Promise<KeyObject> {
  const material = await unwrapMaterial(ctx, await requireVersion(ctx, k.key.id, k.versionId));
  try {
    return createPrivateKey({ key: material, format: 'der', type: 'pkcs8' });
  } finally {
    material.fill(0);
  }
}

export async function publicKeyOf(ctx: KmsContext, k: AsymmetricKey): Promise<KeyObject> {
  const version = await requireVersion(ctx, k.key.id, k.versionId);
  return createPublicKey(version.public_key!);
}

/** Base64 input fields of the asymmetric actions. */
export function base64Field(field: string, value: string, maxBytes: number): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw new BulwarkError('InvalidParameter', { field, reason: 'expected base64' });
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length === 0 || bytes.length > maxBytes) throw new BulwarkError('InvalidParameter', { field, reason: `expected 1 to ${maxBytes} bytes` });
  return bytes;
}
