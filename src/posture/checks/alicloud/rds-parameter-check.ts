/** Builder for the PostgreSQL logging-parameter checks (`parameters` blocks of an RDS instance). */
import type { CheckMeta } from '../../check.js';
import { blocks, fail, isUnknown, na, pass, resourceCheck, type IacCheck } from './kit.js';

export function rdsParameterCheck(meta: Omit<CheckMeta, 'source' | 'resourceTypes' | 'remediation' | 'severity'>, parameter: string): IacCheck {
  return resourceCheck(
    {
      ...meta,
      severity: 'medium',
      resourceTypes: ['alicloud_db_instance'],
      remediation: {
        console: `RDS console → the PostgreSQL instance → Parameters → ${parameter} = on → Apply.`,
        terraform: `resource "alicloud_db_instance" "pg" {\n  parameters {\n    name  = "${parameter}"\n    value = "on"\n  }\n}`,
        cli: `aliyun rds ModifyParameter --DBInstanceId <id> --Parameters '{"${parameter}":"on"}'`,
      },
    },
    (r) => {
      const engine = r.attributes.engine;
      if (isUnknown(engine)) return na('engine is only known at apply time');
      if (String(engine).toLowerCase() !== 'postgresql') return na(`${parameter} is a PostgreSQL parameter (engine ${String(engine)})`);
      if (r.attributes.parameters === undefined) return fail(['parameters'], `${parameter} not set (default off)`);
      const list = blocks(r, 'parameters');
      const i = list.findIndex((p) => p.name === parameter);
      if (i < 0) return fail(['parameters'], `${parameter} not set (default off)`);
      const value = list[i]!.value;
      if (isUnknown(value)) return na(`${parameter} is only known at apply time`);
      return String(value).toLowerCase() === 'on' ? pass() : fail(['parameters', i, 'value'], `${parameter} = ${String(value)}`);
    },
  );
}
