import { rdsParameterCheck } from './rds-parameter-check.js';

export const rdsLogDisconnections = rdsParameterCheck(
  { id: 'BWK-RDS-003', title: 'PostgreSQL RDS instance does not log disconnections', rationale: 'Disconnection logs give session durations, needed to reconstruct what a session could have done.' },
  'log_disconnections',
);
