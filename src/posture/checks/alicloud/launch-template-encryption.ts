import { blocks, expectAttr, fail, isTrue, isUnknown, resourceCheck, type Verdict } from './kit.js';

export const launchTemplateEncryption = resourceCheck(
  {
    id: 'BWK-ECS-006',
    title: 'ECS launch template does not encrypt disks',
    severity: 'high',
    resourceTypes: ['alicloud_launch_template', 'alicloud_ecs_launch_template'],
    rationale: 'Every instance started from the template inherits unencrypted disks.',
    remediation: {
      console: 'ECS console → Launch templates → New version → Storage: enable encryption for system and data disks.',
      terraform: 'resource "alicloud_ecs_launch_template" "t" {\n  system_disk {\n    encrypted = true\n  }\n  encrypted = true\n}',
      cli: 'aliyun ecs CreateLaunchTemplateVersion --LaunchTemplateId <id> --SystemDisk.Encrypted true …',
    },
  },
  (r) => {
    if (r.type === 'alicloud_launch_template' || r.attributes.encrypted !== undefined) return expectAttr(r, 'encrypted', isTrue, { missing: 'fail', message: 'the template does not encrypt disks' });
    // alicloud_ecs_launch_template: encryption is per data disk.
    return blocks(r, 'data_disks').flatMap((d, i): Verdict[] => (isTrue(d.encrypted) || isUnknown(d.encrypted) ? [] : [fail(['data_disks', i, 'encrypted'], `data disk ${String(d.name ?? i)} is not encrypted`)]));
  },
);
