import { sql, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { KmsContext } from './context.js';
import type { KmsTables } from './tables.js';

/** The properties ListKeys `Filters` may name (Alibaba's list). */
export const KEY_FILTER_KEYS = ['KeyState', 'KeySpec', 'KeyUsage', 'ProtectionLevel', 'CreatorType', 'DKMSInstanceId', 'KeyId', 'AliasName', 'Creator', 'TagKey', 'TagValue'] as const;
export type KeyFilterKey = (typeof KEY_FILTER_KEYS)[number];

const filtersSchema = z
  .array(z.object({ Key: z.enum(KEY_FILTER_KEYS), Values: z.array(z.string().max(256)).max(10) }).strict())
  .max(10, 'at most 10 filters');

/**
 * `Filters` as ListKeys takes it: a JSON array of `{Key, Values}`. Different keys are ANDed, the values
 * of one key ORed (entries repeating a key add values to it); an empty `Values` list filters nothing.
 */
export function parseKeyFilters(text: string | undefined): Map<KeyFilterKey, string[]> {
  const filters = new Map<KeyFilterKey, string[]>();
  if (text === undefined || text.trim() === '') return filters;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BulwarkError('InvalidParameter', { field: 'Filters', reason: 'not valid JSON' });
  }
  const parsed = filtersSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('InvalidParameter', { field: 'Filters', reason: `${issue.path.join('.') || 'Filters'}: ${issue.message}` });
  }
  for (const { Key, Values } of parsed.data) if (Values.length > 0) filters.set(Key, [...(filters.get(Key) ?? []), ...Values]);
  return filters;
}

type KeyQuery = SelectQueryBuilder<KmsTables, 'kms_keys', object>;

const COLUMN: Partial<Record<KeyFilterKey, 'state' | 'key_spec' | 'key_usage' | 'protection_level' | 'id' | 'creator'>> = {
  KeyState: 'state',
  KeySpec: 'key_spec',
  KeyUsage: 'key_usage',
  ProtectionLevel: 'protection_level',
  KeyId: 'id',
  Creator: 'creator',
};

/** Narrows a `kms_keys` query of the caller's account and region to the filters. */
export function applyKeyFilters(ctx: KmsContext, query: KeyQuery, filters: Map<KeyFilterKey, string[]>): KeyQuery {
  let q = query;
  for (const [key, values] of filters) {
    const column = COLUMN[key];
    if (column) {
      q = q.where(column, 'in', values);
    } else if (key === 'CreatorType') {
      // Every Bulwark key is created by a user; none by another cloud service.
      if (!values.includes('User')) q = q.where(sql<boolean>`1 = 0`);
    } else if (key === 'DKMSInstanceId') {
      // Bulwark has no dedicated KMS instances: no key belongs to one.
      q = q.where(sql<boolean>`1 = 0`);
    } else if (key === 'AliasName') {
      q = q.where('id', 'in', ctx.db.selectFrom('kms_aliases').select('key_id').where('account_id', '=', ctx.caller.accountId).where('region', '=', ctx.region).where('alias_name', 'in', values));
    } else {
      const column = key === 'TagKey' ? 'tag_key' : 'tag_value';
      q = q.where('id', 'in', ctx.db.selectFrom('kms_tags').select('resource_id').where('account_id', '=', ctx.caller.accountId).where('resource_type', '=', 'key').where(column, 'in', values));
    }
  }
  return q;
}
