import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Keyring } from './keyring.js';
import { openPkcs11Keyring } from './pkcs11.js';

const MODULES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so'];

/** A SoftHSM2 module path, when SoftHSM2 is installed (`apt-get install softhsm2`). */
export function softhsmModule(): string | undefined {
  return MODULES.find((m) => existsSync(m));
}

/**
 * Creates a fresh SoftHSM2 token in `dir` (its own SOFTHSM2_CONF, so no system state is touched)
 * and returns the env for the pkcs11 keyring.
 */
export function freshSoftHsmToken(dir: string, label = 'bulwark-test'): Record<string, string> | undefined {
  const module = softhsmModule();
  if (!module) return undefined;
  const tokens = join(dir, 'softhsm-tokens');
  mkdirSync(tokens, { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '5678-so', '--pin', '1234-user'], { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: 'ignore' });
  return { BULWARK_KMS_PKCS11_MODULE: module, BULWARK_KMS_PKCS11_TOKEN_LABEL: label, BULWARK_KMS_PKCS11_PIN: '1234-user', SOFTHSM2_CONF: conf };
}

/** The pkcs11 backends of the keyring conformance suite: SoftHSM2 when installed, else none (with a notice). */
export async function pkcs11Backends(dir: string): Promise<{ name: string; protectionLevel: 'SOFTWARE' | 'HSM'; open(): Promise<Keyring> }[]> {
  const env = freshSoftHsmToken(dir);
  if (!env) {
    console.log('notice: SoftHSM2 is not installed (apt-get install softhsm2); the pkcs11 keyring conformance suite is skipped');
    return [];
  }
  const config = { module: env.BULWARK_KMS_PKCS11_MODULE!, tokenLabel: env.BULWARK_KMS_PKCS11_TOKEN_LABEL!, pin: env.BULWARK_KMS_PKCS11_PIN!, keyLabel: 'bulwark-kms-root' };
  return [{ name: 'pkcs11 (SoftHSM2)', protectionLevel: 'HSM', open: () => openPkcs11Keyring(config) }];
}
