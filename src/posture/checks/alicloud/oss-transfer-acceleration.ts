import { blocks, fail, isTrue, pass, resourceCheck, unknownBlock } from './kit.js';

export const ossTransferAcceleration = resourceCheck(
  {
    id: 'BWK-OSS-011',
    title: 'OSS bucket transfer acceleration is disabled',
    severity: 'low',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'Transfer acceleration keeps uploads and downloads from distant regions fast and reliable (availability).',
    remediation: {
      console: 'OSS console → the bucket → Transfer acceleration → Enable.',
      terraform: 'resource "alicloud_oss_bucket" "b" {\n  transfer_acceleration {\n    enabled = true\n  }\n}',
      cli: 'aliyun oss bucket-transfer-acceleration --method put oss://<bucket> true',
    },
  },
  (r) => {
    const unknown = unknownBlock(r, 'transfer_acceleration');
    if (unknown) return unknown;
    const [ta] = blocks(r, 'transfer_acceleration');
    if (!ta) return fail(['transfer_acceleration'], 'no transfer_acceleration block');
    return isTrue(ta.enabled) ? pass() : fail(['transfer_acceleration', 0, 'enabled'], 'transfer acceleration is disabled');
  },
);
