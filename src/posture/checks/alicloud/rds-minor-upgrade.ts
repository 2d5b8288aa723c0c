import { fail, pass, resourceCheck } from './kit.js';

export const rdsMinorUpgrade = resourceCheck(
  {
    id: 'BWK-RDS-009',
    title: 'RDS instance does not upgrade minor versions automatically',
    severity: 'low',
    resourceTypes: ['alicloud_db_instance'],
    rationale: 'Minor versions carry security fixes; manual upgrades lag behind disclosed vulnerabilities.',
    remediation: {
      console: 'RDS console → the instance → Basic information → Upgrade minor version: Automatic.',
      terraform: 'resource "alicloud_db_instance" "db" {\n  auto_upgrade_minor_version = "Auto"\n}',
      cli: 'aliyun rds ModifyDBInstanceAutoUpgradeMinorVersion --DBInstanceId <id> --AutoUpgradeMinorVersion Auto',
    },
  },
  (r) => (r.attributes.auto_upgrade_minor_version === 'Manual' ? fail(['auto_upgrade_minor_version'], 'minor versions are upgraded manually') : pass()),
);
