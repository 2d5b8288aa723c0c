import { asymmetricKey, base64Field, publicKeyOf } from './asymmetric-key.js';
import type { KmsContext } from './context.js';
import { verifyDigest } from './ec-digest.js';
import { rsaVerifyDigest } from './rsa-digest.js';

/** AsymmetricVerify: `Value` in the response is true when the signature matches the digest. */
export async function asymmetricVerify(ctx: KmsContext, input: { KeyId: string; KeyVersionId: string; Algorithm: string; Digest: string; Value: string }): Promise<{ KeyId: string; KeyVersionId: string; Value: boolean }> {
  const k = await asymmetricKey(ctx, input.KeyId, input.KeyVersionId, 'SIGN/VERIFY', 'AsymmetricVerify', input.Algorithm);
  const digest = base64Field('Digest', input.Digest, 64);
  const signature = base64Field('Value', input.Value, 512);
  const key = await publicKeyOf(ctx, k);
  const ok =
    digest.length === 32 &&
    (input.Algorithm === 'RSA_PSS_SHA_256' || input.Algorithm === 'RSA_PKCS1_SHA_256' ? rsaVerifyDigest(input.Algorithm, key, digest, signature) : verifyDigest(k.curve!, key, digest, signature));
  return { KeyId: k.key.id, KeyVersionId: k.versionId, Value: ok };
}
