import { expectAttr, resourceCheck } from './kit.js';

export const mongodbSsl = resourceCheck(
  {
    id: 'BWK-MONGODB-002',
    title: 'MongoDB instance SSL is not enabled',
    severity: 'medium',
    resourceTypes: ['alicloud_mongodb_instance'],
    rationale: 'Without SSL, credentials and documents cross the network in clear text.',
    remediation: {
      console: 'ApsaraDB for MongoDB console → the instance → Data security → SSL → Enable.',
      terraform: 'resource "alicloud_mongodb_instance" "m" {\n  ssl_action = "Open"\n}',
    },
  },
  (r) => expectAttr(r, 'ssl_action', (v) => v === 'Open' || v === 'Update', { missing: 'fail', message: 'SSL is not enabled' }),
);
