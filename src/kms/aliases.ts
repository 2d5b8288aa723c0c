import { BulwarkError } from '../core/errors.js';
import { aliasArn } from './arn.js';
import { now, type KmsContext } from './context.js';
import { findKey } from './keys.js';
import type { KmsTables } from './tables.js';

type AliasRow = KmsTables['kms_aliases'];

export function aliasView(row: AliasRow): { AliasName: string; AliasArn: string; KeyId: string } {
  return { AliasName: row.alias_name, AliasArn: aliasArn(row.region, row.account_id, row.alias_name), KeyId: row.key_id };
}

async function findAlias(ctx: KmsContext, name: string): Promise<AliasRow | undefined> {
  return ctx.db.selectFrom('kms_aliases').selectAll().where('account_id', '=', ctx.caller.accountId).where('region', '=', ctx.region).where('alias_name', '=', name).executeTakeFirst();
}

export async function createAlias(ctx: KmsContext, input: { AliasName: string; KeyId: string }): Promise<void> {
  if (input.KeyId.startsWith('alias/')) throw new BulwarkError('InvalidParameter', { field: 'KeyId', reason: 'must be a key id, not an alias' });
  const key = await findKey(ctx, input.KeyId);
  if (await findAlias(ctx, input.AliasName)) throw new BulwarkError('Rejected.ResourceExist', { resource: 'alias', name: input.AliasName });
  const t = now(ctx);
  await ctx.db.insertInto('kms_aliases').values({ account_id: ctx.caller.accountId, region: ctx.region, alias_name: input.AliasName, key_id: key.id, created_at: t, updated_at: t }).execute();
}

export async function updateAlias(ctx: KmsContext, input: { AliasName: string; KeyId: string }): Promise<void> {
  const alias = await findAlias(ctx, input.AliasName);
  if (!alias) throw new BulwarkError('Forbidden.AliasNotFound', { alias: input.AliasName });
  const key = await findKey(ctx, input.KeyId);
  await ctx.db.updateTable('kms_aliases').set({ key_id: key.id, updated_at: now(ctx) }).where('account_id', '=', alias.account_id).where('region', '=', alias.region).where('alias_name', '=', alias.alias_name).execute();
}

export async function deleteAlias(ctx: KmsContext, input: { AliasName: string }): Promise<void> {
  const alias = await findAlias(ctx, input.AliasName);
  if (!alias) throw new BulwarkError('Forbidden.AliasNotFound', { alias: input.AliasName });
  await ctx.db.deleteFrom('kms_aliases').where('account_id', '=', alias.account_id).where('region', '=', alias.region).where('alias_name', '=', alias.alias_name).execute();
}

export async function listAliases(ctx: KmsContext, input: { PageNumber: number; PageSize: number; KeyId?: string | undefined }): Promise<{ total: number; aliases: AliasRow[] }> {
  let base = ctx.db.selectFrom('kms_aliases').where('account_id', '=', ctx.caller.accountId).where('region', '=', ctx.region);
  if (input.KeyId !== undefined) base = base.where('key_id', '=', (await findKey(ctx, input.KeyId)).id);
  const count = await base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const aliases = await base.selectAll().orderBy('alias_name').limit(input.PageSize).offset((input.PageNumber - 1) * input.PageSize).execute();
  return { total: Number(count.n), aliases };
}
