import { expectAttr, resourceCheck } from './kit.js';

export const rdsSsl = resourceCheck(
  {
    id: 'BWK-RDS-006',
    title: 'RDS instance SSL is not enabled',
    severity: 'medium',
    resourceTypes: ['alicloud_db_instance'],
    rationale: 'Without SSL, credentials and query results cross the network in clear text.',
    remediation: {
      console: 'RDS console → the instance → Data security → SSL → Enable.',
      terraform: 'resource "alicloud_db_instance" "db" {\n  ssl_action = "Open"\n}',
      cli: 'aliyun rds ModifyDBInstanceSSL --DBInstanceId <id> --SSLEnabled 1 --ConnectionString <endpoint>',
    },
  },
  (r) => expectAttr(r, 'ssl_action', (v) => v === 'Open' || v === 'Update', { missing: 'fail', message: 'SSL is not enabled' }),
);
