import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import type { Keyring } from './keyring.js';

const PREFIX = 'f1:';

/** The file keyring: AES-256-GCM under a 256-bit key-encryption key held in memory only. */
export function createFileKeyring(kek: Buffer): Keyring {
  if (kek.length !== 32) throw new BulwarkError('InvalidParameter', { field: 'kek', reason: 'must be 32 bytes' });
  const key = Buffer.from(kek);
  return {
    backend: 'file',
    protectionLevel: 'SOFTWARE',
    async wrap(material, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(material), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async unwrap(wrapped, context) {
      if (!wrapped.startsWith(PREFIX)) throw new BulwarkError('Kms.Keyring.UnwrapFailed', { backend: 'file', reason: 'not wrapped by the file keyring' });
      const raw = Buffer.from(wrapped.slice(PREFIX.length), 'base64');
      if (raw.length < 28) throw new BulwarkError('Kms.Keyring.UnwrapFailed', { backend: 'file', reason: 'too short' });
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      } catch {
        throw new BulwarkError('Kms.Keyring.UnwrapFailed', { backend: 'file', reason: 'authentication failed (other root key, or modified material)' });
      }
    },
    async close() {
      key.fill(0);
    },
  };
}

/**
 * Reads a 256-bit root key file (base64 of 32 bytes, or 32 raw bytes). The file must not be
 * readable by group or others; with `create`, a missing file is generated with mode 0600.
 */
export function kekFromKeyFile(path: string, options: { create?: boolean } = {}): Buffer {
  if (!existsSync(path)) {
    if (!options.create) throw new BulwarkError('Kms.Keyring.Unavailable', { backend: 'file', reason: `root key file ${path} does not exist` });
    const kek = randomBytes(32);
    writeFileSync(path, `${kek.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return kek;
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) throw new BulwarkError('Kms.Keyring.Insecure', { path, reason: `accessible to group or others (mode ${mode.toString(8)})` });
  const raw = readFileSync(path);
  if (raw.length === 32) return raw;
  const decoded = Buffer.from(raw.toString('utf8').trim(), 'base64');
  if (decoded.length !== 32) throw new BulwarkError('Kms.Keyring.Insecure', { path, reason: 'not 32 bytes (raw) or base64 of 32 bytes' });
  return decoded;
}

/** What a passphrase keyring persists: the scrypt salt and parameters and a check value. */
export const passphraseState = z.object({
  v: z.literal(1),
  salt: z.string().min(16),
  N: z.number().int().min(1024),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
  check: z.string().min(1),
});
export type PassphraseState = z.infer<typeof passphraseState>;

const CHECK_CONTEXT = 'bulwark-kms-keyring-check';

function deriveKey(passphrase: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Derives the key-encryption key from a passphrase with scrypt. Without `state` a new salt is drawn
 * and the state to persist is returned; with `state`, a wrong passphrase fails closed with
 * `Kms.Keyring.WrongPassphrase` (the check value does not open).
 */
export async function kekFromPassphrase(passphrase: string, state?: PassphraseState, cost: { N: number; r: number; p: number } = { N: 1 << 15, r: 8, p: 1 }): Promise<{ kek: Buffer; state: PassphraseState }> {
  if (passphrase.length < 8) throw new BulwarkError('InvalidConfig', { field: 'BULWARK_KMS_PASSPHRASE', origin: '', reason: 'must be at least 8 characters' });
  if (state) {
    const kek = await deriveKey(passphrase, Buffer.from(state.salt, 'base64'), state.N, state.r, state.p);
    const ring = createFileKeyring(kek);
    let check: Buffer;
    try {
      check = await ring.unwrap(state.check, CHECK_CONTEXT);
    } catch {
      throw new BulwarkError('Kms.Keyring.WrongPassphrase');
    }
    if (check.length !== CHECK_CONTEXT.length || !timingSafeEqual(check, Buffer.from(CHECK_CONTEXT))) throw new BulwarkError('Kms.Keyring.WrongPassphrase');
    return { kek, state };
  }
  const salt = randomBytes(16);
  const kek = await deriveKey(passphrase, salt, cost.N, cost.r, cost.p);
  const check = await createFileKeyring(kek).wrap(Buffer.from(CHECK_CONTEXT), CHECK_CONTEXT);
  return { kek, state: { v: 1, salt: salt.toString('base64'), ...cost, check } };
}
