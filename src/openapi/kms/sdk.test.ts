import { createHash, createPublicKey, constants, publicEncrypt, randomBytes, verify } from 'node:crypto';
import KmsModule, * as $Kms from '@alicloud/kms20160120';
import OpenApiModule, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import RamModule, * as $Ram from '@alicloud/ram20150501';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTrail } from '../../audit/verify.js';
import { fixedClock } from '../../core/clock.js';
import { initAccount } from '../../iam/bootstrap.js';
import { openBlob, parseBlob } from '../../kms/ciphertext.js';
import { canonicalContext } from '../../kms/encryption-context.js';
import { kmsRuntime } from '../../kms/runtime.js';
import { runKmsJobs } from '../../kms/scheduler.js';
import { KMS_ACTIONS } from './registry.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// The SDK packages are CommonJS; depending on their __esModule marker and the loader, the client
// class is the default import itself or its `default`.
function classOf<T>(mod: unknown): T {
  const m = mod as { default?: unknown };
  return (typeof m === 'function' ? m : typeof m.default === 'function' ? m.default : (m.default as { default: unknown }).default) as T;
}
const KmsClient = classOf<typeof KmsModule.default>(KmsModule);
const OpenApiClient = classOf<typeof OpenApiModule.default>(OpenApiModule);
const RamClient = classOf<typeof RamModule.default>(RamModule);
type Kms = InstanceType<typeof KmsClient>;

/** kms20160120 1.2.0 (rpc-client): V1 signature (HMAC-SHA1), every parameter in the query, maps flattened. */
function v1Client(endpoint: string, id: string, secret: string): Kms {
  return new KmsClient({ accessKeyId: id, accessKeySecret: secret, endpoint, protocol: 'http', regionId: 'cn-hangzhou', readTimeout: 60_000, connectTimeout: 60_000 } as ConstructorParameters<typeof KmsClient>[0]);
}

/** openapi-client generic calls: V3 (ACS3-HMAC-SHA256) by default, V1 with signatureAlgorithm v2. */
function openApi(endpoint: string, id: string, secret: string, v1 = false): (action: string, params: Record<string, string>, where?: 'query' | 'body') => Promise<Record<string, unknown>> {
  const client = new OpenApiClient(new $OpenApi.Config({ accessKeyId: id, accessKeySecret: secret, endpoint, protocol: 'http', regionId: 'cn-hangzhou', ...(v1 ? { signatureAlgorithm: 'v2' } : {}) }));
  return async (action, params, where = 'query') => {
    if (!v1) V3_CALLED.add(action);
    const p = new $OpenApi.Params({ action, version: '2016-01-20', protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    const res = await client.callApi(p, new $OpenApi.OpenApiRequest(where === 'query' ? { query: params } : { body: params }), new $Util.RuntimeOptions({}));
    return res.body as Record<string, unknown>;
  };
}

/** Actions called through openapi-client with V3 signatures (a last test checks all are covered). */
const V3_CALLED = new Set<string>();

async function sdkError(p: Promise<unknown>): Promise<{ code: string; statusCode?: number; data?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; data?: Record<string, unknown> };
  }
  throw new Error('expected the SDK call to fail');
}

/** The Alibaba error code, whichever SDK threw it (rpc-client appends `Error`). */
const code = (e: { code: string; data?: Record<string, unknown> }): string => String(e.data?.Code ?? e.code.replace(/Error$/, ''));

describe('KMS through the official SDKs', () => {
  let t: TestServer;
  let sdk: Kms;
  let v3: ReturnType<typeof openApi>;
  let v1: ReturnType<typeof openApi>;

  beforeAll(async () => {
    t = await startTestServer();
    sdk = v1Client(t.endpoint, t.root.accessKeyId, t.root.accessKeySecret);
    v3 = openApi(t.endpoint, t.root.accessKeyId, t.root.accessKeySecret);
    v1 = openApi(t.endpoint, t.root.accessKeyId, t.root.accessKeySecret, true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('kms20160120 (V1): every symmetric key spec round-trips Encrypt/Decrypt with an EncryptionContext map', async () => {
    for (const keySpec of ['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128', 'Aliyun_SM4']) {
      const key = await sdk.createKey(new $Kms.CreateKeyRequest({ keySpec, description: `spec ${keySpec}` }));
      const meta = key.keyMetadata!;
      expect(meta).toMatchObject({ keySpec, keyState: 'Enabled', keyUsage: 'ENCRYPT/DECRYPT', protectionLevel: 'SOFTWARE', origin: 'Aliyun_KMS' });
      expect(meta.arn).toBe(`acs:kms:cn-hangzhou:${t.root.accountId}:key/${meta.keyId}`);
      const enc = await sdk.encrypt(new $Kms.EncryptRequest({ keyId: meta.keyId, plaintext: 'aGVsbG8gd29ybGQ=', encryptionContext: { purpose: 'test', spec: keySpec } }));
      expect(enc).toMatchObject({ keyId: meta.keyId, keyVersionId: meta.primaryKeyVersion });
      const dec = await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob, encryptionContext: { spec: keySpec, purpose: 'test' } }));
      expect(dec.plaintext).toBe('aGVsbG8gd29ybGQ=');
      expect(dec.keyId).toBe(meta.keyId);
      // A different context does not decrypt.
      expect(code(await sdkError(sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob, encryptionContext: { purpose: 'other', spec: keySpec } }))))).toBe('InvalidCiphertext');
    }
  });

  it('V3 and V1 generic calls: EncryptionContext as a JSON string, body or query, tampering detected', async () => {
    const key = (await v3('CreateKey', {})).KeyMetadata as { KeyId: string };
    const ctx = JSON.stringify({ tenant: 'a', b: '1' });
    const enc = await v3('Encrypt', { KeyId: key.KeyId, Plaintext: 'secret text ✓', EncryptionContext: ctx }, 'body');
    // Canonical context: key order does not matter.
    const dec = await v1('Decrypt', { CiphertextBlob: String(enc.CiphertextBlob), EncryptionContext: JSON.stringify({ b: '1', tenant: 'a' }) });
    expect(dec.Plaintext).toBe('secret text ✓');
    expect(code(await sdkError(v3('Decrypt', { CiphertextBlob: String(enc.CiphertextBlob) })))).toBe('InvalidCiphertext');
    const raw = Buffer.from(String(enc.CiphertextBlob), 'base64');
    for (const at of [raw.length - 1, raw.length - 20, 10]) {
      const bad = Buffer.from(raw);
      bad[at]! ^= 0x01;
      const e = await sdkError(v3('Decrypt', { CiphertextBlob: bad.toString('base64'), EncryptionContext: ctx }));
      expect(['InvalidCiphertext', 'Forbidden.KeyNotFound', 'NoPermission']).toContain(code(e));
    }
    expect(code(await sdkError(v3('Decrypt', { CiphertextBlob: raw.subarray(0, 30).toString('base64') })))).toBe('InvalidCiphertext');
    expect(code(await sdkError(v3('Encrypt', { KeyId: key.KeyId, Plaintext: 'x'.repeat(6145) }, 'body')))).toBe('InvalidParameter.Plaintext');
    expect(code(await sdkError(v3('Encrypt', { KeyId: key.KeyId, Plaintext: 'x', EncryptionContext: '[1]' })))).toBe('InvalidParameter.EncryptionContext');
    expect(code(await sdkError(v3('Encrypt', { KeyId: 'no-such-key', Plaintext: 'x' })))).toBe('Forbidden.KeyNotFound');
  });

  it('ReEncrypt (V3) moves a ciphertext to another key and context without exposing plaintext', async () => {
    const a = (await v3('CreateKey', {})).KeyMetadata as { KeyId: string };
    const b = (await v3('CreateKey', { KeySpec: 'Aliyun_SM4' })).KeyMetadata as { KeyId: string };
    const enc = await v3('Encrypt', { KeyId: a.KeyId, Plaintext: 'move me', EncryptionContext: '{"k":"1"}' });
    const re = await v3('ReEncrypt', { CiphertextBlob: String(enc.CiphertextBlob), SourceEncryptionContext: '{"k":"1"}', DestinationKeyId: b.KeyId, DestinationEncryptionContext: '{"k":"2"}' });
    expect(re).toMatchObject({ KeyId: b.KeyId, SourceKeyId: a.KeyId });
    expect(re).not.toHaveProperty('Plaintext');
    expect((await v3('Decrypt', { CiphertextBlob: String(re.CiphertextBlob), EncryptionContext: '{"k":"2"}' })).Plaintext).toBe('move me');
    // kms20160120 1.2.0 has no ReEncrypt / SetDeletionProtection / RotateSecret: V1 signatures through openapi-client.
    const back = await v1('ReEncrypt', { CiphertextBlob: String(re.CiphertextBlob), SourceEncryptionContext: '{"k":"2"}', DestinationKeyId: a.KeyId });
    expect((await v1('Decrypt', { CiphertextBlob: String(back.CiphertextBlob) })).Plaintext).toBe('move me');
    expect(code(await sdkError(v1('ReEncrypt', { CiphertextBlob: String(re.CiphertextBlob), DestinationKeyId: a.KeyId })))).toBe('InvalidCiphertext');
    await v1('SetDeletionProtection', { ProtectedResourceArn: a.KeyId, EnableDeletionProtection: 'true' });
    expect(code(await sdkError(v1('ScheduleKeyDeletion', { KeyId: a.KeyId, PendingWindowInDays: '7' })))).toBe('Rejected.DeletionProtection');
    await v1('CreateSecret', { SecretName: 'v1-rotate', VersionId: 'a', SecretData: 'first' });
    expect((await v1('RotateSecret', { SecretName: 'v1-rotate', VersionId: 'b' })).VersionId).toBe('b');
  });

  it('concurrent Encrypt calls (V3), successes and failures, are each audited exactly once (group commit) and the trail verifies', async () => {
    const key = (await v3('CreateKey', {})).KeyMetadata as { KeyId: string };
    const calls = Array.from({ length: 40 }, (_, i) => (i % 8 === 7 ? { KeyId: 'no-such-key', Plaintext: `p${i}` } : { KeyId: key.KeyId, Plaintext: `p${i}` }));
    const settled = await Promise.allSettled(calls.map((c) => v3('Encrypt', c)));
    const ok = settled.flatMap((r) => (r.status === 'fulfilled' ? [String(r.value.RequestId)] : []));
    const failed = settled.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as { data?: { RequestId?: string } }).data?.RequestId)] : []));
    expect(ok).toHaveLength(35);
    expect(failed).toHaveLength(5);
    const records = (await t.server.platform.audit.list({ accountId: t.root.accountId, limit: 1000 })).filter((r) => r.event.eventName === 'Encrypt');
    const audited = (ids: string[]) => records.filter((r) => ids.includes(r.event.requestId));
    expect(audited(ok).map((r) => r.event.requestId).sort()).toEqual([...ok].sort());
    expect(audited(ok).every((r) => r.event.errorCode === undefined)).toBe(true);
    expect(audited(failed).map((r) => r.event.requestId).sort()).toEqual([...failed].sort());
    expect(audited(failed).every((r) => r.event.errorCode === 'Forbidden.KeyNotFound')).toBe(true);
    expect(JSON.stringify(audited(ok))).not.toContain('"p1"');
    expect((await verifyTrail(t.server.platform.storage)).ok).toBe(true);
  });

  it('Origin=EXTERNAL (V1): GetParametersForImport, RSA-OAEP wrapped ImportKeyMaterial, expiry, DeleteKeyMaterial, re-import of the same material only', async () => {
    const meta = (await sdk.createKey(new $Kms.CreateKeyRequest({ origin: 'EXTERNAL', description: 'byok' }))).keyMetadata!;
    expect(meta).toMatchObject({ origin: 'EXTERNAL', keyState: 'PendingImport', keySpec: 'Aliyun_AES_256' });
    expect(code(await sdkError(sdk.encrypt(new $Kms.EncryptRequest({ keyId: meta.keyId, plaintext: 'x' }))))).toBe('Rejected.PendingImport');
    expect(code(await sdkError(sdk.enableKey(new $Kms.EnableKeyRequest({ keyId: meta.keyId }))))).toBe('Rejected.PendingImport');

    const material = randomBytes(32);
    const wrapFor = async (keyId: string, algorithm = 'RSAES_OAEP_SHA_256', bytes = material) => {
      const params = await sdk.getParametersForImport(new $Kms.GetParametersForImportRequest({ keyId, wrappingAlgorithm: algorithm, wrappingKeySpec: 'RSA_2048' }));
      expect(Date.parse(params.tokenExpireTime) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
      const publicKey = createPublicKey({ key: Buffer.from(params.publicKey, 'base64'), format: 'der', type: 'spki' });
      const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' }, bytes);
      return { importToken: params.importToken, encryptedKeyMaterial: wrapped.toString('base64') };
    };
    const first = await wrapFor(meta.keyId);
    await sdk.importKeyMaterial(new $Kms.ImportKeyMaterialRequest({ keyId: meta.keyId, ...first, keyMaterialExpireUnix: 0 }));
    const imported = (await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: meta.keyId }))).keyMetadata!;
    expect(imported.keyState).toBe('Enabled');
    expect(imported.materialExpireTime).toBeFalsy();
    // Encrypt with KMS, decrypt offline with the imported material: the ciphertext really uses it.
    const enc = await sdk.encrypt(new $Kms.EncryptRequest({ keyId: meta.keyId, plaintext: 'byok data', encryptionContext: { k: 'v' } }));
    expect((await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob, encryptionContext: { k: 'v' } }))).plaintext).toBe('byok data');
    expect(openBlob(parseBlob(enc.ciphertextBlob), material, canonicalContext({ k: 'v' })).toString()).toBe('byok data');

    // The audit trail holds neither the wrapped material nor the token.
    const trail = JSON.stringify(await t.server.platform.audit.list({ accountId: t.root.accountId, limit: 50 }));
    expect(trail).toContain('ImportKeyMaterial');
    expect(trail).not.toContain(first.encryptedKeyMaterial.slice(0, 40));
    expect(trail).not.toContain(first.importToken.slice(0, 40));

    // A token is bound to its key and cannot be reused for another one; other material is refused.
    const other = (await sdk.createKey(new $Kms.CreateKeyRequest({ origin: 'EXTERNAL' }))).keyMetadata!.keyId;
    expect(code(await sdkError(sdk.importKeyMaterial(new $Kms.ImportKeyMaterialRequest({ keyId: other, ...first, keyMaterialExpireUnix: 0 }))))).toBe('InvalidParameter.ImportToken');
    expect(code(await sdkError(sdk.importKeyMaterial(new $Kms.ImportKeyMaterialRequest({ keyId: meta.keyId, ...(await wrapFor(meta.keyId, 'RSAES_OAEP_SHA_1', randomBytes(32))), keyMaterialExpireUnix: 0 }))))).toBe('Rejected.KeyMaterialMismatch');
    expect(code(await sdkError(sdk.importKeyMaterial(new $Kms.ImportKeyMaterialRequest({ keyId: other, ...(await wrapFor(other, 'RSAES_OAEP_SHA_256', randomBytes(16))), keyMaterialExpireUnix: 0 }))))).toBe('InvalidParameter.EncryptedKeyMaterial');
    const forged = JSON.parse(Buffer.from(first.importToken, 'base64').toString()) as Record<string, string>;
    forged.e = new Date(Date.now() + 48 * 3600_000).toISOString();
    expect(code(await sdkError(sdk.importKeyMaterial(new $Kms.ImportKeyMaterialRequest({ keyId: meta.keyId, encryptedKeyMaterial: first.encryptedKeyMaterial, importToken: Buffer.from(JSON.stringify(forged)).toString('base64'), keyMaterialExpireUnix: 0 }))))).toBe('InvalidParameter.ImportToken');
    expect(code(await sdkError(sdk.getParametersForImport(new $Kms.GetParametersForImportRequest({ keyId: meta.keyId, wrappingAlgorithm: 'RSAES_PKCS1_V1_5', wrappingKeySpec: 'RSA_2048' }))))).toBe('Rejected.UnsupportedOperation');
    const generated = (await sdk.createKey(new $Kms.CreateKeyRequest({}))).keyMetadata!.keyId;
    expect(code(await sdkError(sdk.getParametersForImport(new $Kms.GetParametersForImportRequest({ keyId: generated, wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }))))).toBe('Rejected.UnsupportedOperation');
    expect(code(await sdkError(sdk.createKeyVersion(new $Kms.CreateKeyVersionRequest({ keyId: meta.keyId }))))).toBe('Rejected.UnsupportedOperation');
    expect(code(await sdkError(sdk.createKey(new $Kms.CreateKeyRequest({ origin: 'EXTERNAL', keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' }))))).toBe('InvalidParameter.KeySpec');

    // DeleteKeyMaterial: unusable at once; the same material, re-imported with an expiry, decrypts the old ciphertext.
    await sdk.deleteKeyMaterial(new $Kms.DeleteKeyMaterialRequest({ keyId: meta.keyId }));
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: meta.keyId }))).keyMetadata!.keyState).toBe('PendingImport');
    expect(code(await sdkError(sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob, encryptionContext: { k: 'v' } }))))).toBe('Rejected.PendingImport');
    const expireUnix = Math.floor(Date.now() / 1000) + 3600;
    await sdk.importKeyMaterial(new $Kms.ImportKeyMaterialRequest({ keyId: meta.keyId, ...(await wrapFor(meta.keyId, 'RSAES_OAEP_SHA_1')), keyMaterialExpireUnix: expireUnix }));
    const again = (await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: meta.keyId }))).keyMetadata!;
    expect(again).toMatchObject({ keyState: 'Enabled', materialExpireTime: new Date(expireUnix * 1000).toISOString().replace(/\.\d+Z$/, 'Z') });
    expect((await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob, encryptionContext: { k: 'v' } }))).plaintext).toBe('byok data');

    // The scheduler deletes material once it has expired.
    const runtime = kmsRuntime(t.server.platform.sealer);
    const { storage, audit } = t.server.platform;
    const early = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 1800_000)) }, runtime);
    expect(early.expiredMaterial).not.toContain(meta.keyId);
    const late = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 7200_000)) }, runtime);
    expect(late.expiredMaterial).toContain(meta.keyId);
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: meta.keyId }))).keyMetadata!.keyState).toBe('PendingImport');
    expect(code(await sdkError(sdk.encrypt(new $Kms.EncryptRequest({ keyId: meta.keyId, plaintext: 'x' }))))).toBe('Rejected.PendingImport');
  }, 60_000);

  it('ListKeys Filters (V3, JSON string): keys ANDed, values ORed; state, spec, usage, alias, tags, creator type', async () => {
    const ids = async (filters: unknown[]): Promise<string[]> => ((await v3('ListKeys', { PageSize: '100', Filters: JSON.stringify(filters) })).Keys as { Key: { KeyId: string }[] }).Key.map((k) => k.KeyId);
    const sm4 = ((await v3('CreateKey', { KeySpec: 'Aliyun_SM4', Description: 'filters' })).KeyMetadata as { KeyId: string }).KeyId;
    const signing = ((await v3('CreateKey', { KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' })).KeyMetadata as { KeyId: string }).KeyId;
    const pending = ((await v3('CreateKey', { Origin: 'EXTERNAL' })).KeyMetadata as { KeyId: string }).KeyId;
    await v3('DisableKey', { KeyId: sm4 });
    await v3('CreateAlias', { AliasName: 'alias/filtered', KeyId: signing });
    await v3('TagResource', { KeyId: sm4, Tags: '[{"TagKey":"team","TagValue":"blue"}]' });

    const disabled = await ids([{ Key: 'KeyState', Values: ['Disabled'] }]);
    expect(disabled).toContain(sm4);
    expect(disabled).not.toContain(signing);
    const waiting = await ids([{ Key: 'KeyState', Values: ['PendingImport'] }]);
    expect(waiting).toContain(pending);
    expect(waiting).not.toContain(sm4);
    const either = await ids([{ Key: 'KeyState', Values: ['Disabled', 'PendingImport'] }]);
    expect(either).toEqual(expect.arrayContaining([sm4, pending]));
    expect(await ids([{ Key: 'KeySpec', Values: ['Aliyun_SM4'] }, { Key: 'KeyState', Values: ['Enabled'] }])).not.toContain(sm4);
    expect(await ids([{ Key: 'KeyUsage', Values: ['SIGN/VERIFY'] }, { Key: 'KeySpec', Values: ['EC_P256'] }])).toContain(signing);
    expect(await ids([{ Key: 'AliasName', Values: ['alias/filtered'] }])).toEqual([signing]);
    expect(await ids([{ Key: 'TagKey', Values: ['team'] }, { Key: 'TagValue', Values: ['blue', 'red'] }])).toEqual([sm4]);
    expect(await ids([{ Key: 'CreatorType', Values: ['Service'] }])).toEqual([]);
    expect(await ids([{ Key: 'CreatorType', Values: ['User'] }, { Key: 'KeyId', Values: [sm4, pending] }])).toEqual(expect.arrayContaining([sm4, pending]));
    expect(await ids([{ Key: 'KeyState', Values: [] }])).toEqual(expect.arrayContaining([sm4, signing, pending]));
    const counted = await v3('ListKeys', { PageSize: '1', Filters: JSON.stringify([{ Key: 'KeyState', Values: ['Disabled', 'PendingImport'] }]) });
    expect(counted.TotalCount).toBe(either.length);
    const bad = await sdkError(v3('ListKeys', { Filters: JSON.stringify([{ Key: 'Colour', Values: ['x'] }]) }));
    expect(code(bad)).toBe('InvalidParameter');
    expect(String(bad.data?.Message)).toContain('Filters');
    expect(code(await sdkError(v3('ListKeys', { Filters: 'not json' })))).toBe('InvalidParameter');
  });

  it('GenerateDataKey and GenerateDataKeyWithoutPlaintext (V1): sizes, and the blob decrypts to the same key', async () => {
    const key = (await sdk.createKey(new $Kms.CreateKeyRequest({}))).keyMetadata!.keyId;
    const dk = await sdk.generateDataKey(new $Kms.GenerateDataKeyRequest({ keyId: key, encryptionContext: { file: 'x' } }));
    expect(Buffer.from(dk.plaintext, 'base64')).toHaveLength(32);
    expect((await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: dk.ciphertextBlob, encryptionContext: { file: 'x' } }))).plaintext).toBe(dk.plaintext);
    const small = await sdk.generateDataKey(new $Kms.GenerateDataKeyRequest({ keyId: key, keySpec: 'AES_128' }));
    expect(Buffer.from(small.plaintext, 'base64')).toHaveLength(16);
    const odd = await sdk.generateDataKey(new $Kms.GenerateDataKeyRequest({ keyId: key, numberOfBytes: 7 }));
    expect(Buffer.from(odd.plaintext, 'base64')).toHaveLength(7);
    const without = await sdk.generateDataKeyWithoutPlaintext(new $Kms.GenerateDataKeyWithoutPlaintextRequest({ keyId: key }));
    expect(without).not.toHaveProperty('plaintext', expect.any(String));
    const opened = await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: without.ciphertextBlob }));
    expect(Buffer.from(opened.plaintext, 'base64')).toHaveLength(32);
    expect(code(await sdkError(sdk.generateDataKey(new $Kms.GenerateDataKeyRequest({ keyId: key, numberOfBytes: 2000 }))))).toBe('InvalidParameter');
  });

  it('key states (V1): a disabled key refuses, a re-enabled one works; deletion window, cancel, protection', async () => {
    const key = (await sdk.createKey(new $Kms.CreateKeyRequest({ description: 'states' }))).keyMetadata!.keyId;
    const enc = await sdk.encrypt(new $Kms.EncryptRequest({ keyId: key, plaintext: 'p' }));
    await sdk.disableKey(new $Kms.DisableKeyRequest({ keyId: key }));
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: key }))).keyMetadata!.keyState).toBe('Disabled');
    expect(code(await sdkError(sdk.encrypt(new $Kms.EncryptRequest({ keyId: key, plaintext: 'p' }))))).toBe('Rejected.Disabled');
    expect(code(await sdkError(sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob }))))).toBe('Rejected.Disabled');
    await sdk.enableKey(new $Kms.EnableKeyRequest({ keyId: key }));
    expect((await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob }))).plaintext).toBe('p');

    expect(code(await sdkError(sdk.scheduleKeyDeletion(new $Kms.ScheduleKeyDeletionRequest({ keyId: key, pendingWindowInDays: 3 }))))).toBe('InvalidParameter');
    await v3('SetDeletionProtection', { ProtectedResourceArn: `acs:kms:cn-hangzhou:${t.root.accountId}:key/${key}`, EnableDeletionProtection: 'true', DeletionProtectionDescription: 'prod' });
    expect((await v3('DescribeKey', { KeyId: key })).KeyMetadata).toMatchObject({ DeletionProtection: 'Enabled', DeletionProtectionDescription: 'prod' });
    expect(code(await sdkError(sdk.scheduleKeyDeletion(new $Kms.ScheduleKeyDeletionRequest({ keyId: key, pendingWindowInDays: 7 }))))).toBe('Rejected.DeletionProtection');
    await v3('SetDeletionProtection', { ProtectedResourceArn: key, EnableDeletionProtection: 'false' });
    // An ARN naming another region or account never reaches this account's key.
    for (const arn of [`acs:kms:cn-shanghai:${t.root.accountId}:key/${key}`, `acs:kms:cn-hangzhou:1999999999999999:key/${key}`, `acs:kms:cn-hangzhou:${t.root.accountId}:key/${key}/x`]) {
      expect(code(await sdkError(v3('DescribeKey', { KeyId: arn })))).toBe('Forbidden.KeyNotFound');
    }
    await sdk.scheduleKeyDeletion(new $Kms.ScheduleKeyDeletionRequest({ keyId: key, pendingWindowInDays: 7 }));
    const pending = (await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: key }))).keyMetadata!;
    expect(pending.keyState).toBe('PendingDeletion');
    expect(Date.parse(pending.deleteDate) - Date.now()).toBeGreaterThan(6.9 * 86400_000);
    expect(code(await sdkError(sdk.encrypt(new $Kms.EncryptRequest({ keyId: key, plaintext: 'p' }))))).toBe('Rejected.PendingDeletion');
    expect(code(await sdkError(sdk.enableKey(new $Kms.EnableKeyRequest({ keyId: key }))))).toBe('Rejected.PendingDeletion');
    await sdk.cancelKeyDeletion(new $Kms.CancelKeyDeletionRequest({ keyId: key }));
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: key }))).keyMetadata!.keyState).toBe('Enabled');

    // The scheduler destroys the key only once the window has passed.
    await sdk.scheduleKeyDeletion(new $Kms.ScheduleKeyDeletionRequest({ keyId: key, pendingWindowInDays: 7 }));
    const runtime = kmsRuntime(t.server.platform.sealer);
    const { storage, audit } = t.server.platform;
    const early = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 6 * 86400_000)) }, runtime);
    expect(early.deletedKeys).not.toContain(key);
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: key }))).keyMetadata!.keyState).toBe('PendingDeletion');
    const late = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 8 * 86400_000)) }, runtime);
    expect(late.deletedKeys).toContain(key);
    expect(code(await sdkError(sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: key }))))).toBe('Forbidden.KeyNotFound');
    expect(code(await sdkError(sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob }))))).toBe('Forbidden.KeyNotFound');
  });

  it('describe, list (paged), description, aliases and tags (V1)', async () => {
    const key = (await sdk.createKey(new $Kms.CreateKeyRequest({ description: 'first' }))).keyMetadata!.keyId;
    await sdk.updateKeyDescription(new $Kms.UpdateKeyDescriptionRequest({ keyId: key, description: 'second' }));
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: key }))).keyMetadata!.description).toBe('second');
    const all = await sdk.listKeys(new $Kms.ListKeysRequest({ pageSize: 100 }));
    expect(all.keys!.key!.map((k) => k.keyId)).toContain(key);
    const page2 = await sdk.listKeys(new $Kms.ListKeysRequest({ pageNumber: 2, pageSize: 1 }));
    expect(page2.totalCount).toBe(all.totalCount);
    expect(page2.keys!.key).toHaveLength(1);
    expect(page2.keys!.key![0]!.keyId).toBe(all.keys!.key![1]!.keyId);

    await sdk.createAlias(new $Kms.CreateAliasRequest({ aliasName: 'alias/app-data', keyId: key }));
    expect(code(await sdkError(sdk.createAlias(new $Kms.CreateAliasRequest({ aliasName: 'alias/app-data', keyId: key }))))).toBe('Rejected.ResourceExist');
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: 'alias/app-data' }))).keyMetadata!.keyId).toBe(key);
    const enc = await sdk.encrypt(new $Kms.EncryptRequest({ keyId: 'alias/app-data', plaintext: 'via alias' }));
    expect(enc.keyId).toBe(key);
    const byKey = await sdk.listAliasesByKeyId(new $Kms.ListAliasesByKeyIdRequest({ keyId: key }));
    expect(byKey.aliases!.alias!.map((a) => a.aliasName)).toEqual(['alias/app-data']);
    const other = (await sdk.createKey(new $Kms.CreateKeyRequest({}))).keyMetadata!.keyId;
    await sdk.updateAlias(new $Kms.UpdateAliasRequest({ aliasName: 'alias/app-data', keyId: other }));
    const aliases = await sdk.listAliases(new $Kms.ListAliasesRequest({}));
    expect(aliases.aliases!.alias!.find((a) => a.aliasName === 'alias/app-data')).toMatchObject({ keyId: other, aliasArn: `acs:kms:cn-hangzhou:${t.root.accountId}:alias/app-data` });
    await sdk.deleteAlias(new $Kms.DeleteAliasRequest({ aliasName: 'alias/app-data' }));
    expect(code(await sdkError(sdk.encrypt(new $Kms.EncryptRequest({ keyId: 'alias/app-data', plaintext: 'x' }))))).toBe('Forbidden.AliasNotFound');
    expect(code(await sdkError(sdk.deleteAlias(new $Kms.DeleteAliasRequest({ aliasName: 'alias/app-data' }))))).toBe('Forbidden.AliasNotFound');

    await sdk.tagResource(new $Kms.TagResourceRequest({ keyId: key, tags: JSON.stringify([{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'a' }]) }));
    expect((await sdk.listResourceTags(new $Kms.ListResourceTagsRequest({ keyId: key }))).tags!.tag!.map((x) => `${x.tagKey}=${x.tagValue}`)).toEqual(['env=prod', 'team=a']);
    await sdk.untagResource(new $Kms.UntagResourceRequest({ keyId: key, tagKeys: JSON.stringify(['team']) }));
    expect((await sdk.listResourceTags(new $Kms.ListResourceTagsRequest({ keyId: key }))).tags!.tag!.map((x) => x.tagKey)).toEqual(['env']);
    expect(code(await sdkError(sdk.tagResource(new $Kms.TagResourceRequest({ keyId: key, tags: 'nope' }))))).toBe('InvalidParameter');
  });

  it('rotation (V1): CreateKeyVersion makes new encryptions use the new version; old ciphertexts still decrypt; the scheduler rotates when due', async () => {
    const meta = (await sdk.createKey(new $Kms.CreateKeyRequest({ enableAutomaticRotation: true, rotationInterval: '604800s' }))).keyMetadata!;
    expect(meta).toMatchObject({ automaticRotation: 'Enabled', rotationInterval: '604800s' });
    const v1Blob = (await sdk.encrypt(new $Kms.EncryptRequest({ keyId: meta.keyId, plaintext: 'old' }))).ciphertextBlob;
    const created = await sdk.createKeyVersion(new $Kms.CreateKeyVersionRequest({ keyId: meta.keyId }));
    const v2 = created.keyVersion!.keyVersionId;
    expect(v2).not.toBe(meta.primaryKeyVersion);
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: meta.keyId }))).keyMetadata!.primaryKeyVersion).toBe(v2);
    const enc = await sdk.encrypt(new $Kms.EncryptRequest({ keyId: meta.keyId, plaintext: 'new' }));
    expect(enc.keyVersionId).toBe(v2);
    expect((await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: v1Blob }))).keyVersionId).toBe(meta.primaryKeyVersion);
    expect((await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: v1Blob }))).plaintext).toBe('old');
    const versions = await sdk.listKeyVersions(new $Kms.ListKeyVersionsRequest({ keyId: meta.keyId }));
    expect(versions.keyVersions!.keyVersion!.map((v) => v.keyVersionId).sort()).toEqual([meta.primaryKeyVersion, v2].sort());
    expect((await sdk.describeKeyVersion(new $Kms.DescribeKeyVersionRequest({ keyId: meta.keyId, keyVersionId: v2 }))).keyVersion!.keyId).toBe(meta.keyId);

    expect(code(await sdkError(sdk.updateRotationPolicy(new $Kms.UpdateRotationPolicyRequest({ keyId: meta.keyId, enableAutomaticRotation: true, rotationInterval: '3600s' }))))).toBe('InvalidParameter');
    await sdk.updateRotationPolicy(new $Kms.UpdateRotationPolicyRequest({ keyId: meta.keyId, enableAutomaticRotation: true, rotationInterval: '8d' }));
    const runtime = kmsRuntime(t.server.platform.sealer);
    const { storage, audit } = t.server.platform;
    const early = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 7 * 86400_000)) }, runtime);
    expect(early.rotated).not.toContain(meta.keyId);
    const due = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 9 * 86400_000)) }, runtime);
    expect(due.rotated).toContain(meta.keyId);
    const rotated = (await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: meta.keyId }))).keyMetadata!;
    expect(rotated.primaryKeyVersion).not.toBe(v2);
    expect((await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob }))).plaintext).toBe('new');
    await sdk.updateRotationPolicy(new $Kms.UpdateRotationPolicyRequest({ keyId: meta.keyId, enableAutomaticRotation: false }));
    expect((await sdk.describeKey(new $Kms.DescribeKeyRequest({ keyId: meta.keyId }))).keyMetadata!.automaticRotation).toBe('Disabled');
  });

  it('asymmetric keys (V1): RSA encrypt/decrypt and sign/verify, EC and SM2 sign/verify, GetPublicKey', async () => {
    const digest = createHash('sha256').update('signed message').digest();
    for (const keySpec of ['RSA_2048', 'RSA_3072']) {
      const enc = (await sdk.createKey(new $Kms.CreateKeyRequest({ keySpec, keyUsage: 'ENCRYPT/DECRYPT' }))).keyMetadata!;
      const pem = (await sdk.getPublicKey(new $Kms.GetPublicKeyRequest({ keyId: enc.keyId, keyVersionId: enc.primaryKeyVersion }))).publicKey;
      for (const algorithm of ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1']) {
        const ct = await sdk.asymmetricEncrypt(new $Kms.AsymmetricEncryptRequest({ keyId: enc.keyId, keyVersionId: enc.primaryKeyVersion, algorithm, plaintext: Buffer.from('asym').toString('base64') }));
        const pt = await sdk.asymmetricDecrypt(new $Kms.AsymmetricDecryptRequest({ keyId: enc.keyId, keyVersionId: enc.primaryKeyVersion, algorithm, ciphertextBlob: ct.ciphertextBlob }));
        expect(Buffer.from(pt.plaintext, 'base64').toString()).toBe('asym');
      }
      // Encrypted locally with the public key, decrypted by KMS.
      const local = publicEncrypt({ key: createPublicKey(pem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from('offline'));
      const pt = await sdk.asymmetricDecrypt(new $Kms.AsymmetricDecryptRequest({ keyId: enc.keyId, keyVersionId: enc.primaryKeyVersion, algorithm: 'RSAES_OAEP_SHA_256', ciphertextBlob: local.toString('base64') }));
      expect(Buffer.from(pt.plaintext, 'base64').toString()).toBe('offline');
      expect(code(await sdkError(sdk.asymmetricSign(new $Kms.AsymmetricSignRequest({ keyId: enc.keyId, keyVersionId: enc.primaryKeyVersion, algorithm: 'RSA_PSS_SHA_256', digest: digest.toString('base64') }))))).toBe('Rejected.IncorrectKeyUsage');
    }
    const cases: [string, string, string | undefined][] = [
      ['RSA_2048', 'RSA_PSS_SHA_256', 'sha256'],
      ['RSA_2048', 'RSA_PKCS1_SHA_256', 'sha256'],
      ['EC_P256', 'ECDSA_SHA_256', 'sha256'],
      ['EC_P256K', 'ECDSA_SHA_256', 'sha256'],
      ['EC_SM2', 'SM2DSA', undefined],
    ];
    for (const [keySpec, algorithm, hash] of cases) {
      const key = (await sdk.createKey(new $Kms.CreateKeyRequest({ keySpec, keyUsage: 'SIGN/VERIFY' }))).keyMetadata!;
      const args = { keyId: key.keyId, keyVersionId: key.primaryKeyVersion, algorithm };
      const sig = await sdk.asymmetricSign(new $Kms.AsymmetricSignRequest({ ...args, digest: digest.toString('base64') }));
      expect((await sdk.asymmetricVerify(new $Kms.AsymmetricVerifyRequest({ ...args, digest: digest.toString('base64'), value: sig.value }))).value).toBe(true);
      const otherDigest = createHash('sha256').update('other').digest().toString('base64');
      expect((await sdk.asymmetricVerify(new $Kms.AsymmetricVerifyRequest({ ...args, digest: otherDigest, value: sig.value }))).value).toBe(false);
      const pem = (await sdk.getPublicKey(new $Kms.GetPublicKeyRequest({ keyId: key.keyId, keyVersionId: key.primaryKeyVersion }))).publicKey;
      expect(pem).toContain('BEGIN PUBLIC KEY');
      if (hash) {
        const options = algorithm === 'RSA_PSS_SHA_256' ? { key: createPublicKey(pem), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : createPublicKey(pem);
        expect(verify(hash, Buffer.from('signed message'), options, Buffer.from(sig.value, 'base64'))).toBe(true);
      }
    }
    expect(code(await sdkError(sdk.createKey(new $Kms.CreateKeyRequest({ keySpec: 'EC_P256', keyUsage: 'ENCRYPT/DECRYPT' }))))).toBe('InvalidParameter.KeyUsage');
    expect(code(await sdkError(sdk.createKey(new $Kms.CreateKeyRequest({ protectionLevel: 'HSM' }))))).toBe('InvalidParameter.ProtectionLevel');
  }, 120_000);

  it('GetRandomPassword (V1 and V3)', async () => {
    const pw = (await sdk.getRandomPassword(new $Kms.GetRandomPasswordRequest({ passwordLength: '24', excludePunctuation: 'true' }))).randomPassword;
    expect(pw).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(pw).toMatch(/[a-z]/);
    expect(pw).toMatch(/[0-9]/);
    const v3pw = String((await v3('GetRandomPassword', { ExcludeCharacters: 'abc' })).RandomPassword);
    expect(v3pw).toHaveLength(32);
    expect(v3pw).not.toMatch(/[abc]/);
    expect(code(await sdkError(v3('GetRandomPassword', { PasswordLength: '4' })))).toBe('InvalidParameter');
  });

  it('secrets (V1 + V3): create, get by stage and version, put, stage moves, list, describe, versions, delete/restore, rotate', async () => {
    const created = await sdk.createSecret(new $Kms.CreateSecretRequest({ secretName: 'db/password', versionId: 'v1', secretData: 'hunter2-initial', secretDataType: 'text', description: 'db', tags: JSON.stringify([{ TagKey: 'env', TagValue: 'prod' }]) }));
    expect(created).toMatchObject({ secretName: 'db/password', versionId: 'v1', arn: `acs:kms:cn-hangzhou:${t.root.accountId}:secret/db/password` });
    expect(code(await sdkError(sdk.createSecret(new $Kms.CreateSecretRequest({ secretName: 'db/password', versionId: 'v1', secretData: 'x' }))))).toBe('Rejected.ResourceExist');
    for (const secretType of ['Rds', 'RAMCredentials', 'ECS']) {
      const refused = await sdkError(v3('CreateSecret', { SecretName: `typed-${secretType}`, VersionId: 'v1', SecretData: 'x', SecretType: secretType }));
      expect(code(refused)).toBe('Rejected.UnsupportedOperation');
      expect(String(refused.data?.Message)).toContain(`SecretType ${secretType}`);
    }
    expect((await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password' }))).secretData).toBe('hunter2-initial');
    await sdk.putSecretValue(new $Kms.PutSecretValueRequest({ secretName: 'db/password', versionId: 'v2', secretData: 'hunter2-second' }));
    const current = await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password' }));
    expect(current).toMatchObject({ secretData: 'hunter2-second', versionId: 'v2' });
    expect((await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password', versionStage: 'ACSPrevious' }))).secretData).toBe('hunter2-initial');
    expect((await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password', versionId: 'v1' }))).secretData).toBe('hunter2-initial');
    expect(code(await sdkError(sdk.putSecretValue(new $Kms.PutSecretValueRequest({ secretName: 'db/password', versionId: 'v2', secretData: 'x' }))))).toBe('Rejected.ResourceExist');
    await sdk.putSecretValue(new $Kms.PutSecretValueRequest({ secretName: 'db/password', versionId: 'v3', secretData: 'staged', versionStages: JSON.stringify(['canary']) }));
    expect((await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password' }))).versionId).toBe('v2');
    await sdk.updateSecretVersionStage(new $Kms.UpdateSecretVersionStageRequest({ secretName: 'db/password', versionStage: 'ACSCurrent', moveToVersion: 'v3', removeFromVersion: 'v2' }));
    expect((await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password' }))).secretData).toBe('staged');
    expect((await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password', versionStage: 'ACSPrevious' }))).versionId).toBe('v2');
    const ids = await sdk.listSecretVersionIds(new $Kms.ListSecretVersionIdsRequest({ secretName: 'db/password' }));
    expect(ids.versionIds!.versionId!.map((v) => `${v.versionId}:${v.versionStages!.versionStage!.join('+')}`).sort()).toEqual(['v2:ACSPrevious', 'v3:canary+ACSCurrent']);
    const withDeprecated = await sdk.listSecretVersionIds(new $Kms.ListSecretVersionIdsRequest({ secretName: 'db/password', includeDeprecated: 'true' }));
    expect(withDeprecated.totalCount).toBe(3);
    const described = await v3('DescribeSecret', { SecretName: 'db/password' });
    expect(described).toMatchObject({ SecretName: 'db/password', Description: 'db', Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }] } });
    expect(described).not.toHaveProperty('SecretData');
    await sdk.tagResource(new $Kms.TagResourceRequest({ secretName: 'db/password', tags: JSON.stringify([{ TagKey: 'owner', TagValue: 'dba' }]) }));
    // kms20160120 1.2.0's ListResourceTagsRequest has no SecretName: ask with a generic V3 call.
    expect(((await v3('ListResourceTags', { SecretName: 'db/password' })).Tags as { Tag: { TagKey: string }[] }).Tag.map((x) => x.TagKey)).toEqual(['env', 'owner']);
    const list = await sdk.listSecrets(new $Kms.ListSecretsRequest({ fetchTags: 'true' }));
    expect(list.secretList!.secret!.map((s) => s.secretName)).toContain('db/password');

    const rotated = await v3('RotateSecret', { SecretName: 'db/password', VersionId: 'v4' });
    expect(rotated.VersionId).toBe('v4');
    const fresh = await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password' }));
    expect(fresh.versionId).toBe('v4');
    expect(fresh.secretData).toHaveLength(32);

    const del = await sdk.deleteSecret(new $Kms.DeleteSecretRequest({ secretName: 'db/password', recoveryWindowInDays: '7' }));
    expect(del.plannedDeleteTime).toBeTruthy();
    expect(code(await sdkError(sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password' }))))).toBe('Rejected.PendingDeletion');
    await sdk.restoreSecret(new $Kms.RestoreSecretRequest({ secretName: 'db/password' }));
    expect((await sdk.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'db/password' }))).versionId).toBe('v4');
    await sdk.deleteSecret(new $Kms.DeleteSecretRequest({ secretName: 'db/password', forceDeleteWithoutRecovery: 'true' }));
    expect(code(await sdkError(sdk.describeSecret(new $Kms.DescribeSecretRequest({ secretName: 'db/password' }))))).toBe('Forbidden.ResourceNotFound');

    // The recovery window ends with the scheduler.
    await v3('CreateSecret', { SecretName: 'short-lived', VersionId: 'a', SecretData: 'x1' });
    await v3('DeleteSecret', { SecretName: 'short-lived', RecoveryWindowInDays: '7' });
    const runtime = kmsRuntime(t.server.platform.sealer);
    const { storage, audit } = t.server.platform;
    const done = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 8 * 86400_000)) }, runtime);
    expect(done.deletedSecrets).toContain(`${t.root.accountId}/short-lived`);
    // Automatic rotation of a Generic secret: a fresh random value becomes ACSCurrent when due.
    const auto = await v3('CreateSecret', { SecretName: 'auto-rotated', VersionId: 'v1', SecretData: 'initial', EnableAutomaticRotation: 'true', RotationInterval: '21600s' });
    expect(auto).toMatchObject({ AutomaticRotation: 'Enabled', RotationInterval: '21600s' });
    const notYet = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 5 * 3600_000)) }, runtime);
    expect(notYet.rotatedSecrets).not.toContain(`${t.root.accountId}/auto-rotated`);
    const rotatedNow = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 7 * 3600_000)) }, runtime);
    expect(rotatedNow.rotatedSecrets).toContain(`${t.root.accountId}/auto-rotated`);
    const value = await v3('GetSecretValue', { SecretName: 'auto-rotated' });
    expect(value.VersionId).not.toBe('v1');
    expect(String(value.SecretData)).toHaveLength(32);
    expect((await v3('GetSecretValue', { SecretName: 'auto-rotated', VersionStage: 'ACSPrevious' })).SecretData).toBe('initial');
    expect(code(await sdkError(v3('DescribeSecret', { SecretName: 'short-lived' })))).toBe('Forbidden.ResourceNotFound');
  });

  it('RAM authorizes kms:<Action> on the key ARN: a user allowed one key cannot use another', async () => {
    const ram = new RamClient(new $OpenApi.Config({ accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret, endpoint: t.endpoint, protocol: 'http', regionId: 'cn-hangzhou' }));
    const mine = (await sdk.createKey(new $Kms.CreateKeyRequest({}))).keyMetadata!.keyId;
    const theirs = (await sdk.createKey(new $Kms.CreateKeyRequest({}))).keyMetadata!.keyId;
    await ram.createUser(new $Ram.CreateUserRequest({ userName: 'app' }));
    const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: `acs:kms:*:*:key/${mine}` }] });
    await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'OneKey', policyDocument: policy }));
    await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'OneKey', userName: 'app' }));
    const ak = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'app' }))).body!.accessKey!;
    const app = v1Client(t.endpoint, ak.accessKeyId!, ak.accessKeySecret!);
    const enc = await app.encrypt(new $Kms.EncryptRequest({ keyId: mine, plaintext: 'ok' }));
    expect((await app.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob }))).plaintext).toBe('ok');
    expect(code(await sdkError(app.encrypt(new $Kms.EncryptRequest({ keyId: theirs, plaintext: 'no' }))))).toBe('NoPermission');
    const theirBlob = (await sdk.encrypt(new $Kms.EncryptRequest({ keyId: theirs, plaintext: 'no' }))).ciphertextBlob;
    expect(code(await sdkError(app.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: theirBlob }))))).toBe('NoPermission');
    expect(code(await sdkError(app.createKey(new $Kms.CreateKeyRequest({}))))).toBe('NoPermission');
  });

  it('tenant isolation: another account cannot see, use or decrypt with this account\'s keys, aliases or secrets', async () => {
    const other = await initAccount(t.server.platform, { additional: true });
    const them = v1Client(t.endpoint, other.accessKeyId, other.accessKeySecret);
    const mine = (await sdk.createKey(new $Kms.CreateKeyRequest({}))).keyMetadata!.keyId;
    await sdk.createAlias(new $Kms.CreateAliasRequest({ aliasName: 'alias/tenant-a', keyId: mine }));
    await sdk.createSecret(new $Kms.CreateSecretRequest({ secretName: 'tenant-a-secret', versionId: 'v1', secretData: 'only mine' }));
    const blob = (await sdk.encrypt(new $Kms.EncryptRequest({ keyId: mine, plaintext: 'tenant a' }))).ciphertextBlob;
    expect(code(await sdkError(them.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: blob }))))).toBe('Forbidden.KeyNotFound');
    expect(code(await sdkError(them.describeKey(new $Kms.DescribeKeyRequest({ keyId: mine }))))).toBe('Forbidden.KeyNotFound');
    expect(code(await sdkError(them.encrypt(new $Kms.EncryptRequest({ keyId: 'alias/tenant-a', plaintext: 'x' }))))).toBe('Forbidden.AliasNotFound');
    expect(code(await sdkError(them.getSecretValue(new $Kms.GetSecretValueRequest({ secretName: 'tenant-a-secret' }))))).toBe('Forbidden.ResourceNotFound');
    expect((await them.listKeys(new $Kms.ListKeysRequest({}))).totalCount).toBe(0);
    // The same alias and secret names are free in the other account.
    const theirs = (await them.createKey(new $Kms.CreateKeyRequest({}))).keyMetadata!.keyId;
    await them.createAlias(new $Kms.CreateAliasRequest({ aliasName: 'alias/tenant-a', keyId: theirs }));
    expect((await them.encrypt(new $Kms.EncryptRequest({ keyId: 'alias/tenant-a', plaintext: 'x' }))).keyId).toBe(theirs);
  });

  it('openapi-client (V3) sweep: key, alias, version, tag, data-key, asymmetric and secret actions', async () => {
    const key = ((await v3('CreateKey', { Description: 'sweep' })).KeyMetadata as { KeyId: string }).KeyId;
    expect(((await v3('ListKeys', { PageSize: '100' })).Keys as { Key: { KeyId: string }[] }).Key.map((k) => k.KeyId)).toContain(key);
    await v3('UpdateKeyDescription', { KeyId: key, Description: 'swept' });
    await v3('DisableKey', { KeyId: key });
    expect(code(await sdkError(v3('GenerateDataKey', { KeyId: key })))).toBe('Rejected.Disabled');
    await v3('EnableKey', { KeyId: key });
    await v3('ScheduleKeyDeletion', { KeyId: key, PendingWindowInDays: '30' });
    await v3('CancelKeyDeletion', { KeyId: key });
    await v3('UpdateRotationPolicy', { KeyId: key, EnableAutomaticRotation: 'true', RotationInterval: '30d' });
    expect((await v3('DescribeKey', { KeyId: key })).KeyMetadata).toMatchObject({ Description: 'swept', KeyState: 'Enabled', RotationInterval: '2592000s' });
    const version = ((await v3('CreateKeyVersion', { KeyId: key })).KeyVersion as { KeyVersionId: string }).KeyVersionId;
    expect(((await v3('DescribeKeyVersion', { KeyId: key, KeyVersionId: version })).KeyVersion as { KeyId: string }).KeyId).toBe(key);
    expect((await v3('ListKeyVersions', { KeyId: key })).TotalCount).toBe(2);
    await v3('CreateAlias', { AliasName: 'alias/sweep', KeyId: key });
    await v3('UpdateAlias', { AliasName: 'alias/sweep', KeyId: key });
    expect((await v3('ListAliasesByKeyId', { KeyId: key })).TotalCount).toBe(1);
    expect(((await v3('ListAliases', {})).Aliases as { Alias: { AliasName: string }[] }).Alias.map((a) => a.AliasName)).toContain('alias/sweep');
    await v3('DeleteAlias', { AliasName: 'alias/sweep' });
    await v3('TagResource', { KeyId: key, Tags: '[{"TagKey":"k","TagValue":"v"}]' });
    await v3('UntagResource', { KeyId: key, TagKeys: '["k"]' });
    expect((await v3('ListResourceTags', { KeyId: key })).Tags).toEqual({ Tag: [] });
    const dk = await v3('GenerateDataKey', { KeyId: key, NumberOfBytes: '64' });
    expect(Buffer.from(String(dk.Plaintext), 'base64')).toHaveLength(64);
    const blob = String((await v3('GenerateDataKeyWithoutPlaintext', { KeyId: key, EncryptionContext: '{"a":"b"}' })).CiphertextBlob);
    expect(Buffer.from(String((await v3('Decrypt', { CiphertextBlob: blob, EncryptionContext: '{"a":"b"}' })).Plaintext), 'base64')).toHaveLength(32);

    const rsa = (await v3('CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' })).KeyMetadata as { KeyId: string; PrimaryKeyVersion: string };
    const ids = { KeyId: rsa.KeyId, KeyVersionId: rsa.PrimaryKeyVersion, Algorithm: 'RSAES_OAEP_SHA_256' };
    const ct = String((await v3('AsymmetricEncrypt', { ...ids, Plaintext: Buffer.from('v3').toString('base64') })).CiphertextBlob);
    expect(Buffer.from(String((await v3('AsymmetricDecrypt', { ...ids, CiphertextBlob: ct })).Plaintext), 'base64').toString()).toBe('v3');
    expect(code(await sdkError(v3('AsymmetricEncrypt', { ...ids, Algorithm: 'SM2PKE', Plaintext: 'AAAA' })))).toBe('InvalidParameter.Algorithm');
    const ec = (await v3('CreateKey', { KeySpec: 'EC_P256K', KeyUsage: 'SIGN/VERIFY' })).KeyMetadata as { KeyId: string; PrimaryKeyVersion: string };
    const sid = { KeyId: ec.KeyId, KeyVersionId: ec.PrimaryKeyVersion, Algorithm: 'ECDSA_SHA_256', Digest: createHash('sha256').update('m').digest('base64') };
    const value = String((await v3('AsymmetricSign', sid)).Value);
    expect((await v3('AsymmetricVerify', { ...sid, Value: value })).Value).toBe(true);
    expect(String((await v3('GetPublicKey', { KeyId: ec.KeyId, KeyVersionId: ec.PrimaryKeyVersion })).PublicKey)).toContain('PUBLIC KEY');

    await v3('CreateSecret', { SecretName: 'sweep', VersionId: 'a', SecretData: 's1', EncryptionKeyId: key });
    await v3('PutSecretValue', { SecretName: 'sweep', VersionId: 'b', SecretData: 's2', VersionStages: '["next"]' });
    await v3('UpdateSecretVersionStage', { SecretName: 'sweep', VersionStage: 'next', RemoveFromVersion: 'b' });
    expect(((await v3('ListSecretVersionIds', { SecretName: 'sweep', IncludeDeprecated: 'true' })).VersionIds as { VersionId: unknown[] }).VersionId).toHaveLength(2);
    expect((await v3('GetSecretValue', { SecretName: 'sweep', VersionId: 'b' })).SecretData).toBe('s2');
    expect((await v3('ListSecrets', {})).TotalCount).toBeGreaterThan(0);
    await v3('DeleteSecret', { SecretName: 'sweep' });
    await v3('RestoreSecret', { SecretName: 'sweep' });
    expect((await v3('DescribeSecret', { SecretName: 'sweep' })).EncryptionKeyId).toBe(key);

    const byok = ((await v3('CreateKey', { Origin: 'EXTERNAL', KeySpec: 'Aliyun_SM4' })).KeyMetadata as { KeyId: string }).KeyId;
    const params = await v3('GetParametersForImport', { KeyId: byok, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });
    const spki = createPublicKey({ key: Buffer.from(String(params.PublicKey), 'base64'), format: 'der', type: 'spki' });
    const material = publicEncrypt({ key: spki, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(16)).toString('base64');
    await v3('ImportKeyMaterial', { KeyId: byok, EncryptedKeyMaterial: material, ImportToken: String(params.ImportToken) }, 'body');
    expect(String((await v3('Decrypt', { CiphertextBlob: String((await v3('Encrypt', { KeyId: byok, Plaintext: 'sm4' })).CiphertextBlob) })).Plaintext)).toBe('sm4');
    await v3('DeleteKeyMaterial', { KeyId: byok });
    expect((await v3('DescribeKey', { KeyId: byok })).KeyMetadata).toMatchObject({ KeyState: 'PendingImport', Origin: 'EXTERNAL' });
  });

  it('every KMS action was called through openapi-client with V3 signatures in this file', () => {
    expect(KMS_ACTIONS.map((a) => a.action).filter((a) => !V3_CALLED.has(a))).toEqual([]);
  });

  it('the audit trail never holds plaintext, data keys or secret values', async () => {
    const marker = `plain-${Date.now()}-marker`;
    const key = (await sdk.createKey(new $Kms.CreateKeyRequest({}))).keyMetadata!.keyId;
    const enc = await sdk.encrypt(new $Kms.EncryptRequest({ keyId: key, plaintext: marker }));
    await sdk.decrypt(new $Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob }));
    const dk = await sdk.generateDataKey(new $Kms.GenerateDataKeyRequest({ keyId: key }));
    await v3('CreateSecret', { SecretName: 'audit-check', VersionId: 'a', SecretData: `${marker}-secret` });
    await v3('PutSecretValue', { SecretName: 'audit-check', VersionId: 'b', SecretData: `${marker}-secret2` });
    await v3('GetSecretValue', { SecretName: 'audit-check' });
    const pw = String((await v3('GetRandomPassword', {})).RandomPassword);
    const rows = await t.server.platform.storage.db<{ audit_events: { body: string; event_name: string } }>().selectFrom('audit_events').select(['body', 'event_name']).execute();
    const trail = rows.map((r) => r.body).join('\n');
    expect(rows.map((r) => r.event_name)).toEqual(expect.arrayContaining(['Encrypt', 'Decrypt', 'GenerateDataKey', 'CreateSecret', 'GetSecretValue']));
    expect(trail).toContain(enc.ciphertextBlob.slice(0, 20));
    for (const secret of [marker, dk.plaintext, pw]) expect(trail).not.toContain(secret);
    expect(trail).not.toContain(Buffer.from(marker).toString('base64'));
    // The keys' stored material is wrapped: no row holds it in a form that unwraps without the keyring.
    const versions = await t.server.platform.storage.db<{ kms_key_versions: { wrapped_material: string } }>().selectFrom('kms_key_versions').select('wrapped_material').execute();
    expect(versions.every((v) => v.wrapped_material.startsWith('f1:'))).toBe(true);
  });
});
