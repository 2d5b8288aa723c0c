import { fail, isUnknown, num, pass, resourceCheck } from './kit.js';

export const rdsBackupRetention = resourceCheck(
  {
    id: 'BWK-RDS-008',
    title: 'RDS backups are kept less than 7 days',
    severity: 'medium',
    resourceTypes: ['alicloud_db_backup_policy', 'alicloud_rds_backup_policy'],
    rationale: 'Short backup and log-backup retention leaves no clean restore point when corruption or ransomware is noticed late.',
    remediation: {
      console: 'RDS console → the instance → Backup and restoration → Backup settings → retention ≥ 7 days, log backup on.',
      terraform: 'resource "alicloud_db_backup_policy" "b" {\n  backup_retention_period     = 30\n  enable_backup_log           = true\n  log_backup_retention_period = 30\n}',
      cli: 'aliyun rds ModifyBackupPolicy --DBInstanceId <id> --BackupRetentionPeriod 30 --EnableBackupLog 1 --LogBackupRetentionPeriod 30',
    },
  },
  (r) => {
    for (const key of ['backup_retention_period', 'retention_period', 'log_backup_retention_period']) {
      const v = r.attributes[key];
      if (v === undefined || isUnknown(v)) continue;
      const days = num(v);
      if (days !== undefined && days < 7) return fail([key], `${key} = ${days} days`, { [key]: days });
    }
    return pass();
  },
);
