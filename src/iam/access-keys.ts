import { BulwarkError } from '../core/errors.js';
import { now, type IamContext } from './context.js';
import { newAccessKeyId, newAccessKeySecret } from './ids.js';
import type { IamTables } from './tables.js';
import { requireUser } from './users.js';

type KeyRow = IamTables['iam_access_keys'];

/** Sealing context binds a secret to its key id, so sealed values cannot be swapped between rows. */
export const accessKeySealContext = (id: string): string => `iam/access-key/${id}`;

export const MAX_ACCESS_KEYS = 2;

export interface AccessKeyView {
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  UpdateDate?: string;
}

function view(row: KeyRow): AccessKeyView {
  return { AccessKeyId: row.id, Status: row.status, CreateDate: row.created_at, UpdateDate: row.updated_at };
}

/** Owner of the keys an operation targets: a named user, or the caller itself (root or user) when omitted. */
async function ownerId(ctx: IamContext, userName: string | undefined): Promise<string | null> {
  if (userName !== undefined) return (await requireUser(ctx, userName)).id;
  if (ctx.caller.principalType === 'user') return ctx.caller.principalId;
  // an assumed role has no keys of its own and must never reach the root identity's keys
  if (ctx.caller.principalType === 'role') throw new BulwarkError('MissingParameter', { field: 'UserName' });
  return null;
}

function ownedBy(ctx: IamContext, userId: string | null) {
  const base = ctx.db.selectFrom('iam_access_keys').where('account_id', '=', ctx.caller.accountId);
  return userId === null ? base.where('user_id', 'is', null) : base.where('user_id', '=', userId);
}

/** Creates a key; the secret is returned here only, and stored sealed with the root key. */
export async function createAccessKey(ctx: IamContext, input: { UserName?: string | undefined }): Promise<AccessKeyView & { AccessKeySecret: string }> {
  const userId = await ownerId(ctx, input.UserName);
  const count = await ownedBy(ctx, userId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_ACCESS_KEYS) throw new BulwarkError('LimitExceeded.User.AccessKey');
  const id = newAccessKeyId();
  const secret = newAccessKeySecret();
  const t = now(ctx);
  const row: KeyRow = { id, account_id: ctx.caller.accountId, user_id: userId, secret_sealed: ctx.sealer.seal(secret, accessKeySealContext(id)), status: 'Active', created_at: t, updated_at: t, last_used_at: null, last_used_service: null };
  await ctx.db.insertInto('iam_access_keys').values(row).execute();
  return { ...view(row), AccessKeySecret: secret };
}

async function requireKey(ctx: IamContext, userName: string | undefined, id: string): Promise<KeyRow> {
  const userId = await ownerId(ctx, userName);
  const row = await ownedBy(ctx, userId).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new BulwarkError('EntityNotExist.AccessKey', { id });
  return row;
}

export async function updateAccessKey(ctx: IamContext, input: { UserName?: string | undefined; UserAccessKeyId: string; Status: 'Active' | 'Inactive' }): Promise<void> {
  const row = await requireKey(ctx, input.UserName, input.UserAccessKeyId);
  await ctx.db.updateTable('iam_access_keys').set({ status: input.Status, updated_at: now(ctx) }).where('id', '=', row.id).execute();
  ctx.invalidate('credential');
}

export async function deleteAccessKey(ctx: IamContext, input: { UserName?: string | undefined; UserAccessKeyId: string }): Promise<void> {
  const row = await requireKey(ctx, input.UserName, input.UserAccessKeyId);
  await ctx.db.deleteFrom('iam_access_keys').where('id', '=', row.id).execute();
  ctx.invalidate('credential');
}

export async function listAccessKeys(ctx: IamContext, input: { UserName?: string | undefined }): Promise<AccessKeyView[]> {
  const userId = await ownerId(ctx, input.UserName);
  const rows = await ownedBy(ctx, userId).selectAll().orderBy('created_at').execute();
  return rows.map(view);
}

export async function getAccessKeyLastUsed(ctx: IamContext, input: { UserName?: string | undefined; UserAccessKeyId: string }): Promise<{ LastUsedDate: string; ServiceName: string }> {
  const row = await requireKey(ctx, input.UserName, input.UserAccessKeyId);
  return { LastUsedDate: row.last_used_at ?? '', ServiceName: row.last_used_service ?? '' };
}
