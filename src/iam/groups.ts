import { BulwarkError } from '../core/errors.js';
import { now, type IamContext } from './context.js';
import { newPrincipalId } from './ids.js';
import { decodeMarker, toPage, type Page } from './names.js';
import type { IamTables } from './tables.js';
import { requireUser } from './users.js';

type GroupRow = IamTables['iam_groups'];

/** Alibaba Cloud's quotas. */
export const MAX_GROUPS_PER_ACCOUNT = 300;
export const MAX_GROUPS_PER_USER = 10;

/** A RAM group as the API returns it. */
export interface GroupView {
  GroupId: string;
  GroupName: string;
  Comments: string;
  CreateDate: string;
  UpdateDate: string;
}

export function groupView(row: GroupRow): GroupView {
  return { GroupId: row.id, GroupName: row.name, Comments: row.comments, CreateDate: row.created_at, UpdateDate: row.updated_at };
}

/** Finds a group of the caller's account by name or throws `EntityNotExist.Group`. */
export async function requireGroup(ctx: IamContext, name: string): Promise<GroupRow> {
  const row = await ctx.db.selectFrom('iam_groups').selectAll().where('account_id', '=', ctx.caller.accountId).where('name', '=', name).executeTakeFirst();
  if (!row) throw new BulwarkError('EntityNotExist.Group', { name });
  return row;
}

/** Group ARNs lower-case the name, so names differing only in case count as taken. */
async function nameTaken(ctx: IamContext, name: string, except?: string): Promise<boolean> {
  let q = ctx.db.selectFrom('iam_groups').select('id').where('account_id', '=', ctx.caller.accountId).where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (except !== undefined) q = q.where('id', '!=', except);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createGroup(ctx: IamContext, input: { GroupName: string; Comments?: string | undefined }): Promise<Omit<GroupView, 'UpdateDate'>> {
  if (await nameTaken(ctx, input.GroupName)) throw new BulwarkError('EntityAlreadyExists.Group', { name: input.GroupName });
  const count = await ctx.db.selectFrom('iam_groups').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', ctx.caller.accountId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_GROUPS_PER_ACCOUNT) throw new BulwarkError('LimitExceeded.Group', { max: MAX_GROUPS_PER_ACCOUNT });
  const t = now(ctx);
  const row: GroupRow = { id: newPrincipalId(), account_id: ctx.caller.accountId, name: input.GroupName, comments: input.Comments ?? '', created_at: t, updated_at: t };
  await ctx.db.insertInto('iam_groups').values(row).execute();
  const { UpdateDate: _u, ...view } = groupView(row);
  return view;
}

export async function getGroup(ctx: IamContext, input: { GroupName: string }): Promise<GroupView> {
  return groupView(await requireGroup(ctx, input.GroupName));
}

export async function updateGroup(ctx: IamContext, input: { GroupName: string; NewGroupName?: string | undefined; NewComments?: string | undefined }): Promise<GroupView> {
  const row = await requireGroup(ctx, input.GroupName);
  if (input.NewGroupName !== undefined && input.NewGroupName !== row.name && (await nameTaken(ctx, input.NewGroupName, row.id))) {
    throw new BulwarkError('EntityAlreadyExists.Group', { name: input.NewGroupName });
  }
  const next: GroupRow = { ...row, name: input.NewGroupName ?? row.name, comments: input.NewComments ?? row.comments, updated_at: now(ctx) };
  await ctx.db.updateTable('iam_groups').set({ name: next.name, comments: next.comments, updated_at: next.updated_at }).where('id', '=', row.id).execute();
  return groupView(next);
}

/** Deletes an empty group without policies (`DeleteConflict.Group.User` / `.Policy` otherwise). */
export async function deleteGroup(ctx: IamContext, input: { GroupName: string }): Promise<void> {
  const row = await requireGroup(ctx, input.GroupName);
  const member = await ctx.db.selectFrom('iam_group_members').select('user_id').where('group_id', '=', row.id).executeTakeFirst();
  if (member) throw new BulwarkError('DeleteConflict.Group.User', { name: row.name });
  const attached = await ctx.db.selectFrom('iam_attachments').select('policy_id').where('account_id', '=', ctx.caller.accountId).where('principal_type', '=', 'Group').where('principal_id', '=', row.id).executeTakeFirst();
  if (attached) throw new BulwarkError('DeleteConflict.Group.Policy', { name: row.name });
  await ctx.db.deleteFrom('iam_groups').where('id', '=', row.id).execute();
}

export async function listGroups(ctx: IamContext, input: { Marker?: string | undefined; MaxItems: number }): Promise<Page<GroupView>> {
  let q = ctx.db.selectFrom('iam_groups').selectAll().where('account_id', '=', ctx.caller.accountId).orderBy('name').limit(input.MaxItems + 1);
  const after = decodeMarker(input.Marker);
  if (after !== undefined) q = q.where('name', '>', after);
  const page = toPage(await q.execute(), input.MaxItems, (r) => r.name);
  return { ...page, items: page.items.map(groupView) };
}

export async function addUserToGroup(ctx: IamContext, input: { GroupName: string; UserName: string }): Promise<void> {
  const group = await requireGroup(ctx, input.GroupName);
  const user = await requireUser(ctx, input.UserName);
  const existing = await ctx.db.selectFrom('iam_group_members').select('user_id').where('group_id', '=', group.id).where('user_id', '=', user.id).executeTakeFirst();
  if (existing) throw new BulwarkError('EntityAlreadyExists.User.Group', { user: user.name, group: group.name });
  const joined = await ctx.db.selectFrom('iam_group_members').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).executeTakeFirstOrThrow();
  if (Number(joined.n) >= MAX_GROUPS_PER_USER) throw new BulwarkError('LimitExceeded.User.Group', { name: user.name, max: MAX_GROUPS_PER_USER });
  await ctx.db.insertInto('iam_group_members').values({ account_id: ctx.caller.accountId, group_id: group.id, user_id: user.id, joined_at: now(ctx) }).execute();
  ctx.invalidate('membership');
}

export async function removeUserFromGroup(ctx: IamContext, input: { GroupName: string; UserName: string }): Promise<void> {
  const group = await requireGroup(ctx, input.GroupName);
  const user = await requireUser(ctx, input.UserName);
  const r = await ctx.db.deleteFrom('iam_group_members').where('account_id', '=', ctx.caller.accountId).where('group_id', '=', group.id).where('user_id', '=', user.id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new BulwarkError('EntityNotExist.User.Group', { user: user.name, group: group.name });
  ctx.invalidate('membership');
}

export interface UserGroupView {
  GroupId: string;
  GroupName: string;
  Comments: string;
  JoinDate: string;
}

export async function listGroupsForUser(ctx: IamContext, input: { UserName: string }): Promise<UserGroupView[]> {
  const user = await requireUser(ctx, input.UserName);
  const rows = await ctx.db
    .selectFrom('iam_group_members as m')
    .innerJoin('iam_groups as g', 'g.id', 'm.group_id')
    .select(['g.id', 'g.name', 'g.comments', 'm.joined_at'])
    .where('m.account_id', '=', ctx.caller.accountId)
    .where('g.account_id', '=', ctx.caller.accountId)
    .where('m.user_id', '=', user.id)
    .orderBy('g.name')
    .execute();
  return rows.map((r) => ({ GroupId: r.id, GroupName: r.name, Comments: r.comments, JoinDate: r.joined_at }));
}

export interface GroupUserView {
  UserName: string;
  DisplayName: string;
  JoinDate: string;
}

export async function listUsersForGroup(ctx: IamContext, input: { GroupName: string; Marker?: string | undefined; MaxItems: number }): Promise<Page<GroupUserView>> {
  const group = await requireGroup(ctx, input.GroupName);
  let q = ctx.db
    .selectFrom('iam_group_members as m')
    .innerJoin('iam_users as u', 'u.id', 'm.user_id')
    .select(['u.name', 'u.display_name', 'm.joined_at'])
    .where('m.account_id', '=', ctx.caller.accountId)
    .where('u.account_id', '=', ctx.caller.accountId)
    .where('m.group_id', '=', group.id)
    .orderBy('u.name')
    .limit(input.MaxItems + 1);
  const after = decodeMarker(input.Marker);
  if (after !== undefined) q = q.where('u.name', '>', after);
  const page = toPage(await q.execute(), input.MaxItems, (r) => r.name);
  return { ...page, items: page.items.map((r) => ({ UserName: r.name, DisplayName: r.display_name, JoinDate: r.joined_at })) };
}
