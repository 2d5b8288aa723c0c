import { fail, isUnknown, pass, resourceCheck } from './kit.js';

export const diskCmk = resourceCheck(
  {
    id: 'BWK-ECS-005',
    title: 'ECS disk is not encrypted with a KMS customer master key',
    severity: 'high',
    resourceTypes: ['alicloud_disk', 'alicloud_ecs_disk'],
    rationale: 'With your own KMS key (kms_key_id) you control, audit and can revoke decryption; the default service key gives no such control.',
    remediation: {
      console: 'ECS console → Block storage → Create disk → Encryption → choose your KMS key.',
      terraform: 'resource "alicloud_ecs_disk" "data" {\n  encrypted  = true\n  kms_key_id = alicloud_kms_key.disk.id\n}',
      cli: 'aliyun ecs CreateDisk --Encrypted true --KMSKeyId <key-id> …',
    },
  },
  (r) => (r.attributes.kms_key_id !== undefined && r.attributes.kms_key_id !== null && (isUnknown(r.attributes.kms_key_id) || r.attributes.kms_key_id !== '') ? pass() : fail(['kms_key_id'], 'no kms_key_id: the disk is not encrypted with a customer master key')),
);
