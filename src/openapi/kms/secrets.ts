import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import {
  createSecret,
  deleteSecret,
  describeSecret,
  getSecretValue,
  listSecrets,
  listSecretVersionIds,
  putSecretValue,
  restoreSecret,
  rotateSecret,
  updateSecretVersionStage,
} from '../../kms/secrets.js';
import { parseTags } from '../../kms/tags.js';
import type { AnyActionDef } from '../action.js';
import { booleanParam, interval, keyRef, kmsAction, pageNumber, pageSize, secretResource } from './common.js';

const secretName = z.string().min(1).max(192).regex(/^[A-Za-z0-9_/+=.@-]+$/, 'expected 1–192 characters of A–Z a–z 0–9 _ / + = . @ -');
const secretVersionId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'expected 1–64 characters of A–Z a–z 0–9 _ . -');
const stage = z.string().min(1).max(64);
const dataType = z.enum(['text', 'binary']).default('text');

function stageList(text: string | undefined): string[] {
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BulwarkError('InvalidParameter', { field: 'VersionStages', reason: 'not valid JSON' });
  }
  const parsed = z.array(stage).max(10).safeParse(value);
  if (!parsed.success) throw new BulwarkError('InvalidParameter', { field: 'VersionStages', reason: 'expected a JSON array of stage names' });
  return parsed.data;
}

// GetSecretValue is a 'Read' call, so its response (SecretData) never reaches the audit trail;
// SecretData request parameters of Create/Put are redacted by name.
export const secretActions: AnyActionDef[] = [
  kmsAction(
    'CreateSecret',
    'Write',
    z.object({
      SecretName: secretName,
      VersionId: secretVersionId,
      SecretData: z.string().min(1),
      SecretDataType: dataType,
      EncryptionKeyId: keyRef.optional(),
      Description: z.string().max(1024).optional(),
      Tags: z.string().optional(),
      SecretType: z.string().default('Generic'),
      EnableAutomaticRotation: booleanParam.optional(),
      RotationInterval: interval.optional(),
    }),
    (i, c) => secretResource(i.SecretName, c),
    async (ctx, i) => createSecret(ctx, { ...i, Tags: i.Tags ? parseTags(i.Tags) : undefined }),
  ),
  kmsAction(
    'GetSecretValue',
    'Read',
    z.object({ SecretName: secretName, VersionId: secretVersionId.optional(), VersionStage: stage.optional(), FetchExtendedConfig: booleanParam.optional() }),
    (i, c) => secretResource(i.SecretName, c),
    (ctx, i) => getSecretValue(ctx, i),
  ),
  kmsAction(
    'PutSecretValue',
    'Write',
    z.object({ SecretName: secretName, VersionId: secretVersionId, SecretData: z.string().min(1), SecretDataType: dataType, VersionStages: z.string().optional() }),
    (i, c) => secretResource(i.SecretName, c),
    (ctx, i) => putSecretValue(ctx, { ...i, VersionStages: stageList(i.VersionStages) }),
  ),
  kmsAction(
    'UpdateSecretVersionStage',
    'Write',
    z.object({ SecretName: secretName, VersionStage: stage, RemoveFromVersion: secretVersionId.optional(), MoveToVersion: secretVersionId.optional() }),
    (i, c) => secretResource(i.SecretName, c),
    async (ctx, i) => {
      await updateSecretVersionStage(ctx, i);
      return { SecretName: i.SecretName };
    },
  ),
  kmsAction('ListSecrets', 'Read', z.object({ PageNumber: pageNumber, PageSize: pageSize, FetchTags: booleanParam.default(false) }), (_i, c) => secretResource('*', c), (ctx, i) => listSecrets(ctx, i)),
  kmsAction('DescribeSecret', 'Read', z.object({ SecretName: secretName, FetchTags: booleanParam.optional() }), (i, c) => secretResource(i.SecretName, c), (ctx, i) => describeSecret(ctx, i)),
  kmsAction(
    'ListSecretVersionIds',
    'Read',
    z.object({ SecretName: secretName, IncludeDeprecated: booleanParam.default(false), PageNumber: pageNumber, PageSize: pageSize }),
    (i, c) => secretResource(i.SecretName, c),
    (ctx, i) => listSecretVersionIds(ctx, i),
  ),
  kmsAction(
    'DeleteSecret',
    'Write',
    z.object({ SecretName: secretName, RecoveryWindowInDays: z.coerce.number().int().optional(), ForceDeleteWithoutRecovery: booleanParam.default(false) }),
    (i, c) => secretResource(i.SecretName, c),
    (ctx, i) => deleteSecret(ctx, i),
  ),
  kmsAction('RestoreSecret', 'Write', z.object({ SecretName: secretName }), (i, c) => secretResource(i.SecretName, c), async (ctx, i) => {
    await restoreSecret(ctx, i);
    return { SecretName: i.SecretName };
  }),
  kmsAction('RotateSecret', 'Write', z.object({ SecretName: secretName, VersionId: secretVersionId }), (i, c) => secretResource(i.SecretName, c), (ctx, i) => rotateSecret(ctx, i)),
];
