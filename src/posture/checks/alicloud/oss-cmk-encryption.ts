import { blocks, fail, isUnknown, na, pass, resourceCheck, unknownBlock } from './kit.js';

export const ossCmkEncryption = resourceCheck(
  {
    id: 'BWK-OSS-005',
    title: 'OSS bucket is not encrypted with a KMS customer master key',
    severity: 'medium',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'Server-side encryption with a KMS key you control lets you audit and revoke access to the data key; AES256 (OSS-managed) does not.',
    remediation: {
      console: 'OSS console → the bucket → Redundancy and fault tolerance / Server-side encryption → KMS, choose a CMK.',
      terraform: 'resource "alicloud_oss_bucket" "b" {\n  server_side_encryption_rule {\n    sse_algorithm     = "KMS"\n    kms_master_key_id = alicloud_kms_key.oss.id\n  }\n}',
      cli: 'aliyun oss bucket-encryption --method put oss://<bucket> --sse-algorithm KMS --kms-masterkey-id <key-id>',
    },
  },
  (r) => {
    const unknown = unknownBlock(r, 'server_side_encryption_rule');
    if (unknown) return unknown;
    const [rule] = blocks(r, 'server_side_encryption_rule');
    if (!rule) return fail(['server_side_encryption_rule'], 'no server-side encryption rule');
    const algo = rule.sse_algorithm;
    if (isUnknown(algo)) return na('sse_algorithm is only known at apply time');
    return algo === 'KMS' ? pass() : fail(['server_side_encryption_rule'], `server-side encryption uses ${String(algo)}, not a KMS key`, { sse_algorithm: algo });
  },
);
