import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { KmsContext } from './context.js';

const tagList = z.array(z.object({ TagKey: z.string().min(1).max(128), TagValue: z.string().max(256) })).min(1).max(20);
const tagKeyList = z.array(z.string().min(1).max(128)).min(1).max(20);

function parseJson<T>(schema: z.ZodType<T>, field: string, text: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BulwarkError('InvalidParameter', { field, reason: 'not valid JSON' });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BulwarkError('InvalidParameter', { field, reason: parsed.error.issues[0]!.message });
  return parsed.data;
}

/** `Tags` as the SDK sends it: a JSON array of `{TagKey, TagValue}`. Keys starting with `acs:` are reserved. */
export function parseTags(text: string): { TagKey: string; TagValue: string }[] {
  const tags = parseJson(tagList, 'Tags', text);
  if (tags.some((t) => t.TagKey.startsWith('acs:') || t.TagKey.startsWith('aliyun'))) throw new BulwarkError('InvalidParameter', { field: 'Tags', reason: 'tag keys starting with acs: or aliyun are reserved' });
  return tags;
}

export function parseTagKeys(text: string): string[] {
  return parseJson(tagKeyList, 'TagKeys', text);
}

export async function tagResource(ctx: KmsContext, type: 'key' | 'secret', id: string, tags: { TagKey: string; TagValue: string }[]): Promise<void> {
  for (const tag of tags) {
    await ctx.db.deleteFrom('kms_tags').where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', type).where('resource_id', '=', id).where('tag_key', '=', tag.TagKey).execute();
    await ctx.db.insertInto('kms_tags').values({ account_id: ctx.caller.accountId, resource_type: type, resource_id: id, tag_key: tag.TagKey, tag_value: tag.TagValue }).execute();
  }
}

export async function untagResource(ctx: KmsContext, type: 'key' | 'secret', id: string, keys: string[]): Promise<void> {
  await ctx.db.deleteFrom('kms_tags').where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', type).where('resource_id', '=', id).where('tag_key', 'in', keys).execute();
}

export async function listTags(ctx: KmsContext, type: 'key' | 'secret', id: string): Promise<{ TagKey: string; TagValue: string }[]> {
  const rows = await ctx.db.selectFrom('kms_tags').select(['tag_key', 'tag_value']).where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', type).where('resource_id', '=', id).orderBy('tag_key').execute();
  return rows.map((r) => ({ TagKey: r.tag_key, TagValue: r.tag_value }));
}
