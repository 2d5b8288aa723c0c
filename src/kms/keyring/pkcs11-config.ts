import type { Keyring } from './keyring.js';

/** The pkcs11 keyring from `BULWARK_KMS_PKCS11_*`, or none when not configured. */
export async function openPkcs11FromEnv(env: NodeJS.ProcessEnv): Promise<Keyring | undefined> {
  if (!env.BULWARK_KMS_PKCS11_MODULE) return undefined;
  const { openPkcs11Keyring, pkcs11Config } = await import('./pkcs11.js');
  return openPkcs11Keyring(pkcs11Config(env));
}
