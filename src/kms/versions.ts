import { randomUUID } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';
import { keyringFor, now, type KmsContext } from './context.js';
import { generateMaterial, keySpec } from './key-specs.js';
import type { KmsTables } from './tables.js';

type KeyRow = KmsTables['kms_keys'];
type VersionRow = KmsTables['kms_key_versions'];

/** The wrapping context binds material to its key and version. */
export function wrapContext(keyId: string, versionId: string): string {
  return `bulwark-kms:key/${keyId}/version/${versionId}`;
}

/** Makes fresh material for a key, wraps it with the key's keyring and stores the version. */
export async function addVersion(ctx: KmsContext, key: Pick<KeyRow, 'id' | 'key_spec' | 'protection_level'>, at = now(ctx)): Promise<VersionRow> {
  const keyringName = key.protection_level === 'HSM' ? 'pkcs11' : 'file';
  const keyring = keyringFor(ctx.keyrings, keyringName);
  const { material, publicKey } = await generateMaterial(keySpec(key.key_spec));
  const versionId = randomUUID();
  const wrapped = await keyring.wrap(material, wrapContext(key.id, versionId));
  material.fill(0);
  const row: VersionRow = { key_id: key.id, version_id: versionId, created_at: at, keyring: keyringName, wrapped_material: wrapped, public_key: publicKey };
  await ctx.db.insertInto('kms_key_versions').values(row).execute();
  return row;
}

export async function requireVersion(ctx: KmsContext, keyId: string, versionId: string): Promise<VersionRow> {
  const load = () => ctx.db.selectFrom('kms_key_versions').selectAll().where('key_id', '=', keyId).where('version_id', '=', versionId).executeTakeFirst();
  const cache = ctx.db.isTransaction ? undefined : ctx.keyCache;
  const row = cache ? await cache.version(keyId, versionId, load) : await load();
  if (!row) throw new BulwarkError('Forbidden.KeyVersionNotFound', { keyId, keyVersionId: versionId });
  return row;
}

/** Unwraps a version's material; the caller must zero it after use. */
export async function unwrapMaterial(ctx: KmsContext, version: VersionRow): Promise<Buffer> {
  return keyringFor(ctx.keyrings, version.keyring).unwrap(version.wrapped_material, wrapContext(version.key_id, version.version_id));
}

export function versionView(row: VersionRow): { KeyId: string; KeyVersionId: string; CreationDate: string } {
  return { KeyId: row.key_id, KeyVersionId: row.version_id, CreationDate: row.created_at };
}
