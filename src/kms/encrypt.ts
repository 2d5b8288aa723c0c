import { BulwarkError } from '../core/errors.js';
import { algorithmForKeySpec, sealBlob } from './ciphertext.js';
import type { KmsContext } from './context.js';
import { canonicalContext, type EncryptionContext } from './encryption-context.js';
import { usableKey } from './keys.js';
import { requireVersion, unwrapMaterial } from './versions.js';

/** Largest plaintext Encrypt accepts, as Alibaba documents (6 KB). */
export const MAX_PLAINTEXT_BYTES = 6144;

export interface Encrypted {
  KeyId: string;
  KeyVersionId: string;
  CiphertextBlob: string;
}

/** Encrypts bytes with the primary version of a symmetric key; the context is authenticated, not stored. */
export async function encryptBytes(ctx: KmsContext, keyRef: string, plaintext: Buffer, context: EncryptionContext): Promise<Encrypted> {
  const key = await usableKey(ctx, keyRef, 'ENCRYPT/DECRYPT', 'Encrypt');
  const algorithm = algorithmForKeySpec(key.key_spec);
  const version = await requireVersion(ctx, key.id, key.primary_version_id);
  const material = await unwrapMaterial(ctx, version);
  try {
    return { KeyId: key.id, KeyVersionId: version.version_id, CiphertextBlob: sealBlob(algorithm, material, key.id, version.version_id, plaintext, canonicalContext(context)) };
  } finally {
    material.fill(0);
  }
}

/** Encrypt: `Plaintext` is taken as the UTF-8 string it is (clients usually send base64) and given back by Decrypt. */
export async function encrypt(ctx: KmsContext, input: { KeyId: string; Plaintext: string; EncryptionContext: EncryptionContext }): Promise<Encrypted> {
  const bytes = Buffer.from(input.Plaintext, 'utf8');
  if (bytes.length === 0) throw new BulwarkError('InvalidParameter.Plaintext', { reason: 'empty' });
  if (bytes.length > MAX_PLAINTEXT_BYTES) throw new BulwarkError('InvalidParameter.Plaintext', { reason: `larger than ${MAX_PLAINTEXT_BYTES} bytes; use GenerateDataKey and envelope encryption` });
  return encryptBytes(ctx, input.KeyId, bytes, input.EncryptionContext);
}
