import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('SQLite prepared-statement cache', () => {
  let raw: Sqlite.Database;
  let prepared: string[];
  beforeEach(() => {
    raw = new Sqlite(':memory:');
    prepared = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => (prepared.push(text), prepare(text))) as typeof raw.prepare;
  });
  afterEach(() => {
    if (raw.open) raw.close();
  });

  it('prepares each SQL text once and reuses the statement with new parameters', async () => {
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
    await db.schema.createTable('t').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').execute();
    for (let i = 1; i <= 20; i++) await db.insertInto('t').values({ id: i, name: `n${i}` }).execute();
    const names = [];
    for (let i = 1; i <= 20; i++) names.push((await db.selectFrom('t').select('name').where('id', '=', i).executeTakeFirstOrThrow()).name);
    expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `n${i + 1}`));
    expect(prepared.filter((s) => s.startsWith('insert'))).toHaveLength(1);
    expect(prepared.filter((s) => s.startsWith('select'))).toHaveLength(1);
    // transactions reuse their begin/commit statements too
    for (let i = 0; i < 3; i++) await db.transaction().execute(async (trx) => void (await sql`select 1`.execute(trx)));
    expect(prepared.filter((s) => s === 'begin')).toHaveLength(1);
    await db.destroy();
    expect(raw.open).toBe(false);
  });

  it('never hands out a statement that is still being iterated', () => {
    raw.exec('create table n (v integer); insert into n values (1), (2), (3)');
    const cached = withStatementCache(raw);
    const outer = cached.prepare('select v from n order by v') as unknown as Sqlite.Statement;
    const seen: number[] = [];
    for (const row of outer.iterate() as Iterable<{ v: number }>) {
      const inner = cached.prepare('select v from n order by v') as unknown as Sqlite.Statement;
      expect(inner).not.toBe(outer);
      seen.push(row.v, (inner.all() as { v: number }[]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
    expect(cached.prepare('select v from n order by v')).toBe(outer);
  });

  it('keeps at most `size` statements, evicting the least recently used', () => {
    const cached = withStatementCache(raw, 2);
    cached.prepare('select 1');
    cached.prepare('select 2');
    cached.prepare('select 1'); // now most recent
    cached.prepare('select 3'); // evicts select 2
    cached.prepare('select 1');
    cached.prepare('select 2');
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });
});
