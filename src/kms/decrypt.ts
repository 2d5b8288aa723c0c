import { openBlob, parseBlob } from './ciphertext.js';
import type { KmsContext } from './context.js';
import { canonicalContext, type EncryptionContext } from './encryption-context.js';
import { usableKey } from './keys.js';
import { requireVersion, unwrapMaterial } from './versions.js';

export interface Decrypted {
  KeyId: string;
  KeyVersionId: string;
  plaintext: Buffer;
}

/** Decrypts a blob: the blob names its key and version; the key must be enabled. */
export async function decryptBytes(ctx: KmsContext, blob: string, context: EncryptionContext): Promise<Decrypted> {
  const parsed = parseBlob(blob);
  const key = await usableKey(ctx, parsed.header.keyId, 'ENCRYPT/DECRYPT', 'Decrypt');
  const version = await requireVersion(ctx, key.id, parsed.header.keyVersionId);
  const material = await unwrapMaterial(ctx, version);
  try {
    return { KeyId: key.id, KeyVersionId: version.version_id, plaintext: openBlob(parsed, material, canonicalContext(context)) };
  } finally {
    material.fill(0);
  }
}

/** Decrypt: no KeyId needed; returns `Plaintext` as the string that was encrypted. */
export async function decrypt(ctx: KmsContext, input: { CiphertextBlob: string; EncryptionContext: EncryptionContext }): Promise<{ KeyId: string; KeyVersionId: string; Plaintext: string }> {
  const out = await decryptBytes(ctx, input.CiphertextBlob, input.EncryptionContext);
  return { KeyId: out.KeyId, KeyVersionId: out.KeyVersionId, Plaintext: out.plaintext.toString('utf8') };
}
