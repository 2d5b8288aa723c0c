import { randomBytes } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';
import type { KmsContext } from './context.js';
import { encryptBytes, type Encrypted } from './encrypt.js';
import type { EncryptionContext } from './encryption-context.js';

export interface DataKeyInput {
  KeyId: string;
  KeySpec?: 'AES_256' | 'AES_128' | undefined;
  NumberOfBytes?: number | undefined;
  EncryptionContext: EncryptionContext;
}

function dataKeyBytes(input: DataKeyInput): number {
  if (input.NumberOfBytes !== undefined) {
    if (input.NumberOfBytes < 1 || input.NumberOfBytes > 1024) throw new BulwarkError('InvalidParameter', { field: 'NumberOfBytes', reason: 'must be 1 to 1024' });
    return input.NumberOfBytes;
  }
  return input.KeySpec === 'AES_128' ? 16 : 32;
}

/**
 * GenerateDataKey: a random data key, returned in the clear (`Plaintext`, base64) and encrypted
 * under the key (`CiphertextBlob`; decrypting it gives the same base64 string, as with Alibaba).
 */
export async function generateDataKey(ctx: KmsContext, input: DataKeyInput): Promise<Encrypted & { Plaintext: string }> {
  const key = randomBytes(dataKeyBytes(input));
  const plaintext = key.toString('base64');
  key.fill(0);
  const out = await encryptBytes(ctx, input.KeyId, Buffer.from(plaintext, 'utf8'), input.EncryptionContext);
  return { ...out, Plaintext: plaintext };
}

/** GenerateDataKeyWithoutPlaintext: only the encrypted data key. */
export async function generateDataKeyWithoutPlaintext(ctx: KmsContext, input: DataKeyInput): Promise<Encrypted> {
  const { Plaintext: _dropped, ...out } = await generateDataKey(ctx, input);
  return out;
}
