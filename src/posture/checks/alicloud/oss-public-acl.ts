import { fail, isUnknown, na, pass, resourceCheck } from './kit.js';
import { PUBLIC_ACLS } from './oss-bucket.js';

export const ossPublicAcl = resourceCheck(
  {
    id: 'BWK-OSS-010',
    title: 'OSS bucket ACL is public',
    severity: 'high',
    resourceTypes: ['alicloud_oss_bucket', 'alicloud_oss_bucket_acl'],
    rationale: 'public-read lets anyone download every object; public-read-write also lets anyone upload and overwrite.',
    remediation: {
      console: 'OSS console → the bucket → Permission control → ACL: Private; enable Block Public Access.',
      terraform: 'resource "alicloud_oss_bucket_acl" "b" {\n  bucket = alicloud_oss_bucket.b.bucket\n  acl    = "private"\n}',
      cli: 'aliyun oss set-acl oss://<bucket> private -b',
    },
  },
  (r) => {
    const acl = r.attributes.acl;
    if (isUnknown(acl)) return na('acl is only known at apply time');
    return typeof acl === 'string' && PUBLIC_ACLS.includes(acl) ? fail(['acl'], `ACL is ${acl}`, { acl }) : pass();
  },
);
