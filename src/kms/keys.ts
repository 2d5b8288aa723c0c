import { randomUUID } from 'node:crypto';
import { BulwarkError } from '../core/errors.js';
import { keyArn, parseKeyArn } from './arn.js';
import { isoAt, now, type KmsContext } from './context.js';
import { applyKeyFilters, parseKeyFilters } from './key-filters.js';
import { keySpec, type KeyUsage } from './key-specs.js';
import type { KmsTables } from './tables.js';
import { addVersion } from './versions.js';

export type KeyRow = KmsTables['kms_keys'];

export const MIN_ROTATION_SECONDS = 7 * 86400;
export const MAX_ROTATION_SECONDS = 365 * 86400;

/** DescribeKey's KeyMetadata. */
export function keyMetadata(row: KeyRow): Record<string, unknown> {
  return {
    KeyId: row.id,
    Arn: keyArn(row.region, row.account_id, row.id),
    CreationDate: row.created_at,
    Creator: row.creator,
    Description: row.description,
    KeyState: row.state,
    KeyUsage: row.key_usage,
    KeySpec: row.key_spec,
    Origin: row.origin,
    ProtectionLevel: row.protection_level,
    PrimaryKeyVersion: row.primary_version_id,
    AutomaticRotation: row.automatic_rotation,
    ...(row.rotation_interval_seconds ? { RotationInterval: `${row.rotation_interval_seconds}s` } : {}),
    ...(row.last_rotation_at ? { LastRotationDate: row.last_rotation_at } : {}),
    ...(row.next_rotation_at ? { NextRotationDate: row.next_rotation_at } : {}),
    ...(row.delete_at ? { DeleteDate: row.delete_at } : {}),
    ...(row.material_expire_at ? { MaterialExpireTime: row.material_expire_at } : {}),
    DeletionProtection: row.deletion_protection ? 'Enabled' : 'Disabled',
    ...(row.deletion_protection ? { DeletionProtectionDescription: row.deletion_protection_description } : {}),
  };
}

/** Resolves a key id, key ARN or `alias/…` of the caller's account, or throws a not-found error. */
export async function findKey(ctx: KmsContext, ref: string): Promise<KeyRow> {
  // Changes read what they change from their transaction, never from the cache.
  const cache = ctx.db.isTransaction ? undefined : ctx.keyCache;
  const accountId = ctx.caller.accountId;
  let id: string | undefined = ref;
  if (ref.startsWith('alias/')) {
    const load = async () => (await ctx.db.selectFrom('kms_aliases').select('key_id').where('account_id', '=', accountId).where('region', '=', ctx.region).where('alias_name', '=', ref).executeTakeFirst())?.key_id;
    id = cache ? await cache.alias(accountId, ctx.region, ref, load) : await load();
    if (id === undefined) throw new BulwarkError('Forbidden.AliasNotFound', { alias: ref });
  } else if (ref.startsWith('acs:kms:')) {
    // An ARN must name this region and the caller's account; it is never a way to reach another key.
    const arn = parseKeyArn(ref);
    if (!arn || arn.region !== ctx.region || arn.accountId !== accountId) throw new BulwarkError('Forbidden.KeyNotFound', { keyId: ref });
    id = arn.keyId;
  }
  const keyId = id;
  const load = () => ctx.db.selectFrom('kms_keys').selectAll().where('id', '=', keyId).where('account_id', '=', accountId).where('region', '=', ctx.region).executeTakeFirst();
  const row = cache ? await cache.key(accountId, ctx.region, keyId, load) : await load();
  if (!row) throw new BulwarkError('Forbidden.KeyNotFound', { keyId: ref });
  return row;
}

/** A key that may be used for `usage` right now: enabled, with the right usage. */
export async function usableKey(ctx: KmsContext, ref: string, usage: KeyUsage, operation: string): Promise<KeyRow> {
  const row = await findKey(ctx, ref);
  assertUsable(row, usage, operation, ctx.clock.now());
  return row;
}

export function assertUsable(row: KeyRow, usage: KeyUsage, operation: string, at: Date): void {
  if (row.state === 'Disabled') throw new BulwarkError('Rejected.Disabled', { keyId: row.id });
  if (row.state === 'PendingDeletion') throw new BulwarkError('Rejected.PendingDeletion', { resource: 'key', name: row.id });
  // Imported material past its expiry is unusable at once, before the scheduler deletes it.
  if (row.state === 'PendingImport' || (row.material_expire_at !== null && Date.parse(row.material_expire_at) <= at.getTime())) throw new BulwarkError('Rejected.PendingImport', { keyId: row.id });
  if (row.key_usage !== usage) throw new BulwarkError('Rejected.IncorrectKeyUsage', { keyId: row.id, keyUsage: row.key_usage, operation });
}

export interface CreateKeyInput {
  KeySpec?: string | undefined;
  KeyUsage?: string | undefined;
  Description?: string | undefined;
  Origin?: string | undefined;
  ProtectionLevel?: string | undefined;
  EnableAutomaticRotation?: boolean | undefined;
  RotationInterval?: number | undefined;
}

/** CreateKey: a key with its first version, wrapped by the keyring of its ProtectionLevel. */
export async function createKey(ctx: KmsContext, input: CreateKeyInput): Promise<KeyRow> {
  const spec = keySpec(input.KeySpec ?? 'Aliyun_AES_256');
  const usage = (input.KeyUsage ?? spec.usages[0]!) as KeyUsage;
  if (!spec.usages.includes(usage)) throw new BulwarkError('InvalidParameter.KeyUsage', { keyUsage: usage, keySpec: spec.name });
  const origin = input.Origin ?? 'Aliyun_KMS';
  const external = origin === 'EXTERNAL';
  if (external && spec.kind !== 'symmetric') throw new BulwarkError('InvalidParameter.KeySpec', { keySpec: spec.name, reason: ' for Origin EXTERNAL (key material can be imported into symmetric keys only)' });
  if (external && input.EnableAutomaticRotation === true) throw new BulwarkError('Rejected.UnsupportedOperation', { reason: 'keys with imported key material (Origin EXTERNAL) cannot rotate automatically' });
  const level = input.ProtectionLevel ?? 'SOFTWARE';
  if (level === 'HSM' && !ctx.keyrings.hsm) throw new BulwarkError('InvalidParameter.ProtectionLevel', { level, reason: 'the server has no pkcs11 keyring' });
  const rotate = input.EnableAutomaticRotation === true;
  if (rotate && spec.kind !== 'symmetric') throw new BulwarkError('Rejected.IncorrectKeySpec', { operation: 'automatic rotation', keySpec: spec.name });
  const interval = rotate ? (input.RotationInterval ?? 365 * 86400) : null;
  if (interval !== null && (interval < MIN_ROTATION_SECONDS || interval > MAX_ROTATION_SECONDS)) throw new BulwarkError('InvalidParameter', { field: 'RotationInterval', reason: 'must be 7 to 365 days' });
  const t = now(ctx);
  const id = randomUUID();
  const row: KeyRow = {
    id,
    account_id: ctx.caller.accountId,
    region: ctx.region,
    description: input.Description ?? '',
    key_spec: spec.name,
    key_usage: usage,
    origin,
    protection_level: level,
    state: external ? 'PendingImport' : 'Enabled',
    creator: ctx.caller.principalType === 'root' ? ctx.caller.accountId : ctx.caller.principalId,
    created_at: t,
    updated_at: t,
    delete_at: null,
    deletion_protection: 0,
    deletion_protection_description: '',
    primary_version_id: '',
    automatic_rotation: rotate ? 'Enabled' : 'Disabled',
    rotation_interval_seconds: interval,
    last_rotation_at: null,
    next_rotation_at: interval !== null ? isoAt(ctx.clock.now().getTime() + interval * 1000) : null,
    material_expire_at: null,
    import_check: null,
  };
  if (external) {
    // No material until ImportKeyMaterial stores it under this (only) version.
    row.primary_version_id = randomUUID();
    await ctx.db.insertInto('kms_keys').values(row).execute();
    return row;
  }
  await ctx.db.insertInto('kms_keys').values(row).execute();
  const version = await addVersion(ctx, row, t);
  row.primary_version_id = version.version_id;
  await ctx.db.updateTable('kms_keys').set({ primary_version_id: version.version_id }).where('id', '=', id).execute();
  return row;
}

/** ListKeys: the caller's keys in this region, oldest first, narrowed by `Filters` (see key-filters.ts). */
export async function listKeys(ctx: KmsContext, input: { PageNumber: number; PageSize: number; Filters?: string | undefined }): Promise<{ total: number; keys: KeyRow[] }> {
  const filters = parseKeyFilters(input.Filters);
  const base = applyKeyFilters(ctx, ctx.db.selectFrom('kms_keys').where('account_id', '=', ctx.caller.accountId).where('region', '=', ctx.region), filters);
  const count = await base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const keys = await base.selectAll().orderBy('created_at').orderBy('id').limit(input.PageSize).offset((input.PageNumber - 1) * input.PageSize).execute();
  return { total: Number(count.n), keys };
}

async function update(ctx: KmsContext, row: KeyRow, changes: Partial<KeyRow>): Promise<KeyRow> {
  const next = { ...row, ...changes, updated_at: now(ctx) };
  await ctx.db.updateTable('kms_keys').set({ ...changes, updated_at: next.updated_at }).where('id', '=', row.id).execute();
  return next;
}

export async function updateKeyDescription(ctx: KmsContext, input: { KeyId: string; Description: string }): Promise<void> {
  await update(ctx, await findKey(ctx, input.KeyId), { description: input.Description });
}

export async function enableKey(ctx: KmsContext, input: { KeyId: string }): Promise<void> {
  const row = await findKey(ctx, input.KeyId);
  if (row.state === 'PendingDeletion') throw new BulwarkError('Rejected.PendingDeletion', { resource: 'key', name: row.id });
  if (row.state === 'PendingImport') throw new BulwarkError('Rejected.PendingImport', { keyId: row.id });
  await update(ctx, row, { state: 'Enabled' });
}

export async function disableKey(ctx: KmsContext, input: { KeyId: string }): Promise<void> {
  const row = await findKey(ctx, input.KeyId);
  if (row.state === 'PendingDeletion') throw new BulwarkError('Rejected.PendingDeletion', { resource: 'key', name: row.id });
  if (row.state === 'PendingImport') throw new BulwarkError('Rejected.PendingImport', { keyId: row.id });
  await update(ctx, row, { state: 'Disabled' });
}

/** ScheduleKeyDeletion: the key becomes unusable now and is destroyed by the scheduler after the window. */
export async function scheduleKeyDeletion(ctx: KmsContext, input: { KeyId: string; PendingWindowInDays: number }): Promise<KeyRow> {
  const row = await findKey(ctx, input.KeyId);
  if (row.deletion_protection) throw new BulwarkError('Rejected.DeletionProtection', { keyId: row.id });
  if (row.state === 'PendingDeletion') throw new BulwarkError('Rejected.PendingDeletion', { resource: 'key', name: row.id });
  return update(ctx, row, { state: 'PendingDeletion', delete_at: isoAt(ctx.clock.now().getTime() + input.PendingWindowInDays * 86400_000) });
}

/** CancelKeyDeletion: back to Enabled, as Alibaba does. */
export async function cancelKeyDeletion(ctx: KmsContext, input: { KeyId: string }): Promise<void> {
  const row = await findKey(ctx, input.KeyId);
  if (row.state !== 'PendingDeletion') throw new BulwarkError('Rejected.UnsupportedOperation', { reason: `key ${row.id} is not pending deletion` });
  // An EXTERNAL key whose material was never imported (or was deleted) goes back to waiting for it.
  const material = row.origin !== 'EXTERNAL' || (await ctx.db.selectFrom('kms_key_versions').select('version_id').where('key_id', '=', row.id).executeTakeFirst()) !== undefined;
  await update(ctx, row, { state: material ? 'Enabled' : 'PendingImport', delete_at: null });
}

export async function setDeletionProtection(ctx: KmsContext, input: { ProtectedResourceArn: string; EnableDeletionProtection: boolean; DeletionProtectionDescription?: string | undefined }): Promise<void> {
  const row = await findKey(ctx, input.ProtectedResourceArn);
  await update(ctx, row, { deletion_protection: input.EnableDeletionProtection ? 1 : 0, deletion_protection_description: input.EnableDeletionProtection ? (input.DeletionProtectionDescription ?? '') : '' });
}

/** UpdateRotationPolicy: automatic rotation of symmetric keys, every 7–365 days, done by the scheduler. */
export async function updateRotationPolicy(ctx: KmsContext, input: { KeyId: string; EnableAutomaticRotation: boolean; RotationInterval?: number | undefined }): Promise<void> {
  const row = await findKey(ctx, input.KeyId);
  if (keySpec(row.key_spec).kind !== 'symmetric') throw new BulwarkError('Rejected.IncorrectKeySpec', { operation: 'automatic rotation', keySpec: row.key_spec });
  if (row.origin === 'EXTERNAL' && input.EnableAutomaticRotation) throw new BulwarkError('Rejected.UnsupportedOperation', { reason: 'keys with imported key material (Origin EXTERNAL) cannot rotate automatically' });
  if (!input.EnableAutomaticRotation) {
    await update(ctx, row, { automatic_rotation: 'Disabled', rotation_interval_seconds: null, next_rotation_at: null });
    return;
  }
  const interval = input.RotationInterval;
  if (interval === undefined) throw new BulwarkError('MissingParameter', { field: 'RotationInterval' });
  if (interval < MIN_ROTATION_SECONDS || interval > MAX_ROTATION_SECONDS) throw new BulwarkError('InvalidParameter', { field: 'RotationInterval', reason: 'must be 7 to 365 days' });
  const from = Date.parse(row.last_rotation_at ?? row.created_at);
  const next = Math.max(from + interval * 1000, ctx.clock.now().getTime());
  await update(ctx, row, { automatic_rotation: 'Enabled', rotation_interval_seconds: interval, next_rotation_at: isoAt(next) });
}

/** CreateKeyVersion (manual rotation): a new primary version; old versions keep decrypting. */
export async function rotateKey(ctx: KmsContext, row: KeyRow): Promise<string> {
  if (keySpec(row.key_spec).kind !== 'symmetric') throw new BulwarkError('Rejected.IncorrectKeySpec', { operation: 'CreateKeyVersion', keySpec: row.key_spec });
  if (row.origin === 'EXTERNAL') throw new BulwarkError('Rejected.UnsupportedOperation', { reason: 'keys with imported key material (Origin EXTERNAL) have one version; import the same material again instead' });
  if (row.state !== 'Enabled') throw new BulwarkError(row.state === 'Disabled' ? 'Rejected.Disabled' : 'Rejected.PendingDeletion', { keyId: row.id, resource: 'key', name: row.id });
  const t = now(ctx);
  const version = await addVersion(ctx, row, t);
  const next = row.rotation_interval_seconds ? isoAt(ctx.clock.now().getTime() + row.rotation_interval_seconds * 1000) : null;
  await update(ctx, row, { primary_version_id: version.version_id, last_rotation_at: t, next_rotation_at: next });
  return version.version_id;
}

/** Destroys a key whose deletion window has passed: versions, aliases and tags go with it. */
export async function destroyKey(ctx: KmsContext, keyId: string): Promise<void> {
  await ctx.db.deleteFrom('kms_aliases').where('key_id', '=', keyId).execute();
  await ctx.db.deleteFrom('kms_tags').where('resource_type', '=', 'key').where('resource_id', '=', keyId).execute();
  await ctx.db.deleteFrom('kms_key_versions').where('key_id', '=', keyId).execute();
  await ctx.db.deleteFrom('kms_keys').where('id', '=', keyId).execute();
}
