import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type ContextMigrations } from '../migrations.js';
import type { OpenedTarget, StorageTarget } from './targets.js';

interface Tables {
  conf_items: { id: string; name: string; size: number; created_at: string; meta: string | null };
  conf_children: { id: string; item_id: string };
}

const confMigrations: ContextMigrations = {
  context: 'conformance',
  migrations: {
    '0001_items': {
      async up(db) {
        await db.schema
          .createTable('conf_items')
          .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('name', 'varchar(128)', (c) => c.notNull().unique())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('meta', 'text')
          .execute();
      },
    },
    '0002_children': {
      async up(db) {
        await db.schema
          .createTable('conf_children')
          .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('item_id', 'varchar(64)', (c) => c.notNull().references('conf_items.id').onDelete('restrict'))
          .execute();
      },
    },
  },
};

/** The one storage suite; every dialect must pass it unchanged. */
export function storageConformance(target: StorageTarget): void {
  describe(`storage conformance: ${target.dialect}`, () => {
    let t: OpenedTarget;
    let db: Kysely<Tables>;
    beforeEach(async () => {
      t = await target.open();
      await migrate(t.storage, [confMigrations]);
      db = t.storage.db<Tables>();
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('applies migrations once and reports nothing pending the second time', async () => {
      const again = await migrate(t.storage, [confMigrations]);
      expect(again.applied).toEqual([]);
      const withNew = await migrate(t.storage, [
        confMigrations,
        { context: 'conformance2', migrations: { '0001_x': { up: async (d) => void (await d.schema.createTable('conf_other').addColumn('id', 'integer').execute()) } } },
      ]);
      expect(withNew.applied).toEqual(['conformance2:0001_x']);
      // A binary that no longer knows an applied migration refuses to run (downgrade protection).
      await expect(migrate(t.storage, [])).rejects.toThrow(/missing/);
    });

    it('round-trips strings, integers, nulls and unicode', async () => {
      await db.insertInto('conf_items').values({ id: 'a', name: '名前 ☃ \'quoted\'', size: 2147483647, created_at: '2026-01-01T00:00:00.000Z', meta: null }).execute();
      const row = await db.selectFrom('conf_items').selectAll().where('id', '=', 'a').executeTakeFirstOrThrow();
      expect(row).toEqual({ id: 'a', name: '名前 ☃ \'quoted\'', size: 2147483647, created_at: '2026-01-01T00:00:00.000Z', meta: null });
    });

    it('enforces unique constraints', async () => {
      await db.insertInto('conf_items').values({ id: 'a', name: 'n', size: 1, created_at: 'x', meta: null }).execute();
      await expect(db.insertInto('conf_items').values({ id: 'b', name: 'n', size: 1, created_at: 'x', meta: null }).execute()).rejects.toThrow();
    });

    it('enforces foreign keys', async () => {
      await expect(db.insertInto('conf_children').values({ id: 'c', item_id: 'missing' }).execute()).rejects.toThrow();
      await db.insertInto('conf_items').values({ id: 'a', name: 'n', size: 1, created_at: 'x', meta: null }).execute();
      await db.insertInto('conf_children').values({ id: 'c', item_id: 'a' }).execute();
      await expect(db.deleteFrom('conf_items').where('id', '=', 'a').execute()).rejects.toThrow();
    });

    it('rolls back a failed transaction completely', async () => {
      await expect(
        t.storage.transaction(async (trx) => {
          const tdb = trx as Kysely<Tables>;
          await tdb.insertInto('conf_items').values({ id: 'a', name: 'n1', size: 1, created_at: 'x', meta: null }).execute();
          await tdb.insertInto('conf_items').values({ id: 'b', name: 'n1', size: 1, created_at: 'x', meta: null }).execute();
        }),
      ).rejects.toThrow();
      const rows = await db.selectFrom('conf_items').selectAll().execute();
      expect(rows).toEqual([]);
    });

    it('commits a transaction and returns its result', async () => {
      const result = await t.storage.transaction(async (trx) => {
        await (trx as Kysely<Tables>).insertInto('conf_items').values({ id: 'a', name: 'n', size: 3, created_at: 'x', meta: '{"k":1}' }).execute();
        return 'done';
      });
      expect(result).toBe('done');
      const row = await db.selectFrom('conf_items').select(['meta']).executeTakeFirstOrThrow();
      expect(JSON.parse(row.meta ?? 'null')).toEqual({ k: 1 });
    });

    it('serializes concurrent read-modify-write transactions on one row', async () => {
      await db.insertInto('conf_items').values({ id: 'counter', name: 'counter', size: 0, created_at: 'x', meta: null }).execute();
      await Promise.all(
        Array.from({ length: 20 }, () =>
          t.storage.transaction(async (trx) => {
            await (trx as Kysely<Tables>).updateTable('conf_items').set({ size: sql<number>`size + 1` }).where('id', '=', 'counter').execute();
          }),
        ),
      );
      const row = await db.selectFrom('conf_items').select('size').where('id', '=', 'counter').executeTakeFirstOrThrow();
      expect(Number(row.size)).toBe(20);
    });

    it('supports RETURNING and ON CONFLICT DO NOTHING', async () => {
      const inserted = await db.insertInto('conf_items').values({ id: 'a', name: 'n', size: 5, created_at: 'x', meta: null }).returning(['id', 'size']).executeTakeFirstOrThrow();
      expect(inserted).toEqual({ id: 'a', size: 5 });
      await db.insertInto('conf_items').values({ id: 'a', name: 'other', size: 9, created_at: 'x', meta: null }).onConflict((oc) => oc.column('id').doNothing()).execute();
      const row = await db.selectFrom('conf_items').select('size').executeTakeFirstOrThrow();
      expect(Number(row.size)).toBe(5);
    });

    it('answers ping and reports pool stats', async () => {
      await t.storage.ping();
      const stats = t.storage.poolStats();
      expect(stats.total).toBeGreaterThanOrEqual(1);
      expect(t.storage.location).not.toMatch(/:[^@/]+@/);
    });
  });
}
