import { blocks, fail, isTrue, isUnknown, resourceCheck } from './kit.js';

export const instanceDataDiskEncryption = resourceCheck(
  {
    id: 'BWK-ECS-008',
    title: 'ECS instance has unencrypted data disks',
    severity: 'medium',
    resourceTypes: ['alicloud_instance'],
    rationale: 'Data disks created with the instance hold application data; unencrypted, their snapshots expose it.',
    remediation: {
      console: 'ECS console → create encrypted disks, copy the data, detach the unencrypted ones.',
      terraform: 'resource "alicloud_instance" "app" {\n  data_disks {\n    size      = 100\n    encrypted = true\n  }\n}',
      cli: 'aliyun ecs CreateDisk --Encrypted true …',
    },
  },
  (r) => blocks(r, 'data_disks').flatMap((d, i) => (isTrue(d.encrypted) || isUnknown(d.encrypted) ? [] : [fail(['data_disks', i, 'encrypted'], `data disk ${String(d.name ?? i)} is not encrypted`)])),
);
