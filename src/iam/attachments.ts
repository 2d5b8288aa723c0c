import { BulwarkError } from '../core/errors.js';
import { now, type IamContext } from './context.js';
import { requirePolicy } from './policies.js';

export type PrincipalType = 'User' | 'Group' | 'Role';

const TABLE = { User: 'iam_users', Group: 'iam_groups', Role: 'iam_roles' } as const;
const NOT_FOUND = { User: 'EntityNotExist.User', Group: 'EntityNotExist.Group', Role: 'EntityNotExist.Role' } as const;

/** Resolves a user, group or role of the caller's account by name. */
export async function requirePrincipal(ctx: IamContext, type: PrincipalType, name: string): Promise<{ id: string; name: string }> {
  const row = await ctx.db.selectFrom(TABLE[type]).select(['id', 'name']).where('account_id', '=', ctx.caller.accountId).where('name', '=', name).executeTakeFirst();
  if (!row) throw new BulwarkError(NOT_FOUND[type], { name });
  return row;
}

export interface AttachInput {
  PolicyType: 'System' | 'Custom';
  PolicyName: string;
  PrincipalName: string;
}

export async function attachPolicy(ctx: IamContext, type: PrincipalType, input: AttachInput): Promise<void> {
  const policy = await requirePolicy(ctx, input.PolicyName, input.PolicyType);
  const principal = await requirePrincipal(ctx, type, input.PrincipalName);
  const existing = await ctx.db.selectFrom('iam_attachments').select('policy_id').where('account_id', '=', ctx.caller.accountId).where('policy_id', '=', policy.id).where('principal_type', '=', type).where('principal_id', '=', principal.id).executeTakeFirst();
  if (existing) throw new BulwarkError('EntityAlreadyExists.Attachment', { policy: policy.name, principalType: type.toLowerCase(), principal: principal.name });
  await ctx.db.insertInto('iam_attachments').values({ account_id: ctx.caller.accountId, policy_id: policy.id, principal_type: type, principal_id: principal.id, attached_at: now(ctx) }).execute();
  ctx.invalidate('policy');
}

export async function detachPolicy(ctx: IamContext, type: PrincipalType, input: AttachInput): Promise<void> {
  const policy = await requirePolicy(ctx, input.PolicyName, input.PolicyType);
  const principal = await requirePrincipal(ctx, type, input.PrincipalName);
  const r = await ctx.db.deleteFrom('iam_attachments').where('account_id', '=', ctx.caller.accountId).where('policy_id', '=', policy.id).where('principal_type', '=', type).where('principal_id', '=', principal.id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new BulwarkError('EntityNotExist.Attachment', { policy: policy.name, principalType: type.toLowerCase(), principal: principal.name });
  ctx.invalidate('policy');
}

export interface AttachedPolicyView {
  PolicyName: string;
  PolicyType: 'System' | 'Custom';
  Description: string;
  DefaultVersion: string;
  AttachDate: string;
}

export async function listPoliciesFor(ctx: IamContext, type: PrincipalType, name: string): Promise<AttachedPolicyView[]> {
  const principal = await requirePrincipal(ctx, type, name);
  const rows = await ctx.db
    .selectFrom('iam_attachments as a')
    .innerJoin('iam_policies as p', 'p.id', 'a.policy_id')
    .select(['p.name', 'p.type', 'p.description', 'p.default_version', 'a.attached_at'])
    .where('a.account_id', '=', ctx.caller.accountId)
    .where('a.principal_type', '=', type)
    .where('a.principal_id', '=', principal.id)
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ PolicyName: r.name, PolicyType: r.type, Description: r.description, DefaultVersion: r.default_version, AttachDate: r.attached_at }));
}

export interface EntitiesForPolicy {
  Users: Array<{ UserName: string; DisplayName: string; AttachDate: string }>;
  Groups: Array<{ GroupName: string; Comments: string; AttachDate: string }>;
  Roles: Array<{ RoleName: string; Arn: string; Description: string; AttachDate: string }>;
}

export async function listEntitiesForPolicy(ctx: IamContext, input: { PolicyName: string; PolicyType: 'System' | 'Custom' }): Promise<EntitiesForPolicy> {
  const policy = await requirePolicy(ctx, input.PolicyName, input.PolicyType);
  const base = () => ctx.db.selectFrom('iam_attachments as a').where('a.account_id', '=', ctx.caller.accountId).where('a.policy_id', '=', policy.id);
  const users = await base().innerJoin('iam_users as u', 'u.id', 'a.principal_id').where('a.principal_type', '=', 'User').select(['u.name', 'u.display_name', 'a.attached_at']).execute();
  const groups = await base().innerJoin('iam_groups as g', 'g.id', 'a.principal_id').where('a.principal_type', '=', 'Group').select(['g.name', 'g.comments', 'a.attached_at']).execute();
  const roles = await base().innerJoin('iam_roles as r', 'r.id', 'a.principal_id').where('a.principal_type', '=', 'Role').select(['r.name', 'r.description', 'a.attached_at']).execute();
  return {
    Users: users.map((u) => ({ UserName: u.name, DisplayName: u.display_name, AttachDate: u.attached_at })),
    Groups: groups.map((g) => ({ GroupName: g.name, Comments: g.comments, AttachDate: g.attached_at })),
    Roles: roles.map((r) => ({ RoleName: r.name, Arn: `acs:ram::${ctx.caller.accountId}:role/${r.name.toLowerCase()}`, Description: r.description, AttachDate: r.attached_at })),
  };
}
