import { blocks, fail, isFalse, pass, resourceCheck, unknownBlock } from './kit.js';

export const ossLogging = resourceCheck(
  {
    id: 'BWK-OSS-009',
    title: 'OSS bucket access logging is disabled',
    severity: 'medium',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'Access logs are the only record of who read or changed objects; without them a leak cannot be scoped.',
    remediation: {
      console: 'OSS console → the bucket → Logging → Enable, choose a target bucket and prefix.',
      terraform: 'resource "alicloud_oss_bucket" "b" {\n  logging {\n    target_bucket = alicloud_oss_bucket.logs.id\n    target_prefix = "log/"\n  }\n}',
      cli: 'aliyun oss logging --method put oss://<bucket> oss://<log-bucket>/log/',
    },
  },
  (r) => {
    const unknown = unknownBlock(r, 'logging');
    if (unknown) return unknown;
    if (isFalse(r.attributes.logging_isenable)) return fail(['logging_isenable'], 'logging_isenable = false');
    return blocks(r, 'logging').length > 0 ? pass() : fail(['logging'], 'no logging block');
  },
);
