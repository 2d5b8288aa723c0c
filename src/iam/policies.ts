import { BulwarkError } from '../core/errors.js';
import { parsePolicyDocument } from './policy/index.js';
import { now, type IamContext } from './context.js';
import { newPolicyId } from './ids.js';
import { decodeMarker, toPage, type Page } from './names.js';
import { SYSTEM_ACCOUNT } from './system-policies.js';
import type { IamTables } from './tables.js';

type PolicyRow = IamTables['iam_policies'];
export const MAX_POLICY_VERSIONS = 5;

export interface PolicyView {
  PolicyName: string;
  PolicyType: 'System' | 'Custom';
  Description: string;
  DefaultVersion: string;
  CreateDate: string;
  UpdateDate: string;
  AttachmentCount: number;
}

export interface PolicyVersionView {
  VersionId: string;
  IsDefaultVersion: boolean;
  PolicyDocument: string;
  CreateDate: string;
}

async function attachmentCount(ctx: IamContext, policyId: string): Promise<number> {
  const r = await ctx.db.selectFrom('iam_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('policy_id', '=', policyId).where('account_id', '=', ctx.caller.accountId).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function view(ctx: IamContext, row: PolicyRow): Promise<PolicyView> {
  return { PolicyName: row.name, PolicyType: row.type, Description: row.description, DefaultVersion: row.default_version, CreateDate: row.created_at, UpdateDate: row.updated_at, AttachmentCount: await attachmentCount(ctx, row.id) };
}

/** A system policy, or a custom policy of the caller's account. */
export async function requirePolicy(ctx: IamContext, name: string, type: 'System' | 'Custom'): Promise<PolicyRow> {
  const owner = type === 'System' ? SYSTEM_ACCOUNT : ctx.caller.accountId;
  const row = await ctx.db.selectFrom('iam_policies').selectAll().where('account_id', '=', owner).where('type', '=', type).where('name', '=', name).executeTakeFirst();
  if (!row) throw new BulwarkError('EntityNotExist.Policy', { name, type });
  return row;
}

function requireCustom(row: PolicyRow): void {
  if (row.type === 'System') throw new BulwarkError('NotSupported.SystemPolicy', { name: row.name });
}

export async function createPolicy(ctx: IamContext, input: { PolicyName: string; PolicyDocument: string; Description?: string | undefined }): Promise<PolicyView> {
  parsePolicyDocument(input.PolicyDocument);
  const clash = await ctx.db.selectFrom('iam_policies').select('id').where('account_id', '=', ctx.caller.accountId).where('type', '=', 'Custom').where('name', '=', input.PolicyName).executeTakeFirst();
  if (clash) throw new BulwarkError('EntityAlreadyExists.Policy', { name: input.PolicyName });
  const t = now(ctx);
  const row: PolicyRow = { id: newPolicyId(), account_id: ctx.caller.accountId, name: input.PolicyName, type: 'Custom', description: input.Description ?? '', default_version: 'v1', next_version: 2, created_at: t, updated_at: t };
  await ctx.db.insertInto('iam_policies').values(row).execute();
  await ctx.db.insertInto('iam_policy_versions').values({ policy_id: row.id, version_id: 'v1', document: input.PolicyDocument, created_at: t }).execute();
  return view(ctx, row);
}

export async function getPolicy(ctx: IamContext, input: { PolicyName: string; PolicyType: 'System' | 'Custom' }): Promise<{ Policy: PolicyView; DefaultPolicyVersion: PolicyVersionView }> {
  const row = await requirePolicy(ctx, input.PolicyName, input.PolicyType);
  const version = await ctx.db.selectFrom('iam_policy_versions').selectAll().where('policy_id', '=', row.id).where('version_id', '=', row.default_version).executeTakeFirstOrThrow();
  return { Policy: await view(ctx, row), DefaultPolicyVersion: { VersionId: version.version_id, IsDefaultVersion: true, PolicyDocument: version.document, CreateDate: version.created_at } };
}

export async function updatePolicyDescription(ctx: IamContext, input: { PolicyName: string; NewDescription: string }): Promise<PolicyView> {
  const row = await requirePolicy(ctx, input.PolicyName, 'Custom');
  const next = { ...row, description: input.NewDescription, updated_at: now(ctx) };
  await ctx.db.updateTable('iam_policies').set({ description: next.description, updated_at: next.updated_at }).where('id', '=', row.id).execute();
  return view(ctx, next);
}

export async function deletePolicy(ctx: IamContext, input: { PolicyName: string; CascadingDelete?: boolean | undefined }): Promise<void> {
  const row = await requirePolicy(ctx, input.PolicyName, 'Custom');
  if (input.CascadingDelete) {
    await ctx.db.deleteFrom('iam_attachments').where('policy_id', '=', row.id).execute();
  } else {
    if ((await attachmentCount(ctx, row.id)) > 0) throw new BulwarkError('DeleteConflict.Policy.Attachment', { name: row.name });
    const others = await ctx.db.selectFrom('iam_policy_versions').select('version_id').where('policy_id', '=', row.id).where('version_id', '!=', row.default_version).executeTakeFirst();
    if (others) throw new BulwarkError('DeleteConflict.Policy.Version', { name: row.name });
  }
  await ctx.db.deleteFrom('iam_policy_versions').where('policy_id', '=', row.id).execute();
  await ctx.db.deleteFrom('iam_tags').where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', 'policy').where('resource_id', '=', row.id).execute();
  await ctx.db.deleteFrom('iam_policies').where('id', '=', row.id).execute();
  ctx.invalidate('policy');
}

export async function listPolicies(ctx: IamContext, input: { PolicyType?: 'System' | 'Custom' | undefined; Marker?: string | undefined; MaxItems: number }): Promise<Page<PolicyView>> {
  let q = ctx.db
    .selectFrom('iam_policies')
    .selectAll()
    .where((eb) => eb.or([eb('account_id', '=', ctx.caller.accountId), eb('account_id', '=', SYSTEM_ACCOUNT)]))
    .orderBy('type')
    .orderBy('name')
    .limit(input.MaxItems + 1);
  if (input.PolicyType) q = q.where('type', '=', input.PolicyType);
  const after = decodeMarker(input.Marker);
  if (after !== undefined) {
    const [type, name] = after.split('\u0000') as [string, string];
    q = q.where((eb) => eb.or([eb('type', '>', type as 'System'), eb.and([eb('type', '=', type as 'System'), eb('name', '>', name ?? '')])]));
  }
  const page = toPage(await q.execute(), input.MaxItems, (r) => `${r.type}\u0000${r.name}`);
  return { ...page, items: await Promise.all(page.items.map((r) => view(ctx, r))) };
}

export async function createPolicyVersion(ctx: IamContext, input: { PolicyName: string; PolicyDocument: string; SetAsDefault?: boolean | undefined; RotateStrategy?: 'None' | 'DeleteOldestNonDefaultVersionWhenLimitExceeded' | undefined }): Promise<PolicyVersionView> {
  const row = await requirePolicy(ctx, input.PolicyName, 'Custom');
  parsePolicyDocument(input.PolicyDocument);
  const versions = await ctx.db.selectFrom('iam_policy_versions').select(['version_id', 'created_at']).where('policy_id', '=', row.id).orderBy('created_at').execute();
  if (versions.length >= MAX_POLICY_VERSIONS) {
    if (input.RotateStrategy !== 'DeleteOldestNonDefaultVersionWhenLimitExceeded') throw new BulwarkError('LimitExceeded.Policy.Version', { name: row.name });
    const oldest = versions
      .filter((v) => v.version_id !== row.default_version)
      .sort((a, b) => Number(a.version_id.slice(1)) - Number(b.version_id.slice(1)))[0]!;
    await ctx.db.deleteFrom('iam_policy_versions').where('policy_id', '=', row.id).where('version_id', '=', oldest.version_id).execute();
  }
  const versionId = `v${row.next_version}`;
  const t = now(ctx);
  await ctx.db.insertInto('iam_policy_versions').values({ policy_id: row.id, version_id: versionId, document: input.PolicyDocument, created_at: t }).execute();
  await ctx.db
    .updateTable('iam_policies')
    .set({ next_version: row.next_version + 1, updated_at: t, ...(input.SetAsDefault ? { default_version: versionId } : {}) })
    .where('id', '=', row.id)
    .execute();
  if (input.SetAsDefault) ctx.invalidate('policy');
  return { VersionId: versionId, IsDefaultVersion: input.SetAsDefault === true, PolicyDocument: input.PolicyDocument, CreateDate: t };
}

async function requireVersion(ctx: IamContext, row: PolicyRow, versionId: string) {
  const v = await ctx.db.selectFrom('iam_policy_versions').selectAll().where('policy_id', '=', row.id).where('version_id', '=', versionId).executeTakeFirst();
  if (!v) throw new BulwarkError('EntityNotExist.PolicyVersion', { name: row.name, version: versionId });
  return v;
}

export async function getPolicyVersion(ctx: IamContext, input: { PolicyName: string; PolicyType: 'System' | 'Custom'; VersionId: string }): Promise<PolicyVersionView> {
  const row = await requirePolicy(ctx, input.PolicyName, input.PolicyType);
  const v = await requireVersion(ctx, row, input.VersionId);
  return { VersionId: v.version_id, IsDefaultVersion: v.version_id === row.default_version, PolicyDocument: v.document, CreateDate: v.created_at };
}

export async function listPolicyVersions(ctx: IamContext, input: { PolicyName: string; PolicyType: 'System' | 'Custom' }): Promise<PolicyVersionView[]> {
  const row = await requirePolicy(ctx, input.PolicyName, input.PolicyType);
  const rows = await ctx.db.selectFrom('iam_policy_versions').selectAll().where('policy_id', '=', row.id).execute();
  return rows
    .sort((a, b) => Number(a.version_id.slice(1)) - Number(b.version_id.slice(1)))
    .map((v) => ({ VersionId: v.version_id, IsDefaultVersion: v.version_id === row.default_version, PolicyDocument: v.document, CreateDate: v.created_at }));
}

export async function deletePolicyVersion(ctx: IamContext, input: { PolicyName: string; VersionId: string }): Promise<void> {
  const row = await requirePolicy(ctx, input.PolicyName, 'Custom');
  requireCustom(row);
  await requireVersion(ctx, row, input.VersionId);
  if (input.VersionId === row.default_version) throw new BulwarkError('DeleteConflict.PolicyVersion.Default', { name: row.name, version: input.VersionId });
  await ctx.db.deleteFrom('iam_policy_versions').where('policy_id', '=', row.id).where('version_id', '=', input.VersionId).execute();
}

export async function setDefaultPolicyVersion(ctx: IamContext, input: { PolicyName: string; VersionId: string }): Promise<void> {
  const row = await requirePolicy(ctx, input.PolicyName, 'Custom');
  await requireVersion(ctx, row, input.VersionId);
  await ctx.db.updateTable('iam_policies').set({ default_version: input.VersionId, updated_at: now(ctx) }).where('id', '=', row.id).execute();
  ctx.invalidate('policy');
}
