import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KmsClient } from '../../kms/client.js';
import { freshSoftHsmToken } from '../../kms/keyring/pkcs11-test-support.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-kms-hsm-'));
const env = freshSoftHsmToken(dir);
if (!env) console.log('notice: SoftHSM2 is not installed (apt-get install softhsm2); the ProtectionLevel=HSM test is skipped');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!env)('ProtectionLevel=HSM keys on the pkcs11 keyring (SoftHSM2)', () => {
  let t: TestServer;
  afterAll(async () => {
    await t?.close();
  });

  it('creates HSM keys whose material is wrapped inside the token, and uses them', async () => {
    Object.assign(process.env, env);
    t = await startTestServer();
    const kms = new KmsClient(t.server.url, { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret });
    const hsm = (await kms.call('CreateKey', { ProtectionLevel: 'HSM' })).KeyMetadata as { KeyId: string; ProtectionLevel: string };
    expect(hsm.ProtectionLevel).toBe('HSM');
    const soft = (await kms.call('CreateKey', {})).KeyMetadata as { KeyId: string; ProtectionLevel: string };
    expect(soft.ProtectionLevel).toBe('SOFTWARE');
    const enc = await kms.call('Encrypt', { KeyId: hsm.KeyId, Plaintext: 'in the hsm', EncryptionContext: '{"a":"b"}' });
    expect((await kms.call('Decrypt', { CiphertextBlob: String(enc.CiphertextBlob), EncryptionContext: '{"a":"b"}' })).Plaintext).toBe('in the hsm');
    const signer = (await kms.call('CreateKey', { ProtectionLevel: 'HSM', KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' })).KeyMetadata as { KeyId: string; PrimaryKeyVersion: string };
    const digest = Buffer.alloc(32, 7).toString('base64');
    const sig = await kms.call('AsymmetricSign', { KeyId: signer.KeyId, KeyVersionId: signer.PrimaryKeyVersion, Algorithm: 'ECDSA_SHA_256', Digest: digest });
    expect((await kms.call('AsymmetricVerify', { KeyId: signer.KeyId, KeyVersionId: signer.PrimaryKeyVersion, Algorithm: 'ECDSA_SHA_256', Digest: digest, Value: String(sig.Value) })).Value).toBe(true);
    // Imported material of an HSM key is wrapped by the token too.
    const byok = (await kms.call('CreateKey', { ProtectionLevel: 'HSM', Origin: 'EXTERNAL' })).KeyMetadata as { KeyId: string };
    const params = await kms.call('GetParametersForImport', { KeyId: byok.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });
    const spki = createPublicKey({ key: Buffer.from(String(params.PublicKey), 'base64'), format: 'der', type: 'spki' });
    const wrapped = publicEncrypt({ key: spki, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(32)).toString('base64');
    await kms.call('ImportKeyMaterial', { KeyId: byok.KeyId, EncryptedKeyMaterial: wrapped, ImportToken: String(params.ImportToken) });
    const imported = await kms.call('Encrypt', { KeyId: byok.KeyId, Plaintext: 'imported into the hsm' });
    expect((await kms.call('Decrypt', { CiphertextBlob: String(imported.CiphertextBlob) })).Plaintext).toBe('imported into the hsm');
    const rows = await t.server.platform.storage.db<{ kms_key_versions: { key_id: string; keyring: string; wrapped_material: string } }>().selectFrom('kms_key_versions').selectAll().execute();
    const byKey = new Map(rows.map((r) => [r.key_id, r]));
    expect(byKey.get(hsm.KeyId)).toMatchObject({ keyring: 'pkcs11', wrapped_material: expect.stringMatching(/^p1:/) });
    expect(byKey.get(byok.KeyId)).toMatchObject({ keyring: 'pkcs11', wrapped_material: expect.stringMatching(/^p1:/) });
    expect(byKey.get(soft.KeyId)).toMatchObject({ keyring: 'file', wrapped_material: expect.stringMatching(/^f1:/) });
  });
});
