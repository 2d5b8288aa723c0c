import type { Keyring } from './keyring.js';

/** The pkcs11 backends of the conformance suite: none until SoftHSM2 support lands. */
export async function pkcs11Backends(_dir: string): Promise<{ name: string; protectionLevel: 'SOFTWARE' | 'HSM'; open(): Promise<Keyring> }[]> {
  return [];
}
