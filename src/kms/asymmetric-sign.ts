import { asymmetricKey, base64Field, privateKeyOf } from './asymmetric-key.js';
import type { KmsContext } from './context.js';
import { signDigest } from './ec-digest.js';
import { rsaSignDigest } from './rsa-digest.js';
import { BulwarkError } from '../core/errors.js';

/** AsymmetricSign: signs a 32-byte `Digest` (SHA-256, or SM3 for SM2DSA); `Value` is the base64 signature (DER for ECDSA/SM2). */
export async function asymmetricSign(ctx: KmsContext, input: { KeyId: string; KeyVersionId: string; Algorithm: string; Digest: string }): Promise<{ KeyId: string; KeyVersionId: string; Value: string }> {
  const k = await asymmetricKey(ctx, input.KeyId, input.KeyVersionId, 'SIGN/VERIFY', 'AsymmetricSign', input.Algorithm);
  const digest = base64Field('Digest', input.Digest, 32);
  if (digest.length !== 32) throw new BulwarkError('InvalidParameter', { field: 'Digest', reason: 'expected a 32-byte digest' });
  const key = await privateKeyOf(ctx, k);
  const sig = input.Algorithm === 'RSA_PSS_SHA_256' || input.Algorithm === 'RSA_PKCS1_SHA_256' ? rsaSignDigest(input.Algorithm, key, digest) : signDigest(k.curve!, key, digest);
  return { KeyId: k.key.id, KeyVersionId: k.versionId, Value: sig.toString('base64') };
}
