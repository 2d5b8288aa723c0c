import { constants, privateDecrypt } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';
import { asymmetricKey, base64Field, privateKeyOf } from './asymmetric-key.js';
import type { KmsContext } from './context.js';

/** AsymmetricDecrypt: RSAES-OAEP; returns `Plaintext` as base64. */
export async function asymmetricDecrypt(ctx: KmsContext, input: { KeyId: string; KeyVersionId: string; Algorithm: string; CiphertextBlob: string }): Promise<{ KeyId: string; KeyVersionId: string; Plaintext: string }> {
  const k = await asymmetricKey(ctx, input.KeyId, input.KeyVersionId, 'ENCRYPT/DECRYPT', 'AsymmetricDecrypt', input.Algorithm);
  const ciphertext = base64Field('CiphertextBlob', input.CiphertextBlob, 512);
  const oaepHash = input.Algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256';
  let plaintext: Buffer;
  try {
    plaintext = privateDecrypt({ key: await privateKeyOf(ctx, k), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, ciphertext);
  } catch {
    throw new BulwarkError('InvalidCiphertext', { reason: 'RSA-OAEP decryption failed' });
  }
  return { KeyId: k.key.id, KeyVersionId: k.versionId, Plaintext: plaintext.toString('base64') };
}
