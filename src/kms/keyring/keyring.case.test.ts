import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { createFileKeyring, kekFromKeyFile, kekFromPassphrase } from './file.js';
import type { Keyring } from './keyring.js';
import { pkcs11Backends } from './pkcs11-test-support.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-keyring-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every backend: a name, how to open it (twice, to prove material survives a restart), and its protection level. */
interface Backend {
  name: string;
  protectionLevel: 'SOFTWARE' | 'HSM';
  open(): Promise<Keyring>;
}

const keyFile = join(dir, 'kms-root.key');
const fileKek = kekFromKeyFile(keyFile, { create: true });
const cheapScrypt = { N: 1024, r: 8, p: 1 };
const passphraseState = (await kekFromPassphrase('correct horse battery', undefined, cheapScrypt)).state;

const backends: Backend[] = [
  { name: 'file (root key file)', protectionLevel: 'SOFTWARE', open: async () => createFileKeyring(kekFromKeyFile(keyFile)) },
  { name: 'file (passphrase)', protectionLevel: 'SOFTWARE', open: async () => createFileKeyring((await kekFromPassphrase('correct horse battery', passphraseState)).kek) },
  ...(await pkcs11Backends(dir)),
];

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof BulwarkError ? e.code : String(e);
  }
  return 'no error';
}

describe.each(backends)('keyring conformance: $name', (backend) => {
  it('wraps and unwraps material, bound to its context, across a re-open', async () => {
    const ring = await backend.open();
    expect(ring.protectionLevel).toBe(backend.protectionLevel);
    const material = randomBytes(32);
    const wrapped = await ring.wrap(material, 'key/a/version/1');
    expect(wrapped).not.toContain(material.toString('base64'));
    expect(Buffer.from(wrapped.slice(3), 'base64').includes(material)).toBe(false);
    expect(await ring.unwrap(wrapped, 'key/a/version/1')).toEqual(material);
    // Two wraps of the same material differ (fresh IVs).
    expect(await ring.wrap(material, 'key/a/version/1')).not.toBe(wrapped);
    await ring.close();
    const again = await backend.open();
    expect(await again.unwrap(wrapped, 'key/a/version/1')).toEqual(material);
    await again.close();
  });

  it('refuses another context, modified material and foreign formats', async () => {
    const ring = await backend.open();
    const wrapped = await ring.wrap(randomBytes(48), 'ctx-1');
    expect(await codeOf(ring.unwrap(wrapped, 'ctx-2'))).toBe('Kms.Keyring.UnwrapFailed');
    const raw = Buffer.from(wrapped.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(await codeOf(ring.unwrap(wrapped.slice(0, 3) + raw.toString('base64'), 'ctx-1'))).toBe('Kms.Keyring.UnwrapFailed');
    expect(await codeOf(ring.unwrap('zz:AAAA', 'ctx-1'))).toBe('Kms.Keyring.UnwrapFailed');
    await ring.close();
  });

  it('wraps material of every size KMS stores (16 bytes to an RSA-3072 PKCS#8 key)', async () => {
    const ring = await backend.open();
    for (const size of [16, 24, 32, 1900]) {
      const m = randomBytes(size);
      expect(await ring.unwrap(await ring.wrap(m, `s${size}`), `s${size}`)).toEqual(m);
    }
    await ring.close();
  });
});

describe('file keyring sources', () => {
  it('a root key file readable by others is refused', () => {
    const loose = join(dir, 'loose.key');
    writeFileSync(loose, randomBytes(32).toString('base64'));
    chmodSync(loose, 0o644);
    expect(() => kekFromKeyFile(loose)).toThrow(expect.objectContaining({ code: 'Kms.Keyring.Insecure' }));
    expect(() => kekFromKeyFile(join(dir, 'missing.key'))).toThrow(expect.objectContaining({ code: 'Kms.Keyring.Unavailable' }));
    expect(fileKek).toHaveLength(32);
  });

  it('a wrong passphrase fails closed', async () => {
    expect(await codeOf(kekFromPassphrase('wrong horse battery', passphraseState))).toBe('Kms.Keyring.WrongPassphrase');
    expect(await codeOf(kekFromPassphrase('short', undefined))).toBe('InvalidConfig');
  });
});
