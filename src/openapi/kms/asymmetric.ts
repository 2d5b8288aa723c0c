import { z } from 'zod';
import { asymmetricDecrypt } from '../../kms/asymmetric-decrypt.js';
import { asymmetricEncrypt } from '../../kms/asymmetric-encrypt.js';
import { asymmetricSign } from '../../kms/asymmetric-sign.js';
import { asymmetricVerify } from '../../kms/asymmetric-verify.js';
import { getPublicKey } from '../../kms/public-key.js';
import { randomPassword } from '../../kms/random-password.js';
import type { AnyActionDef } from '../action.js';
import { booleanParam, keyRef, keyResource, kmsAction, versionId } from './common.js';

const algorithm = z.string().min(1).max(64);
const b64 = z.string().min(1).max(8192);

export const asymmetricActions: AnyActionDef[] = [
  kmsAction('AsymmetricEncrypt', 'Read', z.object({ KeyId: keyRef, KeyVersionId: versionId, Algorithm: algorithm, Plaintext: b64 }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ ...(await asymmetricEncrypt(ctx, i)) })),
  kmsAction('AsymmetricDecrypt', 'Read', z.object({ KeyId: keyRef, KeyVersionId: versionId, Algorithm: algorithm, CiphertextBlob: b64 }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ ...(await asymmetricDecrypt(ctx, i)) })),
  kmsAction('AsymmetricSign', 'Read', z.object({ KeyId: keyRef, KeyVersionId: versionId, Algorithm: algorithm, Digest: b64 }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ ...(await asymmetricSign(ctx, i)) })),
  kmsAction('AsymmetricVerify', 'Read', z.object({ KeyId: keyRef, KeyVersionId: versionId, Algorithm: algorithm, Digest: b64, Value: b64 }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ ...(await asymmetricVerify(ctx, i)) })),
  kmsAction('GetPublicKey', 'Read', z.object({ KeyId: keyRef, KeyVersionId: versionId }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ ...(await getPublicKey(ctx, i)) })),
  kmsAction(
    'GetRandomPassword',
    'Read',
    z.object({
      PasswordLength: z.coerce.number().int().optional(),
      ExcludeCharacters: z.string().max(128).optional(),
      ExcludeLowercase: booleanParam.optional(),
      ExcludeUppercase: booleanParam.optional(),
      ExcludeNumbers: booleanParam.optional(),
      ExcludePunctuation: booleanParam.optional(),
      RequireEachIncludedType: booleanParam.optional(),
    }),
    () => '*',
    async (_ctx, i) => ({
      RandomPassword: randomPassword({
        length: i.PasswordLength,
        excludeCharacters: i.ExcludeCharacters,
        excludeLowercase: i.ExcludeLowercase,
        excludeUppercase: i.ExcludeUppercase,
        excludeNumbers: i.ExcludeNumbers,
        excludePunctuation: i.ExcludePunctuation,
        requireEachIncludedType: i.RequireEachIncludedType,
      }),
    }),
  ),
];
