import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BulwarkError } from './errors.js';

/**
 * Seals small secrets (AccessKey secrets, TOTP seeds) at rest with the server's root key:
 * AES-256-GCM, a fresh 96-bit IV per value, and the purpose bound in as associated data so a sealed
 * value cannot be moved to another column or row. Format: `s1:` + base64(iv ‖ tag ‖ ciphertext).
 */
export interface Sealer {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

const PREFIX = 's1:';

export function createSealer(rootKey: Buffer): Sealer {
  if (rootKey.length !== 32) throw new BulwarkError('InvalidParameter', { field: 'rootKey', reason: 'must be 32 bytes' });
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', rootKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed, context) {
      if (!sealed.startsWith(PREFIX)) throw new BulwarkError('Sealer.Corrupt', { reason: 'unknown format' });
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      if (raw.length < 28) throw new BulwarkError('Sealer.Corrupt', { reason: 'too short' });
      const decipher = createDecipheriv('aes-256-gcm', rootKey, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new BulwarkError('Sealer.Corrupt', { reason: 'authentication failed (wrong root key or modified value)' });
      }
    },
  };
}

/**
 * The root key: `BULWARK_ROOT_KEY` (base64 of 32 bytes) when set, else `<dataDir>/root.key`
 * (created with mode 0600 on first start). Keep a copy: without it sealed secrets are lost.
 */
export function loadRootKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.BULWARK_ROOT_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new BulwarkError('InvalidConfig', { field: 'BULWARK_ROOT_KEY', origin: '', reason: 'expected base64 of 32 random bytes' });
    return key;
  }
  const file = join(dataDir, 'root.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new BulwarkError('InvalidConfig', { field: file, origin: '', reason: 'root key file must hold base64 of 32 bytes' });
    return key;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
