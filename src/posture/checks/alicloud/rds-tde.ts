import { expectAttr, isUnknown, na, resourceCheck } from './kit.js';

/** Engines/editions where RDS supports TDE: MySQL, SQL Server Standard/Enterprise, PostgreSQL. */
function supportsTde(engine: string, version: string): boolean {
  const e = engine.toLowerCase();
  if (e === 'mysql' || e === 'postgresql') return true;
  if (e === 'sqlserver') return /_(ent|std)/i.test(version);
  return false;
}

export const rdsTde = resourceCheck(
  {
    id: 'BWK-RDS-007',
    title: 'RDS instance transparent data encryption (TDE) is not enabled',
    severity: 'high',
    resourceTypes: ['alicloud_db_instance'],
    rationale: 'TDE encrypts data files and backups at rest, so stolen files or snapshots are unreadable.',
    remediation: {
      console: 'RDS console → the instance → Data security → TDE → Enable (with a KMS key).',
      terraform: 'resource "alicloud_db_instance" "db" {\n  tde_status = "Enabled"\n}',
      cli: 'aliyun rds ModifyDBInstanceTDE --DBInstanceId <id> --TDEStatus Enabled',
    },
  },
  (r) => {
    const { engine, engine_version: version } = r.attributes;
    if (isUnknown(engine) || isUnknown(version)) return na('engine is only known at apply time');
    if (!supportsTde(String(engine ?? ''), String(version ?? ''))) return na(`TDE is not offered for ${String(engine)} ${String(version)}`);
    return expectAttr(r, 'tde_status', (v) => v === 'Enabled', { missing: 'fail', message: 'TDE is not enabled' });
  },
);
