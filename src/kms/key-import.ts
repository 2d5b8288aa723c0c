import { constants, createHmac, createPrivateKey, generateKeyPair, privateDecrypt, timingSafeEqual, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { isoAt, keyringFor, now, type KmsContext } from './context.js';
import { findKey, type KeyRow } from './keys.js';
import { keySpec } from './key-specs.js';
import { wrapContext } from './versions.js';

/** How long the public key and import token of GetParametersForImport stay valid (Alibaba: 24 hours). */
export const IMPORT_TOKEN_TTL_MS = 24 * 3600_000;

/**
 * Wrapping algorithms for RSA_2048 wrapping keys. Alibaba also lists RSAES_PKCS1_V1_5, and SM2PKE with
 * EC_SM2 for HSM keys: Node refuses PKCS#1 v1.5 private decryption (Bleichenbacher, CVE-2023-46809)
 * and has no SM2 encryption, so both are refused with Rejected.UnsupportedOperation.
 */
const OAEP_HASH: Readonly<Record<string, string>> = { RSAES_OAEP_SHA_256: 'sha256', RSAES_OAEP_SHA_1: 'sha1' };

const generateRsa = promisify(generateKeyPair) as (type: 'rsa', options: { modulusLength: number; publicExponent: number }) => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>;

/** What an import token carries; the private key is wrapped by the KMS keyring, bound to the other fields. */
const tokenSchema = z.object({ v: z.literal(1), k: z.string().min(1), a: z.string().min(1), e: z.string().min(1), w: z.string().min(1) });

function tokenContext(keyId: string, algorithm: string, expires: string): string {
  return `bulwark-kms:import-token/${keyId}/${algorithm}/${expires}`;
}

function externalKey(row: KeyRow): KeyRow {
  if (row.origin !== 'EXTERNAL') throw new BulwarkError('Rejected.UnsupportedOperation', { reason: `key ${row.id} has Origin ${row.origin}; key material can be imported only into keys created with Origin EXTERNAL` });
  if (row.state === 'PendingDeletion') throw new BulwarkError('Rejected.PendingDeletion', { resource: 'key', name: row.id });
  return row;
}

/** HMAC check value of material: equal for the same material, says nothing about it otherwise. */
function checkValue(material: Buffer, keyId: string): string {
  return createHmac('sha256', material).update(`bulwark-kms-import-check\n${keyId}`).digest('hex');
}

/**
 * GetParametersForImport: a fresh RSA_2048 wrapping key for this key only. The token holds the private
 * key wrapped by the server's keyring (with the key id, algorithm and expiry as authenticated data),
 * so nothing is stored and a token works only for its key, algorithm and 24 hours.
 */
export async function getParametersForImport(ctx: KmsContext, input: { KeyId: string; WrappingAlgorithm: string; WrappingKeySpec: string }): Promise<{ KeyId: string; ImportToken: string; PublicKey: string; TokenExpireTime: string }> {
  const key = externalKey(await findKey(ctx, input.KeyId));
  if (input.WrappingKeySpec !== 'RSA_2048') throw new BulwarkError('Rejected.UnsupportedOperation', { reason: `WrappingKeySpec ${input.WrappingKeySpec} (EC_SM2 is for HSM keys in Alibaba Cloud); use RSA_2048` });
  if (!OAEP_HASH[input.WrappingAlgorithm]) throw new BulwarkError('Rejected.UnsupportedOperation', { reason: `WrappingAlgorithm ${input.WrappingAlgorithm}; use RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_1` });
  const pair = await generateRsa('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const expires = isoAt(ctx.clock.now().getTime() + IMPORT_TOKEN_TTL_MS);
  const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  let wrapped: string;
  try {
    wrapped = await ctx.keyrings.software.wrap(pkcs8, tokenContext(key.id, input.WrappingAlgorithm, expires));
  } finally {
    pkcs8.fill(0);
  }
  const token = Buffer.from(JSON.stringify({ v: 1, k: key.id, a: input.WrappingAlgorithm, e: expires, w: wrapped })).toString('base64');
  return { KeyId: key.id, ImportToken: token, PublicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), TokenExpireTime: expires };
}

/** Opens an import token for `key`: the private wrapping key and its algorithm, or InvalidParameter.ImportToken. */
async function openToken(ctx: KmsContext, key: KeyRow, token: string): Promise<{ privateKey: KeyObject; algorithm: string }> {
  let parsed: z.infer<typeof tokenSchema>;
  try {
    parsed = tokenSchema.parse(JSON.parse(Buffer.from(token, 'base64').toString('utf8')));
  } catch {
    throw new BulwarkError('InvalidParameter.ImportToken', { reason: 'not a token returned by GetParametersForImport' });
  }
  if (parsed.k !== key.id) throw new BulwarkError('InvalidParameter.ImportToken', { reason: 'the token was issued for another key' });
  if (Date.parse(parsed.e) <= ctx.clock.now().getTime()) throw new BulwarkError('InvalidParameter.ImportToken', { reason: `the token expired at ${parsed.e}; call GetParametersForImport again` });
  let der: Buffer;
  try {
    der = await ctx.keyrings.software.unwrap(parsed.w, tokenContext(parsed.k, parsed.a, parsed.e));
  } catch {
    throw new BulwarkError('InvalidParameter.ImportToken', { reason: 'the token was modified or issued by another server' });
  }
  try {
    return { privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), algorithm: parsed.a };
  } finally {
    der.fill(0);
  }
}

/**
 * ImportKeyMaterial: decrypts the material with the token's private key, checks its length against the
 * key spec and (on re-import) that it is the same material, wraps it with the key's keyring as the
 * key's only version, and sets when it expires (`KeyMaterialExpireUnix` 0: never).
 */
export async function importKeyMaterial(ctx: KmsContext, input: { KeyId: string; EncryptedKeyMaterial: string; ImportToken: string; KeyMaterialExpireUnix: number }): Promise<void> {
  const key = externalKey(await findKey(ctx, input.KeyId));
  const { privateKey, algorithm } = await openToken(ctx, key, input.ImportToken);
  const expireMs = input.KeyMaterialExpireUnix * 1000;
  if (expireMs !== 0 && expireMs <= ctx.clock.now().getTime()) throw new BulwarkError('InvalidParameter', { field: 'KeyMaterialExpireUnix', reason: 'must be in the future, or 0 for material that never expires' });
  let material: Buffer;
  try {
    material = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[algorithm]! }, Buffer.from(input.EncryptedKeyMaterial, 'base64'));
  } catch {
    throw new BulwarkError('InvalidParameter.EncryptedKeyMaterial', { reason: `it does not decrypt with the token's wrapping key and ${algorithm}` });
  }
  try {
    const bytes = keySpec(key.key_spec).bytes!;
    if (material.length !== bytes) throw new BulwarkError('InvalidParameter.EncryptedKeyMaterial', { reason: `${key.key_spec} needs ${bytes * 8}-bit material, got ${material.length * 8} bits` });
    const check = checkValue(material, key.id);
    if (key.import_check !== null && !timingSafeEqual(Buffer.from(check), Buffer.from(key.import_check))) throw new BulwarkError('Rejected.KeyMaterialMismatch', { keyId: key.id });
    const keyringName = key.protection_level === 'HSM' ? 'pkcs11' : 'file';
    const wrapped = await keyringFor(ctx.keyrings, keyringName).wrap(material, wrapContext(key.id, key.primary_version_id));
    const t = now(ctx);
    await ctx.db.deleteFrom('kms_key_versions').where('key_id', '=', key.id).execute();
    await ctx.db.insertInto('kms_key_versions').values({ key_id: key.id, version_id: key.primary_version_id, created_at: t, keyring: keyringName, wrapped_material: wrapped, public_key: null }).execute();
    await ctx.db
      .updateTable('kms_keys')
      .set({ state: key.state === 'PendingImport' ? 'Enabled' : key.state, material_expire_at: expireMs === 0 ? null : isoAt(expireMs), import_check: check, updated_at: t })
      .where('id', '=', key.id)
      .execute();
  } finally {
    material.fill(0);
  }
}

/** DeleteKeyMaterial (also what expiry does): the wrapped material is deleted and the key waits for an import. */
export async function deleteKeyMaterial(ctx: KmsContext, input: { KeyId: string }): Promise<void> {
  const key = externalKey(await findKey(ctx, input.KeyId));
  await ctx.db.deleteFrom('kms_key_versions').where('key_id', '=', key.id).execute();
  await ctx.db.updateTable('kms_keys').set({ state: 'PendingImport', material_expire_at: null, updated_at: now(ctx) }).where('id', '=', key.id).execute();
}
