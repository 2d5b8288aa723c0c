import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { DialectName, Storage } from './database.js';

/** A migration receives the dialect so it can pick column types that both engines share. */
export interface ContextMigration {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/** Each bounded context owns its tables and declares its migrations here, in order. */
export interface ContextMigrations {
  context: string;
  migrations: Readonly<Record<string, ContextMigration>>;
}

export interface MigrationReport {
  applied: string[];
}

class ContextProvider implements MigrationProvider {
  constructor(
    private readonly contexts: readonly ContextMigrations[],
    private readonly dialect: DialectName,
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const { context, migrations } of this.contexts) {
      for (const [name, migration] of Object.entries(migrations)) {
        out[`${context}:${name}`] = { up: (db) => migration.up(db, this.dialect) };
      }
    }
    return out;
  }
}

/** Applies every pending migration of the given contexts; each migration runs in its own transaction. */
export async function migrate(storage: Storage, contexts: readonly ContextMigrations[]): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: storage.db(),
    provider: new ContextProvider(contexts, storage.dialect),
    allowUnorderedMigrations: true,
    migrationTableName: 'bulwark_migrations',
    migrationLockTableName: 'bulwark_migrations_lock',
    // Kysely otherwise looks for its tables in every schema: another schema's would be taken for ours.
    ...(storage.schema ? { migrationTableSchema: storage.schema } : {}),
  });
  await storage.ping();
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '(setup)';
    throw new BulwarkError('Storage.MigrationFailed', { migration: failed, reason: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
