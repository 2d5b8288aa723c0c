import { fail, pass, resourceCheck } from './kit.js';

export const mongodbVpc = resourceCheck(
  {
    id: 'BWK-MONGODB-001',
    title: 'MongoDB instance is not deployed in a VPC',
    severity: 'medium',
    resourceTypes: ['alicloud_mongodb_instance', 'alicloud_mongodb_sharding_instance'],
    rationale: 'Outside a VPC the database sits in the classic network, without VPC isolation and flow logs.',
    remediation: {
      console: 'ApsaraDB for MongoDB console → the instance → Switch network type to VPC.',
      terraform: 'resource "alicloud_mongodb_instance" "m" {\n  vswitch_id = alicloud_vswitch.db.id\n}',
    },
  },
  (r) => (r.attributes.vswitch_id === undefined || r.attributes.vswitch_id === '' ? fail(['vswitch_id'], 'no vswitch_id') : pass()),
);
