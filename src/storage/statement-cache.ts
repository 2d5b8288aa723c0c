import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/** Prepared statements kept per SQL text (Kysely prepares on every query); least recently used go first. */
const STATEMENT_CACHE_SIZE = 512;

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, with a bounded cache of prepared statements:
 * preparing is a large part of a small query's cost. Kysely runs one query at a time on SQLite's single
 * connection; a statement still being iterated is never handed out twice.
 */
export function withStatementCache(raw: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      raw.close();
    },
    prepare: (sqlText: string) => {
      let statement = cache.get(sqlText);
      // A statement still being iterated (a stream) cannot run again: give that caller a fresh one.
      if (statement?.busy) return raw.prepare(sqlText);
      if (statement) {
        cache.delete(sqlText);
      } else {
        statement = raw.prepare(sqlText);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, statement);
      return statement;
    },
  };
}
