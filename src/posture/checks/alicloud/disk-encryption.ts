import { expectAttr, isTrue, resourceCheck } from './kit.js';

export const diskEncryption = resourceCheck(
  {
    id: 'BWK-ECS-004',
    title: 'ECS disk is not encrypted',
    severity: 'medium',
    resourceTypes: ['alicloud_disk', 'alicloud_ecs_disk'],
    rationale: 'Unencrypted disks and their snapshots expose data to anyone who obtains a copy (shared snapshot, mis-set image).',
    remediation: {
      console: 'ECS console → Block storage → Create disk with Encryption enabled; copy data, then replace the old disk (encryption cannot be turned on in place).',
      terraform: 'resource "alicloud_ecs_disk" "data" {\n  encrypted  = true\n  kms_key_id = alicloud_kms_key.disk.id\n}',
      cli: 'aliyun ecs CreateDisk --Encrypted true --KMSKeyId <key-id> …',
    },
  },
  (r) => expectAttr(r, 'encrypted', isTrue, { missing: 'fail', message: 'the disk is not encrypted' }),
);
