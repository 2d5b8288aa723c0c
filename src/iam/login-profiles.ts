import { BulwarkError } from '../core/errors.js';
import { now, type IamContext } from './context.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { newPasswordHash } from './password-lifecycle.js';
import { checkPassword, getPasswordPolicy, getSecurityPreference } from './settings.js';
import type { IamTables } from './tables.js';
import { requireUser } from './users.js';

type ProfileRow = IamTables['iam_login_profiles'];

/** A console login profile as the API returns it (never the password or its hash). */
export interface LoginProfileView {
  UserName: string;
  PasswordResetRequired: boolean;
  MFABindRequired: boolean;
  CreateDate: string;
}

function view(userName: string, row: ProfileRow): LoginProfileView {
  return { UserName: userName, PasswordResetRequired: row.password_reset_required === 1, MFABindRequired: row.mfa_bind_required === 1, CreateDate: row.created_at };
}

async function findProfile(ctx: IamContext, userId: string): Promise<ProfileRow | undefined> {
  return ctx.db.selectFrom('iam_login_profiles').selectAll().where('account_id', '=', ctx.caller.accountId).where('user_id', '=', userId).executeTakeFirst();
}

async function requireProfile(ctx: IamContext, userName: string): Promise<{ userName: string; row: ProfileRow }> {
  const user = await requireUser(ctx, userName);
  const row = await findProfile(ctx, user.id);
  if (!row) throw new BulwarkError('EntityNotExist.User.LoginProfile', { name: user.name });
  return { userName: user.name, row };
}

export interface CreateLoginProfileInput {
  UserName: string;
  Password: string;
  PasswordResetRequired?: boolean | undefined;
  MFABindRequired?: boolean | undefined;
}

export async function createLoginProfile(ctx: IamContext, input: CreateLoginProfileInput): Promise<LoginProfileView> {
  const user = await requireUser(ctx, input.UserName);
  if (await findProfile(ctx, user.id)) throw new BulwarkError('EntityAlreadyExists.User.LoginProfile', { name: user.name });
  checkPassword(await getPasswordPolicy(ctx), input.Password);
  const t = now(ctx);
  const row: ProfileRow = {
    user_id: user.id,
    account_id: ctx.caller.accountId,
    password_hash: await hashPassword(input.Password),
    password_reset_required: input.PasswordResetRequired ? 1 : 0,
    mfa_bind_required: input.MFABindRequired ? 1 : 0,
    created_at: t,
    updated_at: t,
  };
  await ctx.db.insertInto('iam_login_profiles').values(row).execute();
  return view(user.name, row);
}

export async function getLoginProfile(ctx: IamContext, input: { UserName: string }): Promise<LoginProfileView> {
  const { userName, row } = await requireProfile(ctx, input.UserName);
  return view(userName, row);
}

export async function updateLoginProfile(ctx: IamContext, input: { UserName: string; Password?: string | undefined; PasswordResetRequired?: boolean | undefined; MFABindRequired?: boolean | undefined }): Promise<LoginProfileView> {
  const { userName, row } = await requireProfile(ctx, input.UserName);
  const next: ProfileRow = { ...row, updated_at: now(ctx) };
  let changedAt: string | undefined;
  if (input.Password !== undefined) {
    next.password_hash = await newPasswordHash(ctx, row.user_id, input.Password, row.password_hash);
    changedAt = ctx.clock.now().toISOString();
  }
  if (input.PasswordResetRequired !== undefined) next.password_reset_required = input.PasswordResetRequired ? 1 : 0;
  if (input.MFABindRequired !== undefined) next.mfa_bind_required = input.MFABindRequired ? 1 : 0;
  await ctx.db
    .updateTable('iam_login_profiles')
    .set({ password_hash: next.password_hash, password_reset_required: next.password_reset_required, mfa_bind_required: next.mfa_bind_required, updated_at: next.updated_at, ...(changedAt ? { password_changed_at: changedAt } : {}) })
    .where('user_id', '=', row.user_id)
    .execute();
  return view(userName, next);
}

export async function deleteLoginProfile(ctx: IamContext, input: { UserName: string }): Promise<void> {
  const { row } = await requireProfile(ctx, input.UserName);
  await ctx.db.deleteFrom('iam_login_profiles').where('user_id', '=', row.user_id).execute();
}

/**
 * The calling RAM user changes its own console password: the old one must match, the new one must
 * meet the policy, and the account's security preference must allow it. Clears PasswordResetRequired.
 */
export async function changePassword(ctx: IamContext, input: { OldPassword: string; NewPassword: string }): Promise<void> {
  if (ctx.caller.principalType !== 'user') throw new BulwarkError('NotSupported.Principal', { action: 'ChangePassword' });
  const row = await findProfile(ctx, ctx.caller.principalId);
  if (!row) throw new BulwarkError('EntityNotExist.User.LoginProfile', { name: ctx.caller.principalName });
  const preference = await getSecurityPreference(ctx);
  if (!preference.LoginProfilePreference.AllowUserToChangePassword) {
    throw new BulwarkError('NoPermission', { action: 'ram:ChangePassword', resource: `acs:ram::${ctx.caller.accountId}:user/${ctx.caller.principalName.toLowerCase()}` });
  }
  if (!(await verifyPassword(input.OldPassword, row.password_hash))) throw new BulwarkError('InvalidParameter.OldPassword');
  const hash = await newPasswordHash(ctx, row.user_id, input.NewPassword, row.password_hash);
  await ctx.db.updateTable('iam_login_profiles').set({ password_hash: hash, password_reset_required: 0, updated_at: now(ctx), password_changed_at: ctx.clock.now().toISOString() }).where('user_id', '=', row.user_id).execute();
}
