import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { IamContext } from './context.js';

/** 3–32 characters of a–z 0–9 and `-`, not starting or ending with `-`, no `--` (as Alibaba documents). */
export const accountAlias = z
  .string()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected 3–32 characters of a–z 0–9 and single hyphens, not at the start or end');

/** Sets the account's alias; aliases are unique across all accounts of this Bulwark. */
export async function setAccountAlias(ctx: IamContext, input: { AccountAlias: string }): Promise<void> {
  const owner = await ctx.db.selectFrom('iam_accounts').select('id').where('alias', '=', input.AccountAlias).executeTakeFirst();
  if (owner && owner.id !== ctx.caller.accountId) throw new BulwarkError('EntityAlreadyExists.AccountAlias', { alias: input.AccountAlias });
  await ctx.db.updateTable('iam_accounts').set({ alias: input.AccountAlias }).where('id', '=', ctx.caller.accountId).execute();
}

/** The alias, or the account id when none is set (Alibaba's default alias is derived from the account too). */
export async function getAccountAlias(ctx: IamContext): Promise<string> {
  const row = await ctx.db.selectFrom('iam_accounts').select('alias').where('id', '=', ctx.caller.accountId).executeTakeFirst();
  if (!row) throw new BulwarkError('Account.NotFound', { id: ctx.caller.accountId });
  return row.alias ?? ctx.caller.accountId;
}

export async function clearAccountAlias(ctx: IamContext): Promise<void> {
  const r = await ctx.db.updateTable('iam_accounts').set({ alias: null }).where('id', '=', ctx.caller.accountId).where('alias', 'is not', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new BulwarkError('EntityNotExist.AccountAlias');
}
