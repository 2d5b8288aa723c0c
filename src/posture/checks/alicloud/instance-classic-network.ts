import { fail, pass, resourceCheck } from './kit.js';

export const instanceClassicNetwork = resourceCheck(
  {
    id: 'BWK-ECS-007',
    title: 'ECS instance is not in a VPC (classic network)',
    severity: 'medium',
    resourceTypes: ['alicloud_instance'],
    rationale: 'Classic network shares an address space with other tenants and lacks VPC isolation, flow logs and network ACLs.',
    remediation: {
      console: 'ECS console → the instance → Migrate to VPC (or recreate it in a VPC vSwitch).',
      terraform: 'resource "alicloud_instance" "app" {\n  vswitch_id = alicloud_vswitch.app.id\n}',
      cli: 'aliyun ecs MigrateToVpc … (or recreate with --VSwitchId)',
    },
  },
  (r) => (r.attributes.vswitch_id === undefined || r.attributes.vswitch_id === null || r.attributes.vswitch_id === '' ? fail(['vswitch_id'], 'no vswitch_id: the instance is in the classic network') : pass()),
);
