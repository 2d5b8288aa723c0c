import { BulwarkError } from '../core/errors.js';
import type { IamContext } from './context.js';
import { decodeMarker, encodeMarker } from './names.js';
import { requirePolicy } from './policies.js';

/** Resource types RAM tags: users, roles and custom policies. */
export type TagResourceType = 'user' | 'role' | 'policy';
export const MAX_TAGS_PER_RESOURCE = 20;

export interface Tag {
  Key: string;
  Value?: string | undefined;
}

/** The id of a taggable resource of the caller's account, or the type's `EntityNotExist.*` error. */
export async function resolveTagResource(ctx: IamContext, type: TagResourceType, name: string): Promise<string> {
  if (type === 'policy') return (await requirePolicy(ctx, name, 'Custom')).id;
  const table = type === 'user' ? 'iam_users' : 'iam_roles';
  const row = await ctx.db.selectFrom(table).select('id').where('account_id', '=', ctx.caller.accountId).where('name', '=', name).executeTakeFirst();
  if (!row) throw new BulwarkError(type === 'user' ? 'EntityNotExist.User' : 'EntityNotExist.Role', { name });
  return row.id;
}

/** Sets tags on one resource by id (existing keys get the new value), keeping at most 20 per resource. */
export async function setTags(ctx: IamContext, type: TagResourceType, resourceId: string, resourceName: string, tags: readonly Tag[]): Promise<void> {
  const existing = await ctx.db.selectFrom('iam_tags').select('tag_key').where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', type).where('resource_id', '=', resourceId).execute();
  const keys = new Set(existing.map((r) => r.tag_key));
  for (const t of tags) keys.add(t.Key);
  if (keys.size > MAX_TAGS_PER_RESOURCE) throw new BulwarkError('LimitExceeded.Tag', { type, name: resourceName, max: MAX_TAGS_PER_RESOURCE });
  for (const t of tags) {
    const value = t.Value ?? '';
    const base = { account_id: ctx.caller.accountId, resource_type: type, resource_id: resourceId, tag_key: t.Key };
    const r = await ctx.db.updateTable('iam_tags').set({ tag_value: value }).where('account_id', '=', base.account_id).where('resource_type', '=', type).where('resource_id', '=', resourceId).where('tag_key', '=', t.Key).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) await ctx.db.insertInto('iam_tags').values({ ...base, tag_value: value }).execute();
  }
}

/** Removes every tag of a resource (used when the resource is deleted). */
export async function dropTags(ctx: IamContext, type: TagResourceType, resourceId: string): Promise<void> {
  await ctx.db.deleteFrom('iam_tags').where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', type).where('resource_id', '=', resourceId).execute();
}

/** Tags of many resources of one type, by resource id. */
export async function tagsOf(ctx: IamContext, type: TagResourceType, resourceIds: readonly string[]): Promise<Map<string, Array<{ TagKey: string; TagValue: string }>>> {
  const out = new Map<string, Array<{ TagKey: string; TagValue: string }>>();
  if (resourceIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('iam_tags')
    .select(['resource_id', 'tag_key', 'tag_value'])
    .where('account_id', '=', ctx.caller.accountId)
    .where('resource_type', '=', type)
    .where('resource_id', 'in', [...resourceIds])
    .orderBy('tag_key')
    .execute();
  for (const r of rows) {
    const list = out.get(r.resource_id) ?? [];
    list.push({ TagKey: r.tag_key, TagValue: r.tag_value });
    out.set(r.resource_id, list);
  }
  return out;
}

/** Whether a resource's tags include every filter (a filter without Value matches any value). */
export function matchesTags(tags: ReadonlyArray<{ TagKey: string; TagValue: string }>, filters: readonly Tag[]): boolean {
  return filters.every((f) => tags.some((t) => t.TagKey === f.Key && (f.Value === undefined || t.TagValue === f.Value)));
}

export async function tagResources(ctx: IamContext, input: { ResourceType: TagResourceType; ResourceNames: string[]; Tag: Tag[] }): Promise<void> {
  const resolved: Array<[string, string]> = [];
  for (const name of new Set(input.ResourceNames)) resolved.push([name, await resolveTagResource(ctx, input.ResourceType, name)]);
  for (const [name, id] of resolved) await setTags(ctx, input.ResourceType, id, name, input.Tag);
}

export async function untagResources(ctx: IamContext, input: { ResourceType: TagResourceType; ResourceNames: string[]; TagKeys?: string[] | undefined; All?: boolean | undefined }): Promise<void> {
  if (!input.All && (!input.TagKeys || input.TagKeys.length === 0)) throw new BulwarkError('MissingParameter', { field: 'TagKeys' });
  const ids: string[] = [];
  for (const name of new Set(input.ResourceNames)) ids.push(await resolveTagResource(ctx, input.ResourceType, name));
  for (const id of ids) {
    let q = ctx.db.deleteFrom('iam_tags').where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', input.ResourceType).where('resource_id', '=', id);
    if (!input.All) q = q.where('tag_key', 'in', input.TagKeys!);
    await q.execute();
  }
}

export interface TagResourceView {
  ResourceType: TagResourceType;
  ResourceName: string;
  TagKey: string;
  TagValue: string;
}

/**
 * Tags of the account's resources of one type, optionally only of the named resources and only of
 * resources carrying every given tag; ordered by resource name then key, paged by `NextToken`.
 */
export async function listTagResources(
  ctx: IamContext,
  input: { ResourceType: TagResourceType; ResourceNames?: string[] | undefined; Tag?: Tag[] | undefined; NextToken?: string | undefined; PageSize: number },
): Promise<{ items: TagResourceView[]; nextToken: string }> {
  const type = input.ResourceType;
  const base = ctx.db.selectFrom('iam_tags as t').where('t.account_id', '=', ctx.caller.accountId).where('t.resource_type', '=', type);
  const joined =
    type === 'user'
      ? base.innerJoin('iam_users as r', 'r.id', 't.resource_id')
      : type === 'role'
        ? base.innerJoin('iam_roles as r', 'r.id', 't.resource_id')
        : base.innerJoin('iam_policies as r', 'r.id', 't.resource_id');
  let q = joined.select(['r.name as name', 't.resource_id as id', 't.tag_key as key', 't.tag_value as value']).where('r.account_id', '=', ctx.caller.accountId);
  if (input.ResourceNames && input.ResourceNames.length > 0) q = q.where('r.name', 'in', input.ResourceNames);
  const rows = await q.execute();
  const byResource = new Map<string, { name: string; tags: Array<{ TagKey: string; TagValue: string }> }>();
  for (const r of rows) {
    const entry = byResource.get(r.id) ?? { name: r.name, tags: [] };
    entry.tags.push({ TagKey: r.key, TagValue: r.value });
    byResource.set(r.id, entry);
  }
  const items: TagResourceView[] = [];
  for (const { name, tags } of byResource.values()) {
    if (input.Tag && input.Tag.length > 0 && !matchesTags(tags, input.Tag)) continue;
    for (const t of tags) items.push({ ResourceType: type, ResourceName: name, TagKey: t.TagKey, TagValue: t.TagValue });
  }
  const sortKey = (i: TagResourceView) => `${i.ResourceName}\u0000${i.TagKey}`;
  items.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const after = decodeMarker(input.NextToken);
  const start = after === undefined ? 0 : items.findIndex((i) => sortKey(i) > after);
  const rest = start < 0 ? [] : items.slice(start);
  const page = rest.slice(0, input.PageSize);
  return { items: page, nextToken: rest.length > input.PageSize ? encodeMarker(sortKey(page[page.length - 1]!)) : '' };
}

/** Tags of the caller's custom policies, by policy name (system policies carry no tags). */
export async function customPolicyTags(ctx: IamContext, policyNames: readonly string[]): Promise<Map<string, Array<{ TagKey: string; TagValue: string }>>> {
  const out = new Map<string, Array<{ TagKey: string; TagValue: string }>>();
  if (policyNames.length === 0) return out;
  const rows = await ctx.db.selectFrom('iam_policies').select(['id', 'name']).where('account_id', '=', ctx.caller.accountId).where('type', '=', 'Custom').where('name', 'in', [...policyNames]).execute();
  const byId = await tagsOf(ctx, 'policy', rows.map((r) => r.id));
  for (const r of rows) out.set(r.name, byId.get(r.id) ?? []);
  return out;
}
