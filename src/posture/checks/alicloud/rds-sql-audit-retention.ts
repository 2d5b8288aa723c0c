import { fail, isUnknown, num, resourceCheck, type Verdict } from './kit.js';

export const rdsSqlAuditRetention = resourceCheck(
  {
    id: 'BWK-RDS-005',
    title: 'RDS SQL audit is off or kept less than 180 days',
    severity: 'medium',
    resourceTypes: ['alicloud_db_instance'],
    rationale: 'SQL audit logs are the record of data access; regulations (MLPS, PCI DSS) expect at least six months.',
    remediation: {
      console: 'RDS console → the instance → SQL Explorer and Audit → Enable, retention ≥ 180 days.',
      terraform: 'resource "alicloud_db_instance" "db" {\n  sql_collector_status       = "Enabled"\n  sql_collector_config_value = 180\n}',
      cli: 'aliyun rds ModifySQLCollectorPolicy --DBInstanceId <id> --SQLCollectorStatus Enable && aliyun rds ModifySQLCollectorRetention --DBInstanceId <id> --ConfigValue 180',
    },
  },
  (r) => {
    const out: Verdict[] = [];
    const status = r.attributes.sql_collector_status;
    if (!isUnknown(status) && status !== 'Enabled') out.push(fail(['sql_collector_status'], status === undefined ? 'SQL audit not enabled (sql_collector_status not set)' : `sql_collector_status = ${String(status)}`));
    const days = r.attributes.sql_collector_config_value;
    if (!isUnknown(days) && (num(days) ?? 0) < 180) out.push(fail(['sql_collector_config_value'], days === undefined ? 'SQL audit retention not set (default 30 days)' : `SQL audit kept ${String(days)} days`));
    return out;
  },
);
