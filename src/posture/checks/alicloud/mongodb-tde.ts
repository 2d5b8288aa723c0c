import { expectAttr, resourceCheck } from './kit.js';

export const mongodbTde = resourceCheck(
  {
    id: 'BWK-MONGODB-004',
    title: 'MongoDB instance transparent data encryption is not enabled',
    severity: 'high',
    resourceTypes: ['alicloud_mongodb_instance'],
    rationale: 'TDE keeps data files and backups unreadable if copied.',
    remediation: {
      console: 'ApsaraDB for MongoDB console → the instance → Data security → TDE → Enable.',
      terraform: 'resource "alicloud_mongodb_instance" "m" {\n  tde_status = "enabled"\n}',
    },
  },
  (r) => expectAttr(r, 'tde_status', (v) => String(v).toLowerCase() === 'enabled', { missing: 'fail', message: 'TDE is not enabled' }),
);
