import { BulwarkError } from '../core/errors.js';
import { secretArn } from './arn.js';
import { createAlias } from './aliases.js';
import { isoAt, now, type KmsContext } from './context.js';
import { decryptBytes } from './decrypt.js';
import { encryptBytes } from './encrypt.js';
import { createKey, findKey } from './keys.js';
import { randomPassword } from './random-password.js';
import type { KmsTables } from './tables.js';
import { listTags, tagResource } from './tags.js';

type SecretRow = KmsTables['kms_secrets'];
type VersionRow = KmsTables['kms_secret_versions'];

export const CURRENT = 'ACSCurrent';
export const PREVIOUS = 'ACSPrevious';
/** Alias of the key that encrypts secrets created without EncryptionKeyId (made on first use). */
export const DEFAULT_SECRETS_KEY_ALIAS = 'alias/acs/secretsmanager';
export const MAX_SECRET_BYTES = 30720;

function stagesOf(row: VersionRow): string[] {
  return JSON.parse(row.stages) as string[];
}

function secretContext(name: string, versionId: string): Record<string, string> {
  return { SecretName: name, SecretVersionId: versionId };
}

async function findSecret(ctx: KmsContext, name: string): Promise<SecretRow> {
  const row = await ctx.db.selectFrom('kms_secrets').selectAll().where('account_id', '=', ctx.caller.accountId).where('region', '=', ctx.region).where('name', '=', name).executeTakeFirst();
  if (!row) throw new BulwarkError('Forbidden.ResourceNotFound', { resource: `secret/${name}` });
  return row;
}

async function liveSecret(ctx: KmsContext, name: string): Promise<SecretRow> {
  const row = await findSecret(ctx, name);
  if (row.delete_at) throw new BulwarkError('Rejected.PendingDeletion', { resource: 'secret', name });
  return row;
}

async function versions(ctx: KmsContext, name: string): Promise<VersionRow[]> {
  return ctx.db.selectFrom('kms_secret_versions').selectAll().where('account_id', '=', ctx.caller.accountId).where('region', '=', ctx.region).where('secret_name', '=', name).orderBy('created_at').orderBy('version_id').execute();
}

async function setStages(ctx: KmsContext, row: VersionRow, stages: string[]): Promise<void> {
  await ctx.db
    .updateTable('kms_secret_versions')
    .set({ stages: JSON.stringify(stages) })
    .where('account_id', '=', row.account_id)
    .where('region', '=', row.region)
    .where('secret_name', '=', row.secret_name)
    .where('version_id', '=', row.version_id)
    .execute();
}

async function defaultKeyId(ctx: KmsContext): Promise<string> {
  try {
    return (await findKey(ctx, DEFAULT_SECRETS_KEY_ALIAS)).id;
  } catch (e) {
    if (!(e instanceof BulwarkError) || e.code !== 'Forbidden.AliasNotFound') throw e;
  }
  const key = await createKey(ctx, { Description: 'Default key of the secrets manager (created by Bulwark)' });
  await createAlias(ctx, { AliasName: DEFAULT_SECRETS_KEY_ALIAS, KeyId: key.id });
  return key.id;
}

/** Stores a new version (encrypted by the secret's key) and moves the given stages to it; ACSCurrent's old holder becomes ACSPrevious. */
async function addVersion(ctx: KmsContext, secret: SecretRow, versionId: string, data: string, dataType: string, stages: string[]): Promise<void> {
  if (Buffer.byteLength(data, 'utf8') > MAX_SECRET_BYTES) throw new BulwarkError('InvalidParameter', { field: 'SecretData', reason: `larger than ${MAX_SECRET_BYTES} bytes` });
  const existing = await versions(ctx, secret.name);
  if (existing.some((v) => v.version_id === versionId)) throw new BulwarkError('Rejected.ResourceExist', { resource: 'secret version', name: versionId });
  const { CiphertextBlob } = await encryptBytes(ctx, secret.encryption_key_id, Buffer.from(data, 'utf8'), secretContext(secret.name, versionId));
  await moveStages(ctx, existing, stages);
  await ctx.db
    .insertInto('kms_secret_versions')
    .values({ account_id: secret.account_id, region: secret.region, secret_name: secret.name, version_id: versionId, created_at: now(ctx), data_type: dataType, ciphertext: CiphertextBlob, stages: JSON.stringify(stages) })
    .execute();
}

/** Takes `stages` away from every version in `existing`; taking ACSCurrent hands ACSPrevious to its old holder. */
async function moveStages(ctx: KmsContext, existing: VersionRow[], stages: string[]): Promise<void> {
  const movesCurrent = stages.includes(CURRENT);
  for (const v of existing) {
    const before = stagesOf(v);
    let after = before.filter((s) => !stages.includes(s));
    if (movesCurrent) {
      after = after.filter((s) => s !== PREVIOUS);
      if (before.includes(CURRENT)) after.push(PREVIOUS);
    }
    if (after.join() !== before.join()) await setStages(ctx, v, after);
  }
}

export interface CreateSecretInput {
  SecretName: string;
  VersionId: string;
  SecretData: string;
  SecretDataType: 'text' | 'binary';
  EncryptionKeyId?: string | undefined;
  Description?: string | undefined;
  Tags?: { TagKey: string; TagValue: string }[] | undefined;
  SecretType: string;
  EnableAutomaticRotation?: boolean | undefined;
  RotationInterval?: number | undefined;
}

export async function createSecret(ctx: KmsContext, input: CreateSecretInput): Promise<Record<string, unknown>> {
  if (input.SecretType !== 'Generic') throw new BulwarkError('Rejected.UnsupportedOperation', { reason: `SecretType ${input.SecretType}: only Generic secrets are stored (Rds, RAMCredentials, ECS, Redis and PolarDB secrets rotate credentials inside those cloud services)` });
  const clash = await ctx.db.selectFrom('kms_secrets').select('name').where('account_id', '=', ctx.caller.accountId).where('region', '=', ctx.region).where('name', '=', input.SecretName).executeTakeFirst();
  if (clash) throw new BulwarkError('Rejected.ResourceExist', { resource: 'secret', name: input.SecretName });
  const keyId = input.EncryptionKeyId ? (await findKey(ctx, input.EncryptionKeyId)).id : await defaultKeyId(ctx);
  const rotate = input.EnableAutomaticRotation === true;
  const interval = rotate ? (input.RotationInterval ?? 365 * 86400) : null;
  if (interval !== null && (interval < 6 * 3600 || interval > 365 * 86400)) throw new BulwarkError('InvalidParameter', { field: 'RotationInterval', reason: 'must be 6 hours to 365 days' });
  const t = now(ctx);
  const row: SecretRow = {
    account_id: ctx.caller.accountId,
    region: ctx.region,
    name: input.SecretName,
    description: input.Description ?? '',
    encryption_key_id: keyId,
    secret_type: input.SecretType,
    created_at: t,
    updated_at: t,
    delete_at: null,
    automatic_rotation: rotate ? 'Enabled' : 'Disabled',
    rotation_interval_seconds: interval,
    last_rotation_at: null,
    next_rotation_at: interval !== null ? isoAt(ctx.clock.now().getTime() + interval * 1000) : null,
  };
  await ctx.db.insertInto('kms_secrets').values(row).execute();
  await addVersion(ctx, row, input.VersionId, input.SecretData, input.SecretDataType, [CURRENT]);
  if (input.Tags?.length) await tagResource(ctx, 'secret', row.name, input.Tags);
  return {
    Arn: secretArn(row.region, row.account_id, row.name),
    SecretName: row.name,
    VersionId: input.VersionId,
    SecretType: row.secret_type,
    AutomaticRotation: row.automatic_rotation,
    ...(interval !== null ? { RotationInterval: `${interval}s`, NextRotationDate: row.next_rotation_at } : {}),
  };
}

/** GetSecretValue: by VersionId, else by VersionStage (default ACSCurrent). */
export async function getSecretValue(ctx: KmsContext, input: { SecretName: string; VersionId?: string | undefined; VersionStage?: string | undefined }): Promise<Record<string, unknown>> {
  const secret = await liveSecret(ctx, input.SecretName);
  const all = await versions(ctx, secret.name);
  const stage = input.VersionStage ?? (input.VersionId ? undefined : CURRENT);
  const version = all.find((v) => (input.VersionId === undefined || v.version_id === input.VersionId) && (stage === undefined || stagesOf(v).includes(stage)));
  if (!version) throw new BulwarkError('Forbidden.ResourceNotFound', { resource: `secret/${secret.name} version ${input.VersionId ?? ''}${stage ?? ''}` });
  const data = await decryptBytes(ctx, version.ciphertext, secretContext(secret.name, version.version_id));
  return {
    SecretName: secret.name,
    SecretType: secret.secret_type,
    SecretData: data.plaintext.toString('utf8'),
    SecretDataType: version.data_type,
    VersionId: version.version_id,
    VersionStages: { VersionStage: stagesOf(version) },
    CreateTime: version.created_at,
    AutomaticRotation: secret.automatic_rotation,
    ...(secret.last_rotation_at ? { LastRotationDate: secret.last_rotation_at } : {}),
    ...(secret.next_rotation_at ? { NextRotationDate: secret.next_rotation_at } : {}),
  };
}

export async function putSecretValue(ctx: KmsContext, input: { SecretName: string; VersionId: string; SecretData: string; SecretDataType: 'text' | 'binary'; VersionStages: string[] }): Promise<Record<string, unknown>> {
  const secret = await liveSecret(ctx, input.SecretName);
  const stages = input.VersionStages.length > 0 ? input.VersionStages : [CURRENT];
  await addVersion(ctx, secret, input.VersionId, input.SecretData, input.SecretDataType, stages);
  await touch(ctx, secret);
  return { SecretName: secret.name, VersionId: input.VersionId, VersionStages: { VersionStage: stages } };
}

async function touch(ctx: KmsContext, secret: SecretRow, changes: Partial<SecretRow> = {}): Promise<void> {
  await ctx.db.updateTable('kms_secrets').set({ ...changes, updated_at: now(ctx) }).where('account_id', '=', secret.account_id).where('region', '=', secret.region).where('name', '=', secret.name).execute();
}

/** UpdateSecretVersionStage: moves a stage between versions (ACSCurrent moves leave ACSPrevious on the old holder). */
export async function updateSecretVersionStage(ctx: KmsContext, input: { SecretName: string; VersionStage: string; RemoveFromVersion?: string | undefined; MoveToVersion?: string | undefined }): Promise<void> {
  const secret = await liveSecret(ctx, input.SecretName);
  if (!input.RemoveFromVersion && !input.MoveToVersion) throw new BulwarkError('MissingParameter', { field: 'MoveToVersion' });
  const all = await versions(ctx, secret.name);
  const byId = (id: string): VersionRow => {
    const v = all.find((x) => x.version_id === id);
    if (!v) throw new BulwarkError('Forbidden.ResourceNotFound', { resource: `secret/${secret.name} version ${id}` });
    return v;
  };
  if (input.RemoveFromVersion) {
    const from = byId(input.RemoveFromVersion);
    if (!stagesOf(from).includes(input.VersionStage)) throw new BulwarkError('InvalidParameter', { field: 'RemoveFromVersion', reason: `version ${from.version_id} does not carry ${input.VersionStage}` });
    if (input.VersionStage === CURRENT && !input.MoveToVersion) throw new BulwarkError('MissingParameter', { field: 'MoveToVersion' });
  }
  if (input.MoveToVersion) {
    const to = byId(input.MoveToVersion);
    await moveStages(ctx, all.filter((v) => v.version_id !== to.version_id), [input.VersionStage]);
    const fresh = (await versions(ctx, secret.name)).find((v) => v.version_id === to.version_id)!;
    await setStages(ctx, fresh, [...stagesOf(fresh).filter((s) => s !== input.VersionStage && !(input.VersionStage === CURRENT && s === PREVIOUS)), input.VersionStage]);
  } else {
    const from = byId(input.RemoveFromVersion!);
    await setStages(ctx, from, stagesOf(from).filter((s) => s !== input.VersionStage));
  }
  await touch(ctx, secret);
}

function secretSummary(row: SecretRow): Record<string, unknown> {
  return {
    SecretName: row.name,
    SecretType: row.secret_type,
    CreateTime: row.created_at,
    UpdateTime: row.updated_at,
    ...(row.delete_at ? { PlannedDeleteTime: row.delete_at } : {}),
  };
}

export async function listSecrets(ctx: KmsContext, input: { PageNumber: number; PageSize: number; FetchTags: boolean }): Promise<Record<string, unknown>> {
  const base = ctx.db.selectFrom('kms_secrets').where('account_id', '=', ctx.caller.accountId).where('region', '=', ctx.region);
  const count = await base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('name').limit(input.PageSize).offset((input.PageNumber - 1) * input.PageSize).execute();
  const list = [];
  for (const row of rows) list.push({ ...secretSummary(row), ...(input.FetchTags ? { Tags: { Tag: await listTags(ctx, 'secret', row.name) } } : {}) });
  return { PageNumber: input.PageNumber, PageSize: input.PageSize, TotalCount: Number(count.n), SecretList: { Secret: list } };
}

export async function describeSecret(ctx: KmsContext, input: { SecretName: string }): Promise<Record<string, unknown>> {
  const row = await findSecret(ctx, input.SecretName);
  return {
    Arn: secretArn(row.region, row.account_id, row.name),
    ...secretSummary(row),
    Description: row.description,
    EncryptionKeyId: row.encryption_key_id,
    AutomaticRotation: row.automatic_rotation,
    ...(row.rotation_interval_seconds ? { RotationInterval: `${row.rotation_interval_seconds}s` } : {}),
    ...(row.last_rotation_at ? { LastRotationDate: row.last_rotation_at } : {}),
    ...(row.next_rotation_at ? { NextRotationDate: row.next_rotation_at } : {}),
    Tags: { Tag: await listTags(ctx, 'secret', row.name) },
  };
}

export async function listSecretVersionIds(ctx: KmsContext, input: { SecretName: string; IncludeDeprecated: boolean; PageNumber: number; PageSize: number }): Promise<Record<string, unknown>> {
  const secret = await findSecret(ctx, input.SecretName);
  const all = (await versions(ctx, secret.name)).filter((v) => input.IncludeDeprecated || stagesOf(v).length > 0);
  const page = all.slice((input.PageNumber - 1) * input.PageSize, input.PageNumber * input.PageSize);
  return {
    SecretName: secret.name,
    PageNumber: input.PageNumber,
    PageSize: input.PageSize,
    TotalCount: all.length,
    VersionIds: { VersionId: page.map((v) => ({ VersionId: v.version_id, CreateTime: v.created_at, VersionStages: { VersionStage: stagesOf(v) } })) },
  };
}

/** DeleteSecret: after a 7–30 day recovery window (default 30), or at once with ForceDeleteWithoutRecovery. */
export async function deleteSecret(ctx: KmsContext, input: { SecretName: string; RecoveryWindowInDays?: number | undefined; ForceDeleteWithoutRecovery: boolean }): Promise<Record<string, unknown>> {
  const secret = await findSecret(ctx, input.SecretName);
  if (input.ForceDeleteWithoutRecovery) {
    await destroySecret(ctx, secret.name);
    return { SecretName: secret.name };
  }
  const days = input.RecoveryWindowInDays ?? 30;
  if (days < 7 || days > 30) throw new BulwarkError('InvalidParameter', { field: 'RecoveryWindowInDays', reason: 'must be 7 to 30' });
  const deleteAt = isoAt(ctx.clock.now().getTime() + days * 86400_000);
  await touch(ctx, secret, { delete_at: deleteAt });
  return { SecretName: secret.name, PlannedDeleteTime: deleteAt };
}

export async function restoreSecret(ctx: KmsContext, input: { SecretName: string }): Promise<void> {
  const secret = await findSecret(ctx, input.SecretName);
  if (!secret.delete_at) throw new BulwarkError('Rejected.UnsupportedOperation', { reason: `secret ${secret.name} is not pending deletion` });
  await touch(ctx, secret, { delete_at: null });
}

/**
 * RotateSecret for Generic secrets: a new version `VersionId` holding a fresh random password
 * (32 characters, GetRandomPassword's defaults) becomes ACSCurrent; the old one ACSPrevious.
 */
export async function rotateSecret(ctx: KmsContext, input: { SecretName: string; VersionId: string }): Promise<Record<string, unknown>> {
  const secret = await liveSecret(ctx, input.SecretName);
  await addVersion(ctx, secret, input.VersionId, randomPassword({ length: 32 }), 'text', [CURRENT]);
  const t = now(ctx);
  await touch(ctx, secret, { last_rotation_at: t, ...(secret.rotation_interval_seconds ? { next_rotation_at: isoAt(ctx.clock.now().getTime() + secret.rotation_interval_seconds * 1000) } : {}) });
  return { Arn: secretArn(secret.region, secret.account_id, secret.name), SecretName: secret.name, VersionId: input.VersionId };
}

/** Removes a secret, its versions and tags for good. */
export async function destroySecret(ctx: KmsContext, name: string): Promise<void> {
  const scope = { account: ctx.caller.accountId, region: ctx.region };
  await ctx.db.deleteFrom('kms_secret_versions').where('account_id', '=', scope.account).where('region', '=', scope.region).where('secret_name', '=', name).execute();
  await ctx.db.deleteFrom('kms_tags').where('account_id', '=', scope.account).where('resource_type', '=', 'secret').where('resource_id', '=', name).execute();
  await ctx.db.deleteFrom('kms_secrets').where('account_id', '=', scope.account).where('region', '=', scope.region).where('name', '=', name).execute();
}
