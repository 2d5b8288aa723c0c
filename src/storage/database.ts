import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { BulwarkError } from '../core/errors.js';
import { withStatementCache } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

export interface StorageOptions {
  /** `postgres://…`; when absent, SQLite at `<dataDir>/bulwark.db`. */
  database?: string | undefined;
  dataDir: string;
  /** PostgreSQL only: schema to use (created when missing); tests use one per run. */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * A handle on control-plane storage. Contexts type their own tables with `db<T>()`;
 * every write that changes state goes through `transaction` together with its audit record.
 */
export interface Storage {
  readonly dialect: DialectName;
  /** Where the data lives, with credentials removed (for logs and `readyz`). */
  readonly location: string;
  /** PostgreSQL: the schema in use, when one was chosen (migrations keep their tables there). */
  readonly schema?: string | undefined;
  db<T>(): Kysely<T>;
  transaction<R>(work: (trx: Kysely<unknown>) => Promise<R>): Promise<R>;
  ping(): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable)';
  }
}

const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

function openPostgres(url: string, options: StorageOptions): Storage {
  const schema = options.schema;
  if (schema !== undefined && !SAFE_SCHEMA.test(schema)) {
    throw new BulwarkError('InvalidParameter', { field: 'schema', reason: 'expected [a-z_][a-z0-9_]*' });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it and the next query reports real failures */
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  let ready: Promise<void> | undefined;
  const ensureSchema = (): Promise<void> =>
    (ready ??= schema ? sql`create schema if not exists ${sql.id(schema)}`.execute(db).then(() => undefined) : Promise.resolve());
  return {
    dialect: 'postgres',
    location: withoutPassword(url),
    schema,
    db: <T>() => db as unknown as Kysely<T>,
    transaction: async (work) => {
      await ensureSchema();
      return db.transaction().execute(work);
    },
    ping: async () => {
      await ensureSchema();
      await sql`select 1`.execute(db);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

function openSqlite(options: StorageOptions): Storage {
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'bulwark.db');
  const raw = new SqliteDatabase(file);
  chmodSync(file, 0o600);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  let closed = false;
  return {
    dialect: 'sqlite',
    location: file,
    db: <T>() => db as unknown as Kysely<T>,
    transaction: (work) => db.transaction().execute(work),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    poolStats: () => ({ total: closed ? 0 : 1, idle: closed ? 0 : 1, waiting: 0 }),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** Opens SQLite in the data dir, or PostgreSQL for a `postgres://` URL. */
export function openStorage(options: StorageOptions): Storage {
  const url = options.database;
  if (url === undefined || url === '') return openSqlite(options);
  const scheme = url.slice(0, Math.max(0, url.indexOf(':')));
  if (scheme === 'postgres' || scheme === 'postgresql') return openPostgres(url, options);
  throw new BulwarkError('Storage.UnsupportedUrl', { scheme: scheme || url });
}
