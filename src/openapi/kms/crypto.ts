import { z } from 'zod';
import { parseBlob } from '../../kms/ciphertext.js';
import { decrypt } from '../../kms/decrypt.js';
import { encrypt } from '../../kms/encrypt.js';
import { generateDataKey, generateDataKeyWithoutPlaintext } from '../../kms/generate-data-key.js';
import { keyArn } from '../../kms/arn.js';
import { KMS_REGION } from '../../kms/region.js';
import { reEncrypt } from '../../kms/re-encrypt.js';
import type { AnyActionDef } from '../action.js';
import { encryptionContext, keyRef, keyResource, kmsAction } from './common.js';
import type { Caller } from '../../iam/caller.js';

const blob = z.string().min(1).max(65536);
/** Decrypt is authorized on the key the ciphertext names (read from its header before any key is used). */
const blobKey = (ciphertext: string, caller: Caller): string => keyArn(KMS_REGION, caller.accountId, parseBlob(ciphertext).header.keyId);
const dataKeyInput = z.object({ KeyId: keyRef, KeySpec: z.enum(['AES_256', 'AES_128']).optional(), NumberOfBytes: z.coerce.number().int().min(1).max(1024).optional(), EncryptionContext: encryptionContext });

// Encrypt/Decrypt/GenerateDataKey are 'Read' calls: the response (which holds plaintext) is never
// part of the audit record, and `Plaintext` request parameters are redacted by name.
export const cryptoActions: AnyActionDef[] = [
  kmsAction('Encrypt', 'Read', z.object({ KeyId: keyRef, Plaintext: z.string().min(1), EncryptionContext: encryptionContext }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ ...(await encrypt(ctx, i)) })),
  kmsAction('Decrypt', 'Read', z.object({ CiphertextBlob: blob, EncryptionContext: encryptionContext }), (i, c) => blobKey(i.CiphertextBlob, c), async (ctx, i) => ({ ...(await decrypt(ctx, i)) })),
  kmsAction(
    'ReEncrypt',
    'Read',
    z.object({ CiphertextBlob: blob, SourceEncryptionContext: encryptionContext, DestinationKeyId: keyRef, DestinationEncryptionContext: encryptionContext }),
    (i, c) => [blobKey(i.CiphertextBlob, c), keyResource(i.DestinationKeyId, c)],
    async (ctx, i) => ({ ...(await reEncrypt(ctx, i)) }),
  ),
  kmsAction('GenerateDataKey', 'Read', dataKeyInput, (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ ...(await generateDataKey(ctx, i)) })),
  kmsAction('GenerateDataKeyWithoutPlaintext', 'Read', dataKeyInput, (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ ...(await generateDataKeyWithoutPlaintext(ctx, i)) })),
];
