import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage, TransactionOptions } from '../storage/database.js';
import { migrate } from '../storage/migrations.js';
import { storageTargets, TEST_POSTGRES_URL } from '../storage/test-support/targets.js';
import type { OpenedTarget } from '../storage/test-support/targets.js';
import type { AuditEventInput } from './event.js';
import { auditMigrations } from './migrations.js';
import { AUDIT_TRAIL_DEFAULTS, AuditTrail } from './trail.js';
import { verifyTrail } from './verify.js';

const ACCOUNT_A = '1000000000000001';
const ACCOUNT_B = '1000000000000002';

function event(accountId: string, name: string, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    eventName: name,
    eventSource: 'ram.aliyuncs.com',
    eventType: 'ApiCall',
    eventRW: 'Write',
    requestId: `req-${name}`,
    apiVersion: '2015-05-01',
    sourceIpAddress: '192.0.2.10',
    userAgent: 'test',
    userIdentity: { type: 'root-account', principalId: accountId, accountId, accessKeyId: 'LTAI-test' },
    ...extra,
  };
}

/** Counts a record through a connection of its own (another process would see the same). */
async function countElsewhere(t: OpenedTarget, eventId: string): Promise<number> {
  if (t.storage.dialect === 'sqlite') {
    const { default: Sqlite } = await import('better-sqlite3');
    const db = new Sqlite(join(t.dataDir, 'bulwark.db'), { readonly: true });
    try {
      return (db.prepare('select count(*) as n from audit_events where event_id = ?').get(eventId) as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`set search_path to ${t.schema!}`);
    return Number((await client.query<{ n: string }>('select count(*) as n from audit_events where event_id = $1', [eventId])).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** The storage, with every transaction's options and every sync() noted. */
function observed(storage: Storage, failSync = false): { storage: Storage; commits: Array<TransactionOptions | undefined>; syncs: number[] } {
  const commits: Array<TransactionOptions | undefined> = [];
  const syncs: number[] = [];
  return {
    commits,
    syncs,
    storage: {
      ...storage,
      transaction: (work, options) => storage.transaction(work, options).then((r) => (commits.push(options), r)),
      sync: async () => {
        syncs.push(commits.length);
        if (failSync) throw new Error('EIO: fsync failed');
        await storage.sync();
      },
    },
  };
}

const until = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

for (const target of storageTargets()) {
  describe(`audit trail durability on ${target.dialect}`, () => {
    let t: OpenedTarget;
    beforeEach(async () => {
      t = await target.open();
      await migrate(t.storage, [auditMigrations]);
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('is batched by default: records commit before the answer, the fsync follows', () => {
      expect(AUDIT_TRAIL_DEFAULTS.durability).toBe('batched');
      expect(new AuditTrail(t.storage).durability).toBe('batched');
    });

    it('batched: a call is answered once its record is committed (another connection reads it), before the fsync; the trail verifies', async () => {
      const o = observed(t.storage);
      const trail = new AuditTrail(o.storage, undefined, { durability: 'batched', syncIntervalMs: 60_000 });
      const events = await Promise.all(Array.from({ length: 10 }, (_, i) => trail.record(event(ACCOUNT_A, `Encrypt${i}`, { eventRW: 'Read' }))));
      // answered: every record already stored, as any other reader sees it; no fsync waited for
      for (const e of events) expect(await countElsewhere(t, e.eventId)).toBe(1);
      expect(o.commits.length).toBeGreaterThan(0);
      expect(o.commits.every((c) => c?.deferSync === true)).toBe(true);
      expect(o.syncs).toEqual([]);
      await trail.flush();
      expect(o.syncs).toEqual([o.commits.length]);
      expect((await verifyTrail(t.storage)).ok).toBe(true);
    });

    it('batched: commits are fsynced in the background within the interval, once for many commits', async () => {
      const o = observed(t.storage);
      const trail = new AuditTrail(o.storage, undefined, { durability: 'batched', syncIntervalMs: 20 });
      for (let i = 0; i < 3; i++) await trail.record(event(ACCOUNT_A, `Sequential${i}`, { eventRW: 'Read' }));
      await until(() => o.syncs.length > 0);
      expect(o.syncs.length).toBe(1);
      expect(o.syncs[0]).toBeGreaterThanOrEqual(1);
    });

    it('strict: every group commit is an fsync before the answer; no background fsync', async () => {
      const o = observed(t.storage);
      const trail = new AuditTrail(o.storage, undefined, { durability: 'strict', syncIntervalMs: 10 });
      await Promise.all(Array.from({ length: 10 }, (_, i) => trail.record(event(ACCOUNT_A, `Decrypt${i}`, { eventRW: 'Read' }))));
      await trail.record(event(ACCOUNT_A, 'DecryptAlone', { eventRW: 'Read' }));
      expect(o.commits.length).toBeGreaterThanOrEqual(2);
      expect(o.commits.every((c) => !c?.deferSync)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(o.syncs).toEqual([]);
      expect((await verifyTrail(t.storage)).records).toBe(11);
    });

    it('batched: a record the database refuses still fails its call', async () => {
      if (t.storage.dialect === 'sqlite') {
        await t.raw("create trigger poison before insert on audit_events when new.event_name = 'Poison' begin select raise(abort, 'poisoned record'); end");
      } else {
        await t.raw("create function poison() returns trigger as $$ begin if new.event_name = 'Poison' then raise exception 'poisoned record'; end if; return new; end $$ language plpgsql");
        await t.raw('create trigger poison before insert on audit_events for each row execute function poison()');
      }
      const trail = new AuditTrail(t.storage, undefined, { durability: 'batched' });
      const results = await Promise.allSettled(['Ok0', 'Poison', 'Ok2'].map((n) => trail.record(event(ACCOUNT_A, n))));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      await trail.flush();
      expect((await verifyTrail(t.storage)).records).toBe(2);
    });

    it('flush() waits for queued records and fsyncs at once; a failing fsync is reported, the records stay', async () => {
      const o = observed(t.storage, true);
      const errors: unknown[] = [];
      const trail = new AuditTrail(o.storage, undefined, { durability: 'batched', syncIntervalMs: 20, onSyncError: (e) => errors.push(e) });
      const pending = trail.record(event(ACCOUNT_A, 'Queued'));
      await expect(trail.flush()).rejects.toThrow(/EIO/);
      expect(o.syncs).toEqual([1]);
      const stored = await pending;
      expect(await countElsewhere(t, stored.eventId)).toBe(1);
      await trail.record(event(ACCOUNT_A, 'Later'));
      await until(() => errors.length > 1);
      expect(String(errors.at(-1))).toMatch(/EIO/);
      expect((await verifyTrail(t.storage)).records).toBe(2);
    });
  });

  describe(`audit trail on ${target.dialect}`, () => {
    let t: OpenedTarget;
    let trail: AuditTrail;
    beforeEach(async () => {
      t = await target.open();
      await migrate(t.storage, [auditMigrations]);
      trail = new AuditTrail(t.storage);
    });
    afterEach(async () => {
      await t.dispose();
    });

    async function fill(): Promise<void> {
      for (let i = 1; i <= 5; i++) await trail.record(event(ACCOUNT_A, `CreateUser${i}`));
      for (let i = 1; i <= 3; i++) await trail.record(event(ACCOUNT_B, `CreateGroup${i}`));
    }

    it('chains records per account and verifies an intact trail', async () => {
      await fill();
      const report = await verifyTrail(t.storage);
      expect(report.ok).toBe(true);
      expect(report.records).toBe(8);
      expect(report.accounts.map((a) => [a.accountId, a.records])).toEqual([[ACCOUNT_A, 5], [ACCOUNT_B, 3]]);
      const listed = await trail.list({ accountId: ACCOUNT_A, limit: 2 });
      expect(listed.map((r) => r.seq)).toEqual([5, 4]);
      expect(listed[0]!.prevHash).toBe(listed[1]!.hash);
      expect(listed[0]!.event.eventVersion).toBe('1');
    });

    it('names the first modified record when a stored body is changed directly in the database', async () => {
      await fill();
      const [third] = (await trail.list({ accountId: ACCOUNT_A })).filter((r) => r.seq === 3);
      const forged = JSON.stringify({ ...third!.event, sourceIpAddress: '203.0.113.66' });
      await t.raw('update audit_events set body = $1 where event_id = $2', [forged, third!.event.eventId]);
      const report = await verifyTrail(t.storage);
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toMatchObject({ accountId: ACCOUNT_A, seq: 3, eventId: third!.event.eventId });
      expect(report.firstBroken!.reason).toMatch(/modified/);
      expect(report.accounts.find((a) => a.accountId === ACCOUNT_B)!.ok).toBe(true);
    });

    it('detects a changed indexed column, a deleted middle record and a truncated tail', async () => {
      await fill();
      const records = await trail.list({ accountId: ACCOUNT_A });
      const second = records.find((r) => r.seq === 2)!;
      await t.raw("update audit_events set event_name = 'Nothing' where event_id = $1", [second.event.eventId]);
      expect((await verifyTrail(t.storage)).firstBroken).toMatchObject({ seq: 2 });
      await t.raw("update audit_events set event_name = $1 where event_id = $2", [second.event.eventName, second.event.eventId]);
      expect((await verifyTrail(t.storage)).ok).toBe(true);

      const fourth = records.find((r) => r.seq === 4)!;
      await t.raw('delete from audit_events where event_id = $1', [fourth.event.eventId]);
      const gap = await verifyTrail(t.storage);
      expect(gap.firstBroken).toMatchObject({ accountId: ACCOUNT_A, seq: 5 });
      expect(gap.firstBroken!.reason).toMatch(/removed or inserted/);

      const fifth = records.find((r) => r.seq === 5)!;
      await t.raw('delete from audit_events where event_id = $1', [fifth.event.eventId]);
      const truncated = await verifyTrail(t.storage);
      expect(truncated.firstBroken!.reason).toMatch(/removed from the end/);
    });

    it('keeps one unbroken chain under concurrent appends', async () => {
      await Promise.all(Array.from({ length: 25 }, (_, i) => trail.record(event(ACCOUNT_A, `Concurrent${i}`))));
      const report = await verifyTrail(t.storage);
      expect(report.ok).toBe(true);
      expect(report.records).toBe(25);
    });

    it('group-commits concurrent records: one transaction, each record exactly once, in call order', async () => {
      let transactions = 0;
      const counted = new AuditTrail({ ...t.storage, transaction: (work) => ((transactions += 1), t.storage.transaction(work)) });
      const names = Array.from({ length: 40 }, (_, i) => `Read${i}`);
      const events = await Promise.all(names.map((n, i) => counted.record(event(i % 3 === 0 ? ACCOUNT_B : ACCOUNT_A, n))));
      expect(transactions).toBe(1);
      const stored = [...(await trail.list({ accountId: ACCOUNT_A, limit: 100 })), ...(await trail.list({ accountId: ACCOUNT_B, limit: 100 }))];
      expect(stored.map((r) => r.event.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
      // per account, sequence order is call order
      const order = (account: string) => stored.filter((r) => r.event.recipientAccountId === account).sort((a, b) => a.seq - b.seq).map((r) => r.event.eventName);
      expect(order(ACCOUNT_A)).toEqual(names.filter((_, i) => i % 3 !== 0));
      expect(order(ACCOUNT_B)).toEqual(names.filter((_, i) => i % 3 === 0));
      const report = await verifyTrail(t.storage);
      expect(report.ok).toBe(true);
      expect(report.records).toBe(40);
    });

    it('records arriving while a group is written go into the next group, after it', async () => {
      let transactions = 0;
      let second: Promise<unknown>[] = [];
      const counted: AuditTrail = new AuditTrail({
        ...t.storage,
        transaction: (work) => {
          transactions += 1;
          // the first group is being written: these records must wait for the next one
          if (transactions === 1) second = Array.from({ length: 5 }, (_, i) => counted.record(event(ACCOUNT_A, `Second${i}`)));
          return t.storage.transaction(work);
        },
      });
      const first = Array.from({ length: 5 }, (_, i) => counted.record(event(ACCOUNT_A, `First${i}`)));
      await Promise.all(first);
      await Promise.all(second);
      expect(transactions).toBe(2);
      const names = (await trail.list({ accountId: ACCOUNT_A })).reverse().map((r) => r.event.eventName);
      expect(names).toEqual([...[0, 1, 2, 3, 4].map((i) => `First${i}`), ...[0, 1, 2, 3, 4].map((i) => `Second${i}`)]);
      expect((await verifyTrail(t.storage)).ok).toBe(true);
    });

    it('a group waits while the event loop still brings records, then commits them together', async () => {
      let transactions = 0;
      // no time bound here (the machine may be slow): only "a turn brought nothing new" closes the group
      const counted = new AuditTrail({ ...t.storage, transaction: (work) => ((transactions += 1), t.storage.transaction(work)) }, undefined, { groupWaitMs: Infinity });
      const calls: Promise<unknown>[] = [counted.record(event(ACCOUNT_A, 'Turn0'))];
      // records arriving over the next loop turns (as requests being read one after another do)
      for (let turn = 1; turn <= 3; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
        calls.push(counted.record(event(ACCOUNT_A, `Turn${turn}`)));
      }
      await Promise.all(calls);
      expect(transactions).toBe(1);
      expect((await trail.list({ accountId: ACCOUNT_A })).reverse().map((r) => r.event.eventName)).toEqual(['Turn0', 'Turn1', 'Turn2', 'Turn3']);
    });

    it('a record the database refuses fails alone: the others of its group are stored once, the chain verifies', async () => {
      if (t.storage.dialect === 'sqlite') {
        await t.raw("create trigger poison before insert on audit_events when new.event_name = 'Poison' begin select raise(abort, 'poisoned record'); end");
      } else {
        await t.raw("create function poison() returns trigger as $$ begin if new.event_name = 'Poison' then raise exception 'poisoned record'; end if; return new; end $$ language plpgsql");
        await t.raw('create trigger poison before insert on audit_events for each row execute function poison()');
      }
      const names = ['Ok0', 'Ok1', 'Poison', 'Ok3', 'Ok4'];
      const results = await Promise.allSettled(names.map((n) => trail.record(event(ACCOUNT_A, n))));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/poisoned record/);
      const stored = (await trail.list({ accountId: ACCOUNT_A })).reverse();
      expect(stored.map((r) => r.event.eventName)).toEqual(['Ok0', 'Ok1', 'Ok3', 'Ok4']);
      expect(stored.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      await trail.record(event(ACCOUNT_A, 'After'));
      const report = await verifyTrail(t.storage);
      expect(report.ok).toBe(true);
      expect(report.records).toBe(5);
    });

    it('commits the audit record with the state change, and rolls both back together', async () => {
      await t.storage.db().schema.createTable('things').addColumn('id', 'varchar(8)', (c) => c.primaryKey()).execute();
      const db = (trx: Kysely<unknown>) => trx as Kysely<{ things: { id: string } }>;
      await t.storage.transaction(async (trx) => {
        await db(trx).insertInto('things').values({ id: 'a' }).execute();
        await trail.append(trx, event(ACCOUNT_A, 'CreateThing'));
      });
      await expect(
        t.storage.transaction(async (trx) => {
          await trail.append(trx, event(ACCOUNT_A, 'CreateThingAgain'));
          await db(trx).insertInto('things').values({ id: 'a' }).execute();
        }),
      ).rejects.toThrow();
      const names = (await trail.list({ accountId: ACCOUNT_A })).map((r) => r.event.eventName);
      expect(names).toEqual(['CreateThing']);
      expect((await verifyTrail(t.storage)).ok).toBe(true);
    });

    it('fills in id, version, time and recipient, keeps every other field of the call, and leaves the caller\'s input unchanged', async () => {
      const input = event(ACCOUNT_A, 'Encrypt', { eventRW: 'Read', errorCode: 'Forbidden.KeyNotFound', errorMessage: 'no key', requestParameters: { KeyId: 'k', Plaintext: 'secret-text' }, responseElements: { KeyId: 'k' } });
      const before = structuredClone(input);
      const recorded = await trail.record(input);
      expect(input).toEqual(before);
      expect(recorded).toEqual({ ...before, eventId: recorded.eventId, eventVersion: '1', eventTime: recorded.eventTime, recipientAccountId: ACCOUNT_A, requestParameters: { KeyId: 'k', Plaintext: '[REDACTED]' } });
      expect(recorded.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Date.parse(recorded.eventTime)).not.toBeNaN();
      const [stored] = await trail.list({ accountId: ACCOUNT_A });
      expect(stored!.event).toEqual(JSON.parse(JSON.stringify(recorded)));
      const other = await trail.record(event(ACCOUNT_A, 'ForB', { recipientAccountId: ACCOUNT_B, eventTime: '2026-01-01T00:00:00.000Z' }));
      expect(other).toMatchObject({ recipientAccountId: ACCOUNT_B, eventTime: '2026-01-01T00:00:00.000Z' });
    });

    it('redacts secrets in request parameters and responses', async () => {
      await trail.record(
        event(ACCOUNT_A, 'CreateAccessKey', {
          requestParameters: { UserName: 'alice', Password: 'Hunter2!x', nested: { SecurityToken: 'tok-123' } },
          responseElements: { AccessKey: { AccessKeyId: 'LTAIabc', AccessKeySecret: 'very-secret-value' } },
        }),
      );
      const [rec] = await trail.list({ accountId: ACCOUNT_A });
      const text = JSON.stringify(rec);
      expect(text).not.toContain('Hunter2!x');
      expect(text).not.toContain('tok-123');
      expect(text).not.toContain('very-secret-value');
      expect(rec!.event.requestParameters).toMatchObject({ UserName: 'alice' });
      expect(rec!.event.responseElements).toMatchObject({ AccessKey: { AccessKeyId: 'LTAIabc' } });
    });

    it('statements compiled once are reused with new values: groups of any size and mixed accounts chain and verify, values intact', async () => {
      const sizes = [1, 3, 1, 3, 2];
      let n = 0;
      for (const size of sizes) {
        await Promise.all(
          Array.from({ length: size }, () => {
            n += 1;
            const account = n % 2 === 0 ? ACCOUNT_B : ACCOUNT_A;
            return trail.record(event(account, `Call${n}`, { eventRW: 'Read', ...(n % 3 === 0 ? { errorCode: `Err${n}` } : {}) }));
          }),
        );
      }
      // each shape was compiled once and kept (its parameters bind in the order given)
      const statements = (trail as unknown as { statements: Map<string, unknown> }).statements;
      expect([...statements.keys()].filter((k) => !k.startsWith('events.insert.')).sort()).toEqual(['head.ensure', 'head.move', 'head.reserve']);
      expect(statements.has('events.insert.1')).toBe(true);
      const report = await verifyTrail(t.storage);
      expect(report.ok).toBe(true);
      expect(report.records).toBe(n);
      const stored = [...(await trail.list({ accountId: ACCOUNT_A })), ...(await trail.list({ accountId: ACCOUNT_B }))];
      expect(stored).toHaveLength(n);
      for (const r of stored) {
        const i = Number(r.event.eventName.slice(4));
        expect(r.event.recipientAccountId).toBe(i % 2 === 0 ? ACCOUNT_B : ACCOUNT_A);
        expect(r.event.errorCode).toBe(i % 3 === 0 ? `Err${i}` : undefined);
      }
      // the columns the trail is searched by carry each record's own values
      const rows = await (t.storage.db() as Kysely<{ audit_events: { event_name: string; error_code: string | null } }>).selectFrom('audit_events').select(['event_name', 'error_code']).execute();
      for (const row of rows) expect(row.error_code).toBe(Number(row.event_name.slice(4)) % 3 === 0 ? `Err${row.event_name.slice(4)}` : null);
    });

    it('announces each committed group of `record` to its listeners, per account in chain order, with the stored events; not `append`', async () => {
      const seen: Array<{ accountId: string; seq: number; eventId: string }> = [];
      const off = trail.onCommit((accountId, records) => {
        for (const r of records) seen.push({ accountId, seq: r.seq, eventId: r.event.eventId });
      });
      trail.onCommit(() => {
        throw new Error('a failing listener');
      });
      await t.storage.transaction((trx) => trail.append(trx, event(ACCOUNT_A, 'CreateKey')));
      const recorded = await Promise.all([trail.record(event(ACCOUNT_A, 'Encrypt1')), trail.record(event(ACCOUNT_B, 'Encrypt2')), trail.record(event(ACCOUNT_A, 'Encrypt3'))]);
      expect(seen.map((s) => s.eventId).sort()).toEqual(recorded.map((e) => e.eventId).sort());
      const stored = new Map([...(await trail.list({ accountId: ACCOUNT_A })), ...(await trail.list({ accountId: ACCOUNT_B }))].map((r) => [r.event.eventId, r]));
      for (const s of seen) expect(stored.get(s.eventId)).toMatchObject({ seq: s.seq, event: { recipientAccountId: s.accountId } });
      expect(seen.filter((s) => s.accountId === ACCOUNT_A).map((s) => s.seq)).toEqual([2, 3]); // seq 1 is the appended CreateKey
      off();
      await trail.record(event(ACCOUNT_A, 'Encrypt4'));
      expect(seen).toHaveLength(3);
    });
  });
}
