import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import type { KmsContext } from '../../kms/context.js';
import { aliasView, createAlias, deleteAlias, listAliases, updateAlias } from '../../kms/aliases.js';
import { keyArn } from '../../kms/arn.js';
import { cancelKeyDeletion, createKey, disableKey, enableKey, findKey, keyMetadata, listKeys, rotateKey, scheduleKeyDeletion, setDeletionProtection, updateKeyDescription, updateRotationPolicy } from '../../kms/keys.js';
import { KEY_SPECS } from '../../kms/key-specs.js';
import { describeSecret } from '../../kms/secrets.js';
import { listTags, parseTagKeys, parseTags, tagResource, untagResource } from '../../kms/tags.js';
import { requireVersion, versionView } from '../../kms/versions.js';
import type { AnyActionDef } from '../action.js';
import { aliasName, aliasResource, anyKey, booleanParam, description, interval, keyRef, keyResource, kmsAction, pageNumber, pageSize, secretResource, versionId } from './common.js';

const keySpecName = z.enum(Object.keys(KEY_SPECS) as [string, ...string[]]);

export const keyActions: AnyActionDef[] = [
  kmsAction(
    'CreateKey',
    'Write',
    z.object({
      KeySpec: keySpecName.optional(),
      KeyUsage: z.enum(['ENCRYPT/DECRYPT', 'SIGN/VERIFY']).optional(),
      Description: description.optional(),
      Origin: z.enum(['Aliyun_KMS', 'EXTERNAL']).optional(),
      ProtectionLevel: z.enum(['SOFTWARE', 'HSM']).optional(),
      EnableAutomaticRotation: booleanParam.optional(),
      RotationInterval: interval.optional(),
    }),
    (_i, c) => anyKey(c),
    async (ctx, i) => ({ KeyMetadata: keyMetadata(await createKey(ctx, i)) }),
  ),
  kmsAction('DescribeKey', 'Read', z.object({ KeyId: keyRef }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => ({ KeyMetadata: keyMetadata(await findKey(ctx, i.KeyId)) })),
  kmsAction('ListKeys', 'Read', z.object({ PageNumber: pageNumber, PageSize: pageSize, Filters: z.string().max(8192).optional() }), (_i, c) => anyKey(c), async (ctx, i) => {
    const page = await listKeys(ctx, i);
    return { PageNumber: i.PageNumber, PageSize: i.PageSize, TotalCount: page.total, Keys: { Key: page.keys.map((k) => ({ KeyId: k.id, KeyArn: keyArn(k.region, k.account_id, k.id) })) } };
  }),
  kmsAction('UpdateKeyDescription', 'Write', z.object({ KeyId: keyRef, Description: description }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    await updateKeyDescription(ctx, i);
    return {};
  }),
  kmsAction('EnableKey', 'Write', z.object({ KeyId: keyRef }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    await enableKey(ctx, i);
    return {};
  }),
  kmsAction('DisableKey', 'Write', z.object({ KeyId: keyRef }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    await disableKey(ctx, i);
    return {};
  }),
  kmsAction('ScheduleKeyDeletion', 'Write', z.object({ KeyId: keyRef, PendingWindowInDays: z.coerce.number().int().min(7).max(366) }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    await scheduleKeyDeletion(ctx, i);
    return {};
  }),
  kmsAction('CancelKeyDeletion', 'Write', z.object({ KeyId: keyRef }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    await cancelKeyDeletion(ctx, i);
    return {};
  }),
  kmsAction(
    'SetDeletionProtection',
    'Write',
    z.object({ ProtectedResourceArn: keyRef, EnableDeletionProtection: booleanParam, DeletionProtectionDescription: z.string().max(1024).optional() }),
    (i, c) => keyResource(i.ProtectedResourceArn, c),
    async (ctx, i) => {
      await setDeletionProtection(ctx, i);
      return {};
    },
  ),
  kmsAction('UpdateRotationPolicy', 'Write', z.object({ KeyId: keyRef, EnableAutomaticRotation: booleanParam, RotationInterval: interval.optional() }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    await updateRotationPolicy(ctx, i);
    return {};
  }),
  kmsAction('CreateKeyVersion', 'Write', z.object({ KeyId: keyRef }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    const key = await findKey(ctx, i.KeyId);
    const id = await rotateKey(ctx, key);
    return { KeyVersion: versionView(await requireVersion(ctx, key.id, id)) };
  }),
  kmsAction('DescribeKeyVersion', 'Read', z.object({ KeyId: keyRef, KeyVersionId: versionId }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    const key = await findKey(ctx, i.KeyId);
    return { KeyVersion: versionView(await requireVersion(ctx, key.id, i.KeyVersionId)) };
  }),
  kmsAction('ListKeyVersions', 'Read', z.object({ KeyId: keyRef, PageNumber: pageNumber, PageSize: pageSize }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    const key = await findKey(ctx, i.KeyId);
    const all = await ctx.db.selectFrom('kms_key_versions').selectAll().where('key_id', '=', key.id).orderBy('created_at').orderBy('version_id').execute();
    const page = all.slice((i.PageNumber - 1) * i.PageSize, i.PageNumber * i.PageSize);
    return { PageNumber: i.PageNumber, PageSize: i.PageSize, TotalCount: all.length, KeyVersions: { KeyVersion: page.map(versionView) } };
  }),
  kmsAction('CreateAlias', 'Write', z.object({ AliasName: aliasName, KeyId: keyRef }), (i, c) => [aliasResource(i.AliasName, c), keyResource(i.KeyId, c)], async (ctx, i) => {
    await createAlias(ctx, i);
    return {};
  }),
  kmsAction('UpdateAlias', 'Write', z.object({ AliasName: aliasName, KeyId: keyRef }), (i, c) => [aliasResource(i.AliasName, c), keyResource(i.KeyId, c)], async (ctx, i) => {
    await updateAlias(ctx, i);
    return {};
  }),
  kmsAction('DeleteAlias', 'Write', z.object({ AliasName: aliasName }), (i, c) => aliasResource(i.AliasName, c), async (ctx, i) => {
    await deleteAlias(ctx, i);
    return {};
  }),
  kmsAction('ListAliases', 'Read', z.object({ PageNumber: pageNumber, PageSize: pageSize }), (_i, c) => aliasResource('alias/*', c), async (ctx, i) => {
    const page = await listAliases(ctx, i);
    return { PageNumber: i.PageNumber, PageSize: i.PageSize, TotalCount: page.total, Aliases: { Alias: page.aliases.map(aliasView) } };
  }),
  kmsAction('ListAliasesByKeyId', 'Read', z.object({ KeyId: keyRef, PageNumber: pageNumber, PageSize: pageSize }), (i, c) => keyResource(i.KeyId, c), async (ctx, i) => {
    const page = await listAliases(ctx, i);
    return { PageNumber: i.PageNumber, PageSize: i.PageSize, TotalCount: page.total, Aliases: { Alias: page.aliases.map(aliasView) } };
  }),
  kmsAction(
    'TagResource',
    'Write',
    z.object({ KeyId: keyRef.optional(), SecretName: z.string().min(1).max(192).optional(), Tags: z.string().min(2) }),
    (i, c) => (i.SecretName ? secretResource(i.SecretName, c) : keyResource(i.KeyId ?? '', c)),
    async (ctx, i) => {
      const { type, id } = await tagTarget(ctx, i);
      await tagResource(ctx, type, id, parseTags(i.Tags));
      return {};
    },
  ),
  kmsAction(
    'UntagResource',
    'Write',
    z.object({ KeyId: keyRef.optional(), SecretName: z.string().min(1).max(192).optional(), TagKeys: z.string().min(2) }),
    (i, c) => (i.SecretName ? secretResource(i.SecretName, c) : keyResource(i.KeyId ?? '', c)),
    async (ctx, i) => {
      const { type, id } = await tagTarget(ctx, i);
      await untagResource(ctx, type, id, parseTagKeys(i.TagKeys));
      return {};
    },
  ),
  kmsAction(
    'ListResourceTags',
    'Read',
    z.object({ KeyId: keyRef.optional(), SecretName: z.string().min(1).max(192).optional() }),
    (i, c) => (i.SecretName ? secretResource(i.SecretName, c) : keyResource(i.KeyId ?? '', c)),
    async (ctx, i) => {
      const { type, id } = await tagTarget(ctx, i);
      const tags = await listTags(ctx, type, id);
      return { Tags: { Tag: tags.map((t) => ({ ...(type === 'key' ? { KeyId: id } : { SecretName: id }), ...t })) } };
    },
  ),
];

async function tagTarget(ctx: KmsContext, i: { KeyId?: string | undefined; SecretName?: string | undefined }): Promise<{ type: 'key' | 'secret'; id: string }> {
  if (i.SecretName) {
    await describeSecret(ctx, { SecretName: i.SecretName });
    return { type: 'secret', id: i.SecretName };
  }
  if (!i.KeyId) throw new BulwarkError('MissingParameter', { field: 'KeyId' });
  return { type: 'key', id: (await findKey(ctx, i.KeyId)).id };
}
