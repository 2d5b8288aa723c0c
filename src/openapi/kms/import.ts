import { z } from 'zod';
import { deleteKeyMaterial, getParametersForImport, importKeyMaterial } from '../../kms/key-import.js';
import type { AnyActionDef } from '../action.js';
import { keyRef, keyResource, kmsAction } from './common.js';

/** Key material import for keys created with Origin=EXTERNAL (RSA-OAEP wrapped, as Alibaba documents). */
export const importActions: AnyActionDef[] = [
  kmsAction(
    'GetParametersForImport',
    'Read',
    z.object({ KeyId: keyRef, WrappingAlgorithm: z.string().min(1).max(64), WrappingKeySpec: z.string().min(1).max(64) }),
    (i, c) => keyResource(i.KeyId, c),
    async (ctx, i) => ({ ...(await getParametersForImport(ctx, i)) }),
  ),
  kmsAction(
    'ImportKeyMaterial',
    'Write',
    z.object({
      KeyId: keyRef,
      EncryptedKeyMaterial: z.string().min(1).max(4096).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64'),
      ImportToken: z.string().min(1).max(16384),
      KeyMaterialExpireUnix: z.coerce.number().int().min(0).default(0),
    }),
    (i, c) => keyResource(i.KeyId, c),
    async (ctx, i) => {
      await importKeyMaterial(ctx, i);
      return {};
    },
  ),
  kmsAction('DeleteKeyMaterial', 'Write', z.object({ KeyId: keyRef }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    await deleteKeyMaterial(ctx, i);
    return {};
  }),
];
