import { BulwarkError } from '../../core/errors.js';
import type { Keyring } from './keyring.js';

/** The pkcs11 keyring from `BULWARK_KMS_PKCS11_*`, or none when not configured. */
export async function openPkcs11FromEnv(env: NodeJS.ProcessEnv): Promise<Keyring | undefined> {
  if (!env.BULWARK_KMS_PKCS11_MODULE) return undefined;
  throw new BulwarkError('Kms.Keyring.Unavailable', { backend: 'pkcs11', reason: 'this build has no PKCS#11 support' });
}
