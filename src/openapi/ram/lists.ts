import { z } from 'zod';

/**
 * List parameters arrive two ways: flattened (`Tag.1.Key=k`, V1 SDKs and pop-core; `unflatten` makes
 * them arrays) or as one JSON array (`Tag=[{"Key":"k"}]`, the V3 SDK's "json" style). Both validate alike.
 */
export function listParam<T extends z.ZodType>(item: T, max: number, field: string) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (!text.startsWith('[')) return [value];
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }, z.array(item).max(max, `at most ${max} ${field}`));
}

const RESERVED_TAG_PREFIX = /^(aliyun|acs:)/i;

export const tagKey = z
  .string()
  .min(1)
  .max(128)
  .refine((k) => !RESERVED_TAG_PREFIX.test(k), 'must not start with "aliyun" or "acs:"')
  .refine((k) => !/^https?:\/\//i.test(k), 'must not start with http:// or https://');
/** Alibaba allows 256 characters; Bulwark's column holds 128 (see docs/api-compatibility.md). */
export const tagValue = z.string().max(128);

export const tagItem = z.object({ Key: tagKey, Value: tagValue.optional() });

/** `Tag.N.Key` / `Tag.N.Value`, at most 20. */
export const tags = listParam(tagItem, 20, 'tags');
