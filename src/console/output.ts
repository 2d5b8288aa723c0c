import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { REDACTED, isSecretKey } from '../core/redact.js';

export type OutputSchema = z.ZodType;

const loose = z.looseObject({});
const user = z.object({
  UserId: z.string(),
  UserName: z.string(),
  DisplayName: z.string(),
  MobilePhone: z.string(),
  Email: z.string(),
  Comments: z.string(),
  CreateDate: z.string(),
  UpdateDate: z.string(),
  LastLoginDate: z.string().optional(),
});

const group = z.looseObject({ GroupName: z.string(), Comments: z.string() });
const role = z.looseObject({ RoleName: z.string(), Description: z.string() });
const policy = z.looseObject({ PolicyName: z.string(), PolicyType: z.enum(['System', 'Custom']) });
const policyVersion = z.object({ VersionId: z.string(), IsDefaultVersion: z.boolean(), PolicyDocument: z.string().optional(), CreateDate: z.string() });
const accessKey = z.object({ AccessKeyId: z.string(), Status: z.enum(['Active', 'Inactive']), CreateDate: z.string(), UpdateDate: z.string().optional() });
const loginProfile = z.object({ UserName: z.string(), PasswordResetRequired: z.boolean(), MFABindRequired: z.boolean(), CreateDate: z.string() });
const keyMetadata = z.looseObject({ KeyId: z.string(), Arn: z.string(), KeyState: z.string(), KeySpec: z.string(), KeyUsage: z.string(), CreationDate: z.string() });

/** Building blocks of the console's output schemas. */
export const output = {
  loose,
  user,
  group,
  role,
  policy,
  policyVersion,
  accessKey,
  loginProfile,
  keyMetadata,
  empty: z.object({}),
  obj: <T extends z.ZodRawShape>(shape: T) => z.object(shape),
  array: <T extends z.ZodType>(item: T) => z.array(item),
  /** RAM marker paging: `{ IsTruncated, Marker, <Outer>: { <Inner>: [...] } }` */
  list: (outer: string, inner: string, item: z.ZodType) => z.object({ IsTruncated: z.boolean(), Marker: z.string(), [outer]: z.object({ [inner]: z.array(item) }) }),
  /** KMS page numbers: `{ PageNumber, PageSize, TotalCount, <Outer>: { <Inner>: [...] } }` */
  paged: (outer: string, inner: string) => z.looseObject({ PageNumber: z.number().optional(), PageSize: z.number().optional(), TotalCount: z.number(), [outer]: z.object({ [inner]: z.array(z.unknown()) }) }),
};

/**
 * Paths of string fields named like secrets (`AccessKeySecret`, `SecretData`, `Password`, …) anywhere
 * in `value`, unless redacted; containers so named (KMS's `SecretList.Secret[]`) are searched inside.
 */
export function secretFields(value: unknown, path: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretFields(v, [...path, String(i)]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (isSecretKey(k) && typeof v === 'string' && v !== REDACTED ? [[...path, k].join('.')] : secretFields(v, [...path, k])));
}

/**
 * The console's output guard: the response must match its schema (unknown keys are dropped) and may
 * carry a secret-named field only where the route reveals it (a new AccessKey's secret, a secret value).
 */
export function guardOutput(schema: OutputSchema, value: unknown, reveals: readonly string[] = []): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BulwarkError('InternalError', {}, { cause: new Error(`console output does not match its schema: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`) });
  const leaked = secretFields(parsed.data).filter((p) => !reveals.includes(p.split('.').pop()!));
  if (leaked.length > 0) throw new BulwarkError('InternalError', {}, { cause: new Error(`console output carries secret fields: ${leaked.join(', ')}`) });
  return parsed.data;
}
