import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEventInput } from '../audit/event.js';
import { newRequestId } from '../core/ids.js';
import { systemCaller } from '../iam/caller.js';
import type { Platform } from '../server/platform.js';
import type { KmsContext } from './context.js';
import { now } from './context.js';
import type { KmsRuntime } from './runtime.js';
import { deleteKeyMaterial } from './key-import.js';
import { destroyKey, rotateKey } from './keys.js';
import { destroySecret, rotateSecret } from './secrets.js';
import type { KmsTables } from './tables.js';

export interface KmsJobReport {
  rotated: string[];
  deletedKeys: string[];
  deletedSecrets: string[];
  rotatedSecrets: string[];
  /** Origin=EXTERNAL keys whose imported material expired and was deleted */
  expiredMaterial: string[];
}

function systemEvent(eventName: string, accountId: string, requestId: string, resource: Record<string, unknown>): AuditEventInput {
  return {
    eventName,
    eventSource: 'kms.aliyuncs.com',
    eventType: 'SystemEvent',
    eventRW: 'Write',
    requestId,
    requestParameters: resource,
    userIdentity: { type: 'system', principalId: 'bulwark-kms-scheduler', accountId },
  };
}

/**
 * One pass of the KMS scheduler: rotates keys and secrets whose automatic rotation is due, destroys
 * keys and secrets whose deletion window has passed, deletes imported key material that expired. Each change is its own transaction with an audit record.
 */
export async function runKmsJobs(platform: Pick<Platform, 'storage' | 'audit' | 'clock'>, kms: Pick<KmsRuntime, 'keyrings' | 'region' | 'keyCache'>): Promise<KmsJobReport> {
  const { keyrings, region, keyCache } = kms;
  const report: KmsJobReport = { rotated: [], deletedKeys: [], deletedSecrets: [], rotatedSecrets: [], expiredMaterial: [] };
  const db = platform.storage.db<KmsTables>() as Kysely<KmsTables>;
  const t = now(platform);
  const run = async (accountId: string, eventName: string, resource: Record<string, unknown>, work: (ctx: KmsContext) => Promise<void>): Promise<void> => {
    const requestId = newRequestId();
    // the server's cached keys are dropped when the change is written and again once it is committed
    try {
      await platform.storage.transaction(async (trx) => {
        keyCache.invalidate();
        const ctx: KmsContext = { db: trx as Kysely<KmsTables>, caller: systemCaller(accountId, requestId), clock: platform.clock, region, keyrings };
        await work(ctx);
        await platform.audit.append(trx, systemEvent(eventName, accountId, requestId, resource));
      });
    } finally {
      keyCache.invalidate();
    }
  };
  const due = await db.selectFrom('kms_keys').selectAll().where('region', '=', region).where('state', '=', 'PendingDeletion').where('delete_at', '<=', t).execute();
  for (const key of due) {
    await run(key.account_id, 'DeleteKey', { KeyId: key.id }, (ctx) => destroyKey(ctx, key.id));
    report.deletedKeys.push(key.id);
  }
  const expired = await db.selectFrom('kms_keys').select(['id', 'account_id']).where('region', '=', region).where('origin', '=', 'EXTERNAL').where('state', 'in', ['Enabled', 'Disabled']).where('material_expire_at', '<=', t).execute();
  for (const key of expired) {
    await run(key.account_id, 'DeleteKeyMaterial', { KeyId: key.id, reason: 'KeyMaterialExpired' }, (ctx) => deleteKeyMaterial(ctx, { KeyId: key.id }));
    report.expiredMaterial.push(key.id);
  }
  const rotate = await db.selectFrom('kms_keys').selectAll().where('region', '=', region).where('state', '=', 'Enabled').where('automatic_rotation', '=', 'Enabled').where('next_rotation_at', '<=', t).execute();
  for (const key of rotate) {
    await run(key.account_id, 'RotateKey', { KeyId: key.id }, async (ctx) => {
      await rotateKey(ctx, key);
    });
    report.rotated.push(key.id);
  }
  const secrets = await db.selectFrom('kms_secrets').select(['account_id', 'name']).where('region', '=', region).where('delete_at', '<=', t).execute();
  for (const secret of secrets) {
    await run(secret.account_id, 'DeleteSecret', { SecretName: secret.name }, (ctx) => destroySecret(ctx, secret.name));
    report.deletedSecrets.push(`${secret.account_id}/${secret.name}`);
  }
  const dueSecrets = await db.selectFrom('kms_secrets').select(['account_id', 'name']).where('region', '=', region).where('automatic_rotation', '=', 'Enabled').where('delete_at', 'is', null).where('next_rotation_at', '<=', t).execute();
  for (const secret of dueSecrets) {
    const versionId = randomUUID();
    await run(secret.account_id, 'RotateSecret', { SecretName: secret.name, VersionId: versionId }, async (ctx) => {
      await rotateSecret(ctx, { SecretName: secret.name, VersionId: versionId });
    });
    report.rotatedSecrets.push(`${secret.account_id}/${secret.name}`);
  }
  return report;
}

/** Runs `runKmsJobs` every `intervalMs` until stopped; failures are logged, never thrown. */
export function startKmsScheduler(platform: Platform, kms: Pick<KmsRuntime, 'keyrings' | 'region' | 'keyCache'>, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    running = runKmsJobs(platform, kms)
      .then((r) => {
        if (r.rotated.length + r.deletedKeys.length + r.deletedSecrets.length + r.rotatedSecrets.length > 0) platform.logger.info({ kms: r }, 'kms scheduler pass');
      })
      .catch((e: unknown) => {
        if (!stopped) platform.logger.error({ err: e }, 'kms scheduler pass failed');
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
