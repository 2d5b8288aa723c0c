import { BulwarkError } from '../core/errors.js';
import { now, type IamContext } from './context.js';
import { newPrincipalId } from './ids.js';
import { decodeMarker, toPage, type Page } from './names.js';
import type { IamTables } from './tables.js';

type UserRow = IamTables['iam_users'];

/** A RAM user as the API returns it. */
export interface UserView {
  UserId: string;
  UserName: string;
  DisplayName: string;
  MobilePhone: string;
  Email: string;
  Comments: string;
  CreateDate: string;
  UpdateDate: string;
  LastLoginDate?: string;
}

export function userView(row: UserRow): UserView {
  return {
    UserId: row.id,
    UserName: row.name,
    DisplayName: row.display_name,
    MobilePhone: row.mobile_phone,
    Email: row.email,
    Comments: row.comments,
    CreateDate: row.created_at,
    UpdateDate: row.updated_at,
    ...(row.last_login_at ? { LastLoginDate: row.last_login_at } : {}),
  };
}

/** Finds a user of the caller's account by name or throws `EntityNotExist.User`. */
export async function requireUser(ctx: IamContext, name: string): Promise<UserRow> {
  const row = await ctx.db.selectFrom('iam_users').selectAll().where('account_id', '=', ctx.caller.accountId).where('name', '=', name).executeTakeFirst();
  if (!row) throw new BulwarkError('EntityNotExist.User', { name });
  return row;
}

export interface CreateUserInput {
  UserName: string;
  DisplayName?: string | undefined;
  MobilePhone?: string | undefined;
  Email?: string | undefined;
  Comments?: string | undefined;
}

export async function createUser(ctx: IamContext, input: CreateUserInput): Promise<UserView> {
  // Names are unique regardless of case: user ARNs are lower-cased, so `Alice` and `alice` would share one.
  const exists = await ctx.db.selectFrom('iam_users').select('id').where('account_id', '=', ctx.caller.accountId).where((eb) => eb(eb.fn('lower', ['name']), '=', input.UserName.toLowerCase())).executeTakeFirst();
  if (exists) throw new BulwarkError('EntityAlreadyExists.User', { name: input.UserName });
  const t = now(ctx);
  const row: UserRow = {
    id: newPrincipalId(),
    account_id: ctx.caller.accountId,
    name: input.UserName,
    display_name: input.DisplayName ?? input.UserName,
    email: input.Email ?? '',
    mobile_phone: input.MobilePhone ?? '',
    comments: input.Comments ?? '',
    created_at: t,
    updated_at: t,
    last_login_at: null,
  };
  await ctx.db.insertInto('iam_users').values(row).execute();
  return userView(row);
}

export async function getUser(ctx: IamContext, input: { UserName: string }): Promise<UserView> {
  return userView(await requireUser(ctx, input.UserName));
}

export interface UpdateUserInput {
  UserName: string;
  NewUserName?: string | undefined;
  NewDisplayName?: string | undefined;
  NewMobilePhone?: string | undefined;
  NewEmail?: string | undefined;
  NewComments?: string | undefined;
}

export async function updateUser(ctx: IamContext, input: UpdateUserInput): Promise<UserView> {
  const row = await requireUser(ctx, input.UserName);
  if (input.NewUserName && input.NewUserName !== row.name) {
    const clash = await ctx.db
      .selectFrom('iam_users')
      .select('id')
      .where('account_id', '=', ctx.caller.accountId)
      .where('id', '!=', row.id)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', input.NewUserName!.toLowerCase()))
      .executeTakeFirst();
    if (clash) throw new BulwarkError('EntityAlreadyExists.User', { name: input.NewUserName });
  }
  const next: UserRow = {
    ...row,
    name: input.NewUserName ?? row.name,
    display_name: input.NewDisplayName ?? row.display_name,
    mobile_phone: input.NewMobilePhone ?? row.mobile_phone,
    email: input.NewEmail ?? row.email,
    comments: input.NewComments ?? row.comments,
    updated_at: now(ctx),
  };
  await ctx.db.updateTable('iam_users').set(next).where('id', '=', row.id).execute();
  return userView(next);
}

export async function deleteUser(ctx: IamContext, input: { UserName: string }): Promise<void> {
  const row = await requireUser(ctx, input.UserName);
  const has = async (table: 'iam_access_keys' | 'iam_group_members' | 'iam_login_profiles' | 'iam_mfa_devices'): Promise<boolean> =>
    (await ctx.db.selectFrom(table).select('user_id').where('user_id', '=', row.id).executeTakeFirst()) !== undefined;
  if (await has('iam_access_keys')) throw new BulwarkError('DeleteConflict.User.AccessKey', { name: row.name });
  if (await has('iam_group_members')) throw new BulwarkError('DeleteConflict.User.Group', { name: row.name });
  if (await has('iam_login_profiles')) throw new BulwarkError('DeleteConflict.User.LoginProfile', { name: row.name });
  if (await has('iam_mfa_devices')) throw new BulwarkError('DeleteConflict.User.MFADevice', { name: row.name });
  const attached = await ctx.db.selectFrom('iam_attachments').select('policy_id').where('principal_type', '=', 'User').where('principal_id', '=', row.id).executeTakeFirst();
  if (attached) throw new BulwarkError('DeleteConflict.User.Policy', { name: row.name });
  await ctx.db.deleteFrom('iam_tags').where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', 'user').where('resource_id', '=', row.id).execute();
  await ctx.db.deleteFrom('iam_users').where('id', '=', row.id).execute();
}

export async function listUsers(ctx: IamContext, input: { Marker?: string | undefined; MaxItems: number }): Promise<Page<UserView>> {
  let q = ctx.db.selectFrom('iam_users').selectAll().where('account_id', '=', ctx.caller.accountId).orderBy('name').limit(input.MaxItems + 1);
  const after = decodeMarker(input.Marker);
  if (after !== undefined) q = q.where('name', '>', after);
  const page = toPage(await q.execute(), input.MaxItems, (r) => r.name);
  return { ...page, items: page.items.map(userView) };
}
