import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storageTargets, type OpenedTarget } from './test-support/targets.js';

/** The commit setting in force inside a transaction: SQLite `synchronous` (2 FULL, 1 NORMAL), PostgreSQL `synchronous_commit`. */
async function syncSetting(t: OpenedTarget, trx: Kysely<unknown>): Promise<string> {
  if (t.storage.dialect === 'sqlite') {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(trx);
    return rows[0]!.synchronous === 2 ? 'full' : rows[0]!.synchronous === 1 ? 'normal' : String(rows[0]!.synchronous);
  }
  const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(trx);
  return rows[0]!.synchronous_commit === 'on' ? 'full' : rows[0]!.synchronous_commit;
}

for (const target of storageTargets()) {
  describe(`deferred-sync transactions on ${target.dialect}`, () => {
    let t: OpenedTarget;
    beforeEach(async () => {
      t = await target.open();
      await t.storage.transaction((trx) => trx.schema.createTable('things').addColumn('id', 'varchar(8)', (c) => c.primaryKey()).execute());
    });
    afterEach(async () => {
      await t.dispose();
    });
    const things = (db: Kysely<unknown>) => db as Kysely<{ things: { id: string } }>;
    const relaxed = target.dialect === 'sqlite' ? 'normal' : 'off';

    it('an ordinary transaction commits with a full sync; a deferred one without, and only that one', async () => {
      expect(await t.storage.transaction((trx) => syncSetting(t, trx))).toBe('full');
      expect(await t.storage.transaction((trx) => syncSetting(t, trx), { deferSync: true })).toBe(relaxed);
      // concurrent ordinary and deferred transactions keep their own setting
      const settings = await Promise.all([0, 1, 2, 3].map((i) => t.storage.transaction((trx) => syncSetting(t, trx), { deferSync: i % 2 === 1 })));
      expect(settings).toEqual(['full', relaxed, 'full', relaxed]);
      expect(await t.storage.transaction((trx) => syncSetting(t, trx))).toBe('full');
    });

    it('a deferred commit is stored and visible; a failing one rolls back and leaves the full setting', async () => {
      await t.storage.transaction((trx) => things(trx).insertInto('things').values({ id: 'a' }).execute(), { deferSync: true });
      await expect(
        t.storage.transaction(async (trx) => {
          await things(trx).insertInto('things').values({ id: 'b' }).execute();
          await things(trx).insertInto('things').values({ id: 'a' }).execute();
        }, { deferSync: true }),
      ).rejects.toThrow();
      expect((await things(t.storage.db()).selectFrom('things').select('id').execute()).map((r) => r.id)).toEqual(['a']);
      expect(await t.storage.transaction((trx) => syncSetting(t, trx))).toBe('full');
      await t.storage.sync();
    });

    it('sync() works before anything was written and is a no-op once closed', async () => {
      await t.storage.sync();
      await t.storage.transaction((trx) => things(trx).insertInto('things').values({ id: 'x' }).execute(), { deferSync: true });
      await t.storage.sync();
      await t.storage.close();
      await t.storage.sync();
    });
  });
}
