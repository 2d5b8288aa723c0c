import { BulwarkError } from '../core/errors.js';
import type { KmsContext } from './context.js';
import { findKey } from './keys.js';
import { requireVersion } from './versions.js';

/** GetPublicKey: the SPKI PEM of an asymmetric key version (allowed while the key is enabled). */
export async function getPublicKey(ctx: KmsContext, input: { KeyId: string; KeyVersionId: string }): Promise<{ KeyId: string; KeyVersionId: string; PublicKey: string }> {
  const key = await findKey(ctx, input.KeyId);
  if (key.state === 'Disabled') throw new BulwarkError('Rejected.Disabled', { keyId: key.id });
  if (key.state === 'PendingDeletion') throw new BulwarkError('Rejected.PendingDeletion', { resource: 'key', name: key.id });
  const version = await requireVersion(ctx, key.id, input.KeyVersionId);
  if (!version.public_key) throw new BulwarkError('Rejected.IncorrectKeySpec', { operation: 'GetPublicKey', keySpec: key.key_spec });
  return { KeyId: key.id, KeyVersionId: version.version_id, PublicKey: version.public_key };
}
