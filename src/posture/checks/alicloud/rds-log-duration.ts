import { rdsParameterCheck } from './rds-parameter-check.js';

export const rdsLogDuration = rdsParameterCheck(
  { id: 'BWK-RDS-004', title: 'PostgreSQL RDS instance does not log statement duration', rationale: 'Durations expose slow, abusive or exfiltrating queries.' },
  'log_duration',
);
