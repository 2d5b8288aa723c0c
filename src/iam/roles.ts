import { BulwarkError } from '../core/errors.js';
import { now, type IamContext } from './context.js';
import { newPrincipalId } from './ids.js';
import { decodeMarker, toPage, type Page } from './names.js';
import { parsePolicyDocument } from './policy/index.js';
import type { IamTables } from './tables.js';
import { dropTags, matchesTags, setTags, tagsOf, type Tag } from './tags.js';

type RoleRow = IamTables['iam_roles'];

export const MIN_SESSION_DURATION = 3600;
export const MAX_SESSION_DURATION = 43200;
export const MAX_ROLES_PER_ACCOUNT = 1000;

/** `acs:ram::<account>:role/<name>`, the name lower-cased as Alibaba Cloud writes role ARNs. */
export function roleArn(accountId: string, name: string): string {
  return `acs:ram::${accountId}:role/${name.toLowerCase()}`;
}

export interface RoleView {
  RoleId: string;
  RoleName: string;
  Arn: string;
  Description: string;
  AssumeRolePolicyDocument: string;
  MaxSessionDuration: number;
  CreateDate: string;
  UpdateDate: string;
}

export function roleView(row: RoleRow): RoleView {
  return {
    RoleId: row.id,
    RoleName: row.name,
    Arn: roleArn(row.account_id, row.name),
    Description: row.description,
    AssumeRolePolicyDocument: row.trust_policy,
    MaxSessionDuration: row.max_session_duration,
    CreateDate: row.created_at,
    UpdateDate: row.updated_at,
  };
}

/** Finds a role of the caller's account by name or throws `EntityNotExist.Role`. */
export async function requireRole(ctx: IamContext, name: string): Promise<RoleRow> {
  const row = await ctx.db.selectFrom('iam_roles').selectAll().where('account_id', '=', ctx.caller.accountId).where('name', '=', name).executeTakeFirst();
  if (!row) throw new BulwarkError('EntityNotExist.Role', { name });
  return row;
}

function checkDuration(value: number, field: string): void {
  if (!Number.isInteger(value) || value < MIN_SESSION_DURATION || value > MAX_SESSION_DURATION) {
    throw new BulwarkError('InvalidParameter', { field, reason: `must be an integer from ${MIN_SESSION_DURATION} to ${MAX_SESSION_DURATION} seconds` });
  }
}

export interface CreateRoleInput {
  RoleName: string;
  AssumeRolePolicyDocument: string;
  Description?: string | undefined;
  MaxSessionDuration?: number | undefined;
  Tag?: Tag[] | undefined;
}

export async function createRole(ctx: IamContext, input: CreateRoleInput): Promise<Omit<RoleView, 'UpdateDate'>> {
  parsePolicyDocument(input.AssumeRolePolicyDocument, { kind: 'trust' });
  const duration = input.MaxSessionDuration ?? MIN_SESSION_DURATION;
  checkDuration(duration, 'MaxSessionDuration');
  // ARNs lower-case role names, so names differing only in case would share an ARN: refuse them
  const clash = await ctx.db.selectFrom('iam_roles').select('id').where('account_id', '=', ctx.caller.accountId).where((eb) => eb(eb.fn('lower', ['name']), '=', input.RoleName.toLowerCase())).executeTakeFirst();
  if (clash) throw new BulwarkError('EntityAlreadyExists.Role', { name: input.RoleName });
  const count = await ctx.db.selectFrom('iam_roles').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', ctx.caller.accountId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_ROLES_PER_ACCOUNT) throw new BulwarkError('LimitExceeded.Role', { max: MAX_ROLES_PER_ACCOUNT });
  const t = now(ctx);
  const row: RoleRow = { id: newPrincipalId(), account_id: ctx.caller.accountId, name: input.RoleName, description: input.Description ?? '', trust_policy: input.AssumeRolePolicyDocument, max_session_duration: duration, created_at: t, updated_at: t };
  await ctx.db.insertInto('iam_roles').values(row).execute();
  if (input.Tag && input.Tag.length > 0) await setTags(ctx, 'role', row.id, row.name, input.Tag);
  const { UpdateDate: _u, ...view } = roleView(row);
  return view;
}

export async function getRole(ctx: IamContext, input: { RoleName: string }): Promise<RoleView> {
  return roleView(await requireRole(ctx, input.RoleName));
}

export interface UpdateRoleInput {
  RoleName: string;
  NewAssumeRolePolicyDocument?: string | undefined;
  NewMaxSessionDuration?: number | undefined;
  NewDescription?: string | undefined;
}

export async function updateRole(ctx: IamContext, input: UpdateRoleInput): Promise<RoleView> {
  const row = await requireRole(ctx, input.RoleName);
  if (input.NewAssumeRolePolicyDocument !== undefined) parsePolicyDocument(input.NewAssumeRolePolicyDocument, { kind: 'trust' });
  if (input.NewMaxSessionDuration !== undefined) checkDuration(input.NewMaxSessionDuration, 'NewMaxSessionDuration');
  const next: RoleRow = {
    ...row,
    trust_policy: input.NewAssumeRolePolicyDocument ?? row.trust_policy,
    max_session_duration: input.NewMaxSessionDuration ?? row.max_session_duration,
    description: input.NewDescription ?? row.description,
    updated_at: now(ctx),
  };
  await ctx.db.updateTable('iam_roles').set({ trust_policy: next.trust_policy, max_session_duration: next.max_session_duration, description: next.description, updated_at: next.updated_at }).where('id', '=', row.id).execute();
  return roleView(next);
}

/** Deletes a role without attached policies (`DeleteConflict.Role.Policy` otherwise), with its tags. */
export async function deleteRole(ctx: IamContext, input: { RoleName: string }): Promise<void> {
  const row = await requireRole(ctx, input.RoleName);
  const attached = await ctx.db.selectFrom('iam_attachments').select('policy_id').where('account_id', '=', ctx.caller.accountId).where('principal_type', '=', 'Role').where('principal_id', '=', row.id).executeTakeFirst();
  if (attached) throw new BulwarkError('DeleteConflict.Role.Policy', { name: row.name });
  await dropTags(ctx, 'role', row.id);
  await ctx.db.deleteFrom('iam_roles').where('id', '=', row.id).execute();
  ctx.invalidate('policy');
}

export type RoleListItem = Omit<RoleView, 'AssumeRolePolicyDocument'> & { Tags: { Tag: Array<{ TagKey: string; TagValue: string }> } };

/** Roles of the account by name; with `Tag` filters, only roles carrying every given tag. */
export async function listRoles(ctx: IamContext, input: { Marker?: string | undefined; MaxItems: number; Tag?: Tag[] | undefined }): Promise<Page<RoleListItem>> {
  const filters = input.Tag ?? [];
  const after = decodeMarker(input.Marker);
  const collected: RoleRow[] = [];
  const tagMap = new Map<string, Array<{ TagKey: string; TagValue: string }>>();
  let cursor = after;
  // tag filters are applied after reading, so read in batches until the page is full
  for (;;) {
    let q = ctx.db.selectFrom('iam_roles').selectAll().where('account_id', '=', ctx.caller.accountId).orderBy('name').limit(input.MaxItems + 1);
    if (cursor !== undefined) q = q.where('name', '>', cursor);
    const rows = await q.execute();
    const tags = await tagsOf(ctx, 'role', rows.map((r) => r.id));
    for (const r of rows) {
      const own = tags.get(r.id) ?? [];
      tagMap.set(r.id, own);
      if (matchesTags(own, filters)) collected.push(r);
    }
    if (rows.length <= input.MaxItems || collected.length > input.MaxItems) break;
    cursor = rows[rows.length - 1]!.name;
  }
  const page = toPage(collected.slice(0, input.MaxItems + 1), input.MaxItems, (r) => r.name);
  return {
    ...page,
    items: page.items.map((r) => {
      const { AssumeRolePolicyDocument: _d, ...view } = roleView(r);
      return { ...view, Tags: { Tag: tagMap.get(r.id) ?? [] } };
    }),
  };
}
