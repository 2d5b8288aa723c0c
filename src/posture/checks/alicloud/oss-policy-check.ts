/** Builder for the OSS bucket-policy checks on statements allowing actions to all principals. */
import type { CheckMeta } from '../../check.js';
import { fail, na, pass, resourceCheck, type IacCheck } from './kit.js';
import { actionsOf, policyStatements, publicAllows } from './oss-bucket.js';

export function ossPublicActionCheck(meta: Omit<CheckMeta, 'source' | 'resourceTypes' | 'remediation'>, what: string, matches: (action: string) => boolean): IacCheck {
  return resourceCheck(
    {
      ...meta,
      resourceTypes: ['alicloud_oss_bucket', 'alicloud_oss_bucket_policy'],
      remediation: {
        console: `OSS console → the bucket → Permission control → Bucket policy: remove the statement that allows ${what} to all accounts (*), or restrict it to named RAM users/roles or with conditions.`,
        terraform: 'resource "alicloud_oss_bucket_policy" "b" {\n  bucket = alicloud_oss_bucket.b.bucket\n  policy = jsonencode({ Version = "1", Statement = [{\n    Effect = "Allow", Action = ["oss:GetObject"],\n    Principal = ["<account-or-ram-user-id>"],\n    Resource = ["acs:oss:*:*:<bucket>/*"] }] })\n}',
        cli: 'aliyun oss bucket-policy oss://<bucket> --method put local_policy.json',
      },
    },
    (r) => {
      if (r.attributes.policy === undefined) return pass('no bucket policy');
      const statements = policyStatements(r.attributes.policy);
      if (!statements) return na('policy is unknown or not valid JSON');
      const bad = publicAllows(statements).flatMap(actionsOf).filter(matches);
      return bad.length > 0 ? fail(['policy'], `the bucket policy allows ${bad.join(', ')} to all principals (*)`, { actions: bad }) : pass();
    },
  );
}
