/** Reading OSS buckets: names, ACLs (inline or `alicloud_oss_bucket_acl`) and bucket policies. */
import { z } from 'zod';
import { isUnknown, referencedAddresses, resourcesOf, type IacInput, type IacResource } from '../../iac/resource.js';

export const PUBLIC_ACLS = ['public-read', 'public-read-write'];

const Statement = z.looseObject({
  Effect: z.string().optional(),
  Action: z.union([z.string(), z.array(z.string())]).optional(),
  Principal: z.unknown().optional(),
  Resource: z.union([z.string(), z.array(z.string())]).optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
const PolicyDoc = z.looseObject({ Statement: z.union([z.array(Statement), Statement]) });
export type PolicyStatement = z.infer<typeof Statement>;

const parsedPolicies = new Map<string, PolicyStatement[] | undefined>();

/** Statements of a policy document (JSON text or object); undefined when unknown or invalid. */
export function policyStatements(doc: unknown): PolicyStatement[] | undefined {
  if (typeof doc !== 'string') return readStatements(doc);
  if (!parsedPolicies.has(doc)) {
    // Several checks read the same documents; a bounded cache of the parsed ones.
    if (parsedPolicies.size > 4096) parsedPolicies.clear();
    parsedPolicies.set(doc, readStatements(doc));
  }
  return parsedPolicies.get(doc);
}

function readStatements(doc: unknown): PolicyStatement[] | undefined {
  if (isUnknown(doc) || doc === undefined || doc === null) return undefined;
  let json: unknown = doc;
  if (typeof doc === 'string') {
    try {
      json = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  const parsed = PolicyDoc.safeParse(json);
  if (!parsed.success) return undefined;
  return Array.isArray(parsed.data.Statement) ? parsed.data.Statement : [parsed.data.Statement];
}

export function actionsOf(s: PolicyStatement): string[] {
  return s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action];
}

export function statementResources(s: PolicyStatement): string[] {
  return s.Resource === undefined ? [] : Array.isArray(s.Resource) ? s.Resource : [s.Resource];
}

/** Principal `*` (or `{"RAM": ["*"]}`-style maps containing `*`). */
export function isAllPrincipals(p: unknown): boolean {
  if (p === '*') return true;
  if (Array.isArray(p)) return p.includes('*');
  if (p !== null && typeof p === 'object') return Object.values(p).some(isAllPrincipals);
  return false;
}

/** Allow statements for all principals without any condition narrowing them. */
export function publicAllows(statements: readonly PolicyStatement[]): PolicyStatement[] {
  return statements.filter((s) => s.Effect === 'Allow' && isAllPrincipals(s.Principal) && !s.Condition);
}

function refersTo(value: unknown, bucket: IacResource): boolean {
  if (isUnknown(value)) return referencedAddresses(value).includes(bucket.address.replace(/^(module\.[\w-]+\.)*/, ''));
  return value !== undefined && value === bucket.attributes.bucket;
}

/** The bucket's policy: its inline `policy`, else an `alicloud_oss_bucket_policy` naming it. */
export function bucketPolicy(bucket: IacResource, input: IacInput): { holder: IacResource; doc: unknown } | undefined {
  if (bucket.attributes.policy !== undefined) return { holder: bucket, doc: bucket.attributes.policy };
  const holder = resourcesOf(input, 'alicloud_oss_bucket_policy').find((p) => refersTo(p.attributes.bucket, bucket));
  return holder ? { holder, doc: holder.attributes.policy } : undefined;
}

/** The bucket's ACL: inline `acl`, else an `alicloud_oss_bucket_acl` naming it (default private). */
export function bucketAcl(bucket: IacResource, input: IacInput): { holder: IacResource; acl: unknown } {
  if (bucket.attributes.acl !== undefined) return { holder: bucket, acl: bucket.attributes.acl };
  const holder = resourcesOf(input, 'alicloud_oss_bucket_acl').find((p) => refersTo(p.attributes.bucket, bucket));
  return holder ? { holder, acl: holder.attributes.acl } : { holder: bucket, acl: 'private' };
}
