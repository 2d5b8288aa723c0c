import { constants, publicEncrypt } from 'node:crypto';
import { asymmetricKey, base64Field, publicKeyOf } from './asymmetric-key.js';
import type { KmsContext } from './context.js';

export interface AsymmetricEncryptInput {
  KeyId: string;
  KeyVersionId: string;
  Algorithm: string;
  Plaintext: string;
}

/** AsymmetricEncrypt: RSAES-OAEP with SHA-256 or SHA-1 (MGF1 with the same hash); `Plaintext` is base64. */
export async function asymmetricEncrypt(ctx: KmsContext, input: AsymmetricEncryptInput): Promise<{ KeyId: string; KeyVersionId: string; CiphertextBlob: string }> {
  const k = await asymmetricKey(ctx, input.KeyId, input.KeyVersionId, 'ENCRYPT/DECRYPT', 'AsymmetricEncrypt', input.Algorithm);
  const plaintext = base64Field('Plaintext', input.Plaintext, 446);
  const oaepHash = input.Algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256';
  const ciphertext = publicEncrypt({ key: await publicKeyOf(ctx, k), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, plaintext);
  return { KeyId: k.key.id, KeyVersionId: k.versionId, CiphertextBlob: ciphertext.toString('base64') };
}
