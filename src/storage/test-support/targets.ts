import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStorage, type DialectName, type Storage } from '../database.js';

/** PostgreSQL used by tests; CI starts it (see .ci/run). */
export const TEST_POSTGRES_URL = process.env.BULWARK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StorageTarget {
  dialect: DialectName;
  /** A fresh, empty store: a new SQLite file or a new PostgreSQL schema. */
  open(): Promise<OpenedTarget>;
}

export interface OpenedTarget {
  storage: Storage;
  dataDir: string;
  database: string | undefined;
  schema: string | undefined;
  /** Runs raw SQL outside Kysely (for tamper tests). */
  raw(sqlText: string, params?: unknown[]): Promise<void>;
  dispose(): Promise<void>;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'bulwark-test-'));
}

const sqliteTarget: StorageTarget = {
  dialect: 'sqlite',
  async open() {
    const dataDir = tempDir();
    const storage = openStorage({ dataDir });
    return {
      storage,
      dataDir,
      database: undefined,
      schema: undefined,
      async raw(sqlText, params = []) {
        const { default: Sqlite } = await import('better-sqlite3');
        const db = new Sqlite(join(dataDir, 'bulwark.db'));
        try {
          db.prepare(sqlText.replace(/\$\d+/g, '?')).run(...params);
        } finally {
          db.close();
        }
      },
      async dispose() {
        await storage.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const postgresTarget: StorageTarget = {
  dialect: 'postgres',
  async open() {
    const dataDir = tempDir();
    const schema = `bw_test_${randomBytes(6).toString('hex')}`;
    const storage = openStorage({ dataDir, database: TEST_POSTGRES_URL, schema, poolSize: 4 });
    const withClient = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    };
    return {
      storage,
      dataDir,
      database: TEST_POSTGRES_URL,
      schema,
      raw: (sqlText, params = []) => withClient(async (c) => {
        await c.query(`set search_path to ${schema}`);
        await c.query(sqlText, params);
      }),
      async dispose() {
        await storage.close();
        await withClient((c) => c.query(`drop schema if exists ${schema} cascade`));
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * Both dialects, always. PostgreSQL must be reachable (CI starts it); set
 * BULWARK_TEST_SKIP_POSTGRES=1 to skip it explicitly on a machine without one (a notice is printed).
 */
export function storageTargets(): StorageTarget[] {
  if (process.env.BULWARK_TEST_SKIP_POSTGRES === '1') {
    console.warn('[bulwark tests] BULWARK_TEST_SKIP_POSTGRES=1: PostgreSQL storage tests are skipped');
    return [sqliteTarget];
  }
  return [sqliteTarget, postgresTarget];
}
