import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Caller } from '../../iam/caller.js';
import { aliasArn, keyArn, parseKeyArn, secretArn } from '../../kms/arn.js';
import type { KmsContext } from '../../kms/context.js';
import { parseEncryptionContext } from '../../kms/encryption-context.js';
import { KMS_REGION } from '../../kms/region.js';
import { kmsRuntime } from '../../kms/runtime.js';
import type { KmsTables } from '../../kms/tables.js';
import { defineAction, type ActionContext, type ActionDef } from '../action.js';

export const KMS = { product: 'Kms', version: '2016-01-20', eventSource: 'kms.aliyuncs.com' } as const;

export function kms(ctx: ActionContext): KmsContext {
  const runtime = kmsRuntime(ctx.sealer);
  const { keyCache } = runtime;
  // A call in a transaction may change keys: cached keys are dropped now and again once it commits
  // (a lookup by another call in between could have read the old row).
  if (ctx.db.isTransaction) {
    keyCache.invalidate();
    ctx.afterCommit?.(() => keyCache.invalidate());
  }
  return { db: ctx.db as Kysely<KmsTables>, caller: ctx.caller, clock: ctx.clock, region: runtime.region, keyrings: runtime.keyrings, keyCache };
}

/** The ARN RAM checks for a key reference: key id, key ARN, or alias (then the alias ARN). */
export function keyResource(ref: string, caller: Caller): string {
  // RAM checks the ARN the handler will use: this region, the caller's account (findKey refuses others).
  if (ref.startsWith('acs:kms:')) return keyArn(KMS_REGION, caller.accountId, parseKeyArn(ref)?.keyId ?? '-');
  if (ref.startsWith('alias/')) return aliasArn(KMS_REGION, caller.accountId, ref);
  return keyArn(KMS_REGION, caller.accountId, ref);
}

export const anyKey = (caller: Caller): string => keyArn(KMS_REGION, caller.accountId, '*');
export const secretResource = (name: string, caller: Caller): string => secretArn(KMS_REGION, caller.accountId, name);
export const aliasResource = (name: string, caller: Caller): string => aliasArn(KMS_REGION, caller.accountId, name);

/** Declares a KMS action: `kms:<Action>` authorization, kms.aliyuncs.com audit source. */
export function kmsAction<S extends z.ZodType>(
  action: string,
  rw: 'Read' | 'Write',
  input: S,
  resource: (input: z.output<S>, caller: Caller) => string | string[],
  handler: (ctx: KmsContext, input: z.output<S>) => Promise<Record<string, unknown>>,
): ActionDef<S> {
  return defineAction({ ...KMS, action, ramAction: `kms:${action}`, rw, input, resource, handler: (ctx, i) => handler(kms(ctx), i) });
}

export const keyRef = z.string().min(1).max(512);
export const keyId = z.string().min(1).max(128).regex(/^[A-Za-z0-9-]+$/, 'expected a key id');
export const versionId = z.string().min(1).max(128);
export const aliasName = z.string().min(7).max(255).regex(/^alias\/[A-Za-z0-9:/_-]+$/, 'expected alias/ followed by A–Z a–z 0–9 : / _ -');
export const description = z.string().max(8192);
export const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');
export const pageNumber = z.coerce.number().int().min(1).default(1);
export const pageSize = z.coerce.number().int().min(1).max(100).default(10);
/** `EncryptionContext` as a JSON string or as `EncryptionContext.k=v` parameters. */
export const encryptionContext = z.unknown().optional().transform((v) => parseEncryptionContext(v));
/** Rotation intervals: `604800s`, `7d`, or seconds. */
export const interval = z
  .string()
  .regex(/^\d+[sd]?$/, 'expected seconds such as 604800s or days such as 7d')
  .transform((v) => (v.endsWith('d') ? Number(v.slice(0, -1)) * 86400 : Number(v.replace(/s$/, ''))));
