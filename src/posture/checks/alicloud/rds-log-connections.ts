import { rdsParameterCheck } from './rds-parameter-check.js';

export const rdsLogConnections = rdsParameterCheck(
  { id: 'BWK-RDS-002', title: 'PostgreSQL RDS instance does not log connections', rationale: 'Connection logs show who connected from where: the trail of brute force and credential misuse.' },
  'log_connections',
);
