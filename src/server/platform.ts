import { hostname } from 'node:os';
import { AuditTrail } from '../audit/trail.js';
import { auditConfigFromEnv } from '../config/audit.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { createSealer, loadRootKey, type Sealer } from '../core/sealer.js';
import { openStorage, type Storage } from '../storage/database.js';
import { migrate } from '../storage/migrations.js';
import { CONTEXT_MIGRATIONS } from './contexts.js';

/** What every service gets: storage, the audit trail, a clock and a logger. */
export interface Platform {
  storage: Storage;
  audit: AuditTrail;
  clock: Clock;
  logger: Logger;
  hostId: string;
  /** The data directory (embedded stores such as the events DuckDB file live under it). */
  dataDir: string;
  /** Seals secrets at rest with the root key (`BULWARK_ROOT_KEY` or `<dataDir>/root.key`). */
  sealer: Sealer;
}

export interface PlatformOptions {
  dataDir: string;
  database?: string | undefined;
  schema?: string;
  logger: Logger;
  clock?: Clock;
}

/** Opens storage and applies pending migrations; closes storage again if that fails. */
export async function openPlatform(options: PlatformOptions): Promise<Platform> {
  const sealer = createSealer(loadRootKey(options.dataDir));
  const storage = openStorage({ dataDir: options.dataDir, database: options.database, ...(options.schema ? { schema: options.schema } : {}) });
  try {
    const report = await migrate(storage, CONTEXT_MIGRATIONS);
    if (report.applied.length > 0) options.logger.info({ migrations: report.applied, storage: storage.location }, 'migrations applied');
  } catch (e) {
    await storage.close();
    throw e;
  }
  const clock = options.clock ?? systemClock;
  const audit = new AuditTrail(storage, clock, { ...auditConfigFromEnv(), onSyncError: (e) => options.logger.error({ err: e }, 'audit trail fsync failed; retrying at the next one') });
  return { storage, audit, clock, logger: options.logger, hostId: hostname(), sealer, dataDir: options.dataDir };
}
