import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type * as Pkcs11Types from 'pkcs11js';
import { BulwarkError } from '../../core/errors.js';
import type { Keyring } from './keyring.js';

/** `BULWARK_KMS_PKCS11_*`: the module, the token (by label), the user PIN and the wrapping key's label. */
export const pkcs11Env = z.object({
  BULWARK_KMS_PKCS11_MODULE: z.string().min(1),
  BULWARK_KMS_PKCS11_TOKEN_LABEL: z.string().min(1).max(32),
  BULWARK_KMS_PKCS11_PIN: z.string().min(1),
  BULWARK_KMS_PKCS11_KEY_LABEL: z.string().min(1).max(64).default('bulwark-kms-root'),
});

export interface Pkcs11Config {
  module: string;
  tokenLabel: string;
  pin: string;
  keyLabel: string;
}

export function pkcs11Config(env: NodeJS.ProcessEnv): Pkcs11Config {
  const parsed = pkcs11Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('InvalidConfig', { field: issue.path.join('.'), origin: ' (environment)', reason: issue.message });
  }
  const e = parsed.data;
  return { module: e.BULWARK_KMS_PKCS11_MODULE, tokenLabel: e.BULWARK_KMS_PKCS11_TOKEN_LABEL, pin: e.BULWARK_KMS_PKCS11_PIN, keyLabel: e.BULWARK_KMS_PKCS11_KEY_LABEL };
}

const PREFIX = 'p1:';

function unavailable(reason: string): BulwarkError {
  return new BulwarkError('Kms.Keyring.Unavailable', { backend: 'pkcs11', reason });
}

/**
 * The pkcs11 keyring: material is wrapped with AES-256-GCM *inside the HSM* by a token key that is
 * sensitive and not extractable (created on first start when the label is not found). The context is
 * the GCM associated data. Format: `p1:` + base64(iv(12) ‖ ciphertext ‖ tag(16)).
 */
export async function openPkcs11Keyring(config: Pkcs11Config): Promise<Keyring> {
  let lib: typeof Pkcs11Types;
  try {
    const mod = (await import('pkcs11js')) as typeof Pkcs11Types & { default?: typeof Pkcs11Types };
    lib = mod.default ?? mod;
  } catch (e) {
    throw unavailable(`the pkcs11js module cannot be loaded: ${e instanceof Error ? e.message : String(e)}`);
  }
  const p11 = new lib.PKCS11();
  try {
    p11.load(config.module);
  } catch (e) {
    throw unavailable(`cannot load ${config.module}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let session: Pkcs11Types.Handle | undefined;
  try {
    p11.C_Initialize();
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === config.tokenLabel);
    if (!slot) throw unavailable(`no initialised token labelled "${config.tokenLabel}"`);
    session = p11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
    try {
      p11.C_Login(session, lib.CKU_USER, config.pin);
    } catch {
      throw unavailable(`login to token "${config.tokenLabel}" failed (wrong PIN?)`);
    }
    p11.C_FindObjectsInit(session, [
      { type: lib.CKA_CLASS, value: lib.CKO_SECRET_KEY },
      { type: lib.CKA_LABEL, value: config.keyLabel },
    ]);
    let key = p11.C_FindObjects(session);
    p11.C_FindObjectsFinal(session);
    if (!key) {
      key = p11.C_GenerateKey(session, { mechanism: lib.CKM_AES_KEY_GEN }, [
        { type: lib.CKA_CLASS, value: lib.CKO_SECRET_KEY },
        { type: lib.CKA_KEY_TYPE, value: lib.CKK_AES },
        { type: lib.CKA_VALUE_LEN, value: 32 },
        { type: lib.CKA_LABEL, value: config.keyLabel },
        { type: lib.CKA_TOKEN, value: true },
        { type: lib.CKA_PRIVATE, value: true },
        { type: lib.CKA_SENSITIVE, value: true },
        { type: lib.CKA_EXTRACTABLE, value: false },
        { type: lib.CKA_ENCRYPT, value: true },
        { type: lib.CKA_DECRYPT, value: true },
      ]);
    }
    const wrappingKey = key;
    const s = session;
    const gcm = (iv: Buffer, aad: Buffer): Pkcs11Types.Mechanism => ({ mechanism: lib.CKM_AES_GCM, parameter: { type: lib.CK_PARAMS_AES_GCM, iv, aad, ivBits: 96, tagBits: 128 } as Pkcs11Types.AesGCM });
    let closed = false;
    return {
      backend: 'pkcs11',
      protectionLevel: 'HSM',
      async wrap(material, context) {
        if (closed) throw unavailable('closed');
        const iv = randomBytes(12);
        p11.C_EncryptInit(s, gcm(iv, Buffer.from(context, 'utf8')), wrappingKey);
        const out = p11.C_Encrypt(s, material, Buffer.alloc(material.length + 16));
        return PREFIX + Buffer.concat([iv, out]).toString('base64');
      },
      async unwrap(wrapped, context) {
        if (closed) throw unavailable('closed');
        if (!wrapped.startsWith(PREFIX)) throw new BulwarkError('Kms.Keyring.UnwrapFailed', { backend: 'pkcs11', reason: 'not wrapped by the pkcs11 keyring' });
        const raw = Buffer.from(wrapped.slice(PREFIX.length), 'base64');
        if (raw.length < 28) throw new BulwarkError('Kms.Keyring.UnwrapFailed', { backend: 'pkcs11', reason: 'too short' });
        try {
          p11.C_DecryptInit(s, gcm(raw.subarray(0, 12), Buffer.from(context, 'utf8')), wrappingKey);
          return Buffer.from(p11.C_Decrypt(s, raw.subarray(12), Buffer.alloc(raw.length - 12)));
        } catch {
          throw new BulwarkError('Kms.Keyring.UnwrapFailed', { backend: 'pkcs11', reason: 'authentication failed in the HSM (other wrapping key, context or modified material)' });
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        try {
          p11.C_Logout(s);
          p11.C_CloseSession(s);
        } finally {
          p11.C_Finalize();
          p11.close();
        }
      },
    };
  } catch (e) {
    try {
      if (session !== undefined) p11.C_CloseSession(session);
      p11.C_Finalize();
      p11.close();
    } catch {
      /* already failing */
    }
    if (e instanceof BulwarkError) throw e;
    throw unavailable(e instanceof Error ? e.message : String(e));
  }
}
