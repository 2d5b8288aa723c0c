import { chmodSync, mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
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

export interface TransactionOptions {
  /**
   * Commit without waiting for the disk: the commit is visible to every reader and survives a crash
   * of this process, but reaches the disk only at the next `sync()` (or the next ordinary commit).
   * SQLite: this commit runs with `synchronous=NORMAL` (WAL); PostgreSQL: `synchronous_commit=off`.
   */
  deferSync?: boolean;
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
  transaction<R>(work: (trx: Kysely<unknown>) => Promise<R>, options?: TransactionOptions): Promise<R>;
  /** Makes every commit so far durable, deferred ones included (fsync); a no-op once closed. */
  sync(): Promise<void>;
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
  let closed = false;
  const ensureSchema = (): Promise<void> =>
    (ready ??= schema ? sql`create schema if not exists ${sql.id(schema)}`.execute(db).then(() => undefined) : Promise.resolve());
  return {
    dialect: 'postgres',
    location: withoutPassword(url),
    schema,
    db: <T>() => db as unknown as Kysely<T>,
    transaction: async (work, options) => {
      await ensureSchema();
      if (!options?.deferSync) return db.transaction().execute(work);
      return db.transaction().execute(async (trx) => {
        await sql`set local synchronous_commit = off`.execute(trx);
        return work(trx);
      });
    },
    // A transaction that gets a transaction id commits synchronously: the WAL is flushed up to its
    // commit record, so every earlier (deferred) commit is on disk too.
    sync: async () => {
      if (closed) return;
      await db.transaction().execute((trx) => sql`select txid_current()`.execute(trx));
    },
    ping: async () => {
      await ensureSchema();
      await sql`select 1`.execute(db);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      closed = true;
      await db.destroy();
    },
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
  // The WAL, opened once for sync() (fsync on the thread pool, the event loop keeps running); closed after the database.
  let wal: Promise<FileHandle | undefined> | undefined;
  return {
    dialect: 'sqlite',
    location: file,
    db: <T>() => db as unknown as Kysely<T>,
    transaction: (work, options) => {
      if (!options?.deferSync) return db.transaction().execute(work);
      // The connection is held throughout, so no other transaction can commit under the relaxed setting.
      return db.connection().execute(async (conn) => {
        // (a pragma takes effect when prepared: it cannot be a cached statement)
        raw.pragma('synchronous = NORMAL');
        try {
          return await conn.transaction().execute(work);
        } finally {
          raw.pragma('synchronous = FULL');
        }
      });
    },
    sync: async () => {
      if (closed) return;
      wal ??= open(`${file}-wal`, 'r').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      });
      const handle = await wal;
      if (handle === undefined) wal = undefined; // nothing written yet: try again next time
      else await handle.sync();
    },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    poolStats: () => ({ total: closed ? 0 : 1, idle: closed ? 0 : 1, waiting: 0 }),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      await (await wal?.catch(() => undefined))?.close();
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
