import type { KmsContext } from './context.js';
import { decryptBytes } from './decrypt.js';
import { encryptBytes, type Encrypted } from './encrypt.js';
import type { EncryptionContext } from './encryption-context.js';

/** ReEncrypt: decrypts under the source key and context and encrypts under the destination; the plaintext never leaves the server. */
export async function reEncrypt(
  ctx: KmsContext,
  input: { CiphertextBlob: string; SourceEncryptionContext: EncryptionContext; DestinationKeyId: string; DestinationEncryptionContext: EncryptionContext },
): Promise<Encrypted & { SourceKeyId: string; SourceKeyVersionId: string }> {
  const source = await decryptBytes(ctx, input.CiphertextBlob, input.SourceEncryptionContext);
  try {
    const out = await encryptBytes(ctx, input.DestinationKeyId, source.plaintext, input.DestinationEncryptionContext);
    return { ...out, SourceKeyId: source.KeyId, SourceKeyVersionId: source.KeyVersionId };
  } finally {
    source.plaintext.fill(0);
  }
}
