import { resourcesOf } from '../../iac/resource.js';
import { fail, isUnknown, na, pass, resourceCheck } from './kit.js';
import { bucketAcl, PUBLIC_ACLS } from './oss-bucket.js';

export const actiontrailBucketPublic = resourceCheck(
  {
    id: 'BWK-ACTIONTRAIL-003',
    title: 'OSS bucket holding ActionTrail logs is publicly accessible',
    severity: 'high',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'Audit logs reveal account structure and activity; a public bucket lets anyone read (or overwrite) them.',
    remediation: {
      console: 'OSS console → the trail\'s bucket → Permission control → ACL: Private.',
      terraform: 'resource "alicloud_oss_bucket_acl" "trail" {\n  bucket = alicloud_oss_bucket.trail.bucket\n  acl    = "private"\n}',
      cli: 'aliyun oss set-acl oss://<bucket> private -b',
    },
  },
  (bucket, input) => {
    const name = bucket.attributes.bucket;
    if (typeof name !== 'string') return na('bucket name unknown');
    const trails = resourcesOf(input, 'alicloud_actiontrail_trail').filter((t) => t.attributes.oss_bucket_name === name);
    if (trails.length === 0) return na('no trail in the scan writes to this bucket');
    const { holder, acl } = bucketAcl(bucket, input);
    if (isUnknown(acl)) return na('acl is only known at apply time');
    if (typeof acl === 'string' && PUBLIC_ACLS.includes(acl)) {
      return fail(holder === bucket ? ['acl'] : [], `bucket "${name}" receives the logs of ${trails.map((t) => t.address).join(', ')} and its ACL is ${acl}`, { acl, trails: trails.map((t) => t.address) });
    }
    return pass();
  },
);
