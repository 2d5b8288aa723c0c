import { fail, isUnknown, na, pass, resourceCheck } from './kit.js';

export const rdsAuditLogCollection = resourceCheck(
  {
    id: 'BWK-RDS-010',
    title: 'Log Service log audit does not collect RDS logs',
    severity: 'medium',
    resourceTypes: ['alicloud_log_audit'],
    rationale: 'Central log audit keeps RDS audit logs with the rest of the account\'s security logs, where alerts and retention apply.',
    remediation: {
      console: 'Log Service console → Log Audit Service → Global configurations → RDS: enable SQL audit log collection.',
      terraform: 'resource "alicloud_log_audit" "a" {\n  variable_map = {\n    "rds_enabled" = "true"\n    "rds_ttl"     = "180"\n  }\n}',
    },
  },
  (r) => {
    const map = r.attributes.variable_map;
    if (isUnknown(map)) return na('variable_map is only known at apply time');
    const v = map !== null && typeof map === 'object' ? (map as Record<string, unknown>).rds_enabled : undefined;
    if (isUnknown(v)) return na('rds_enabled is only known at apply time');
    if (v === undefined) return fail(['variable_map'], 'rds_enabled not set');
    return v === true || v === 'true' ? pass() : fail(['variable_map', 'rds_enabled'], `rds_enabled = ${String(v)}`);
  },
);
