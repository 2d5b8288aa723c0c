import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { fixedClock } from '../../core/clock.js';
import { initAccount } from '../../iam/bootstrap.js';
import { systemCaller, type Caller } from '../../iam/caller.js';
import { openTestPlatform, testDialects } from '../../openapi/test-support/iam-fixture.js';
import type { Platform } from '../../server/platform.js';
import { MAX_SAVED_SEARCHES, SavedSearchStore, savedSearchInput } from './saved-search-store.js';

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    if (e instanceof BulwarkError) return `${e.code}${e.params.field !== undefined ? `:${String(e.params.field)}` : ''}`;
    throw e;
  }
  throw new Error('no error');
}

describe.each(testDialects())('saved searches (%s)', (dialect) => {
  let platform: Platform;
  let dispose: () => Promise<void>;
  let store: SavedSearchStore;
  let alice: Caller;
  let other: Caller;
  const input = (v: Record<string, unknown>) => savedSearchInput.parse(v);

  beforeAll(async () => {
    ({ platform, dispose } = await openTestPlatform(dialect, fixedClock(new Date('2026-11-28T12:00:00Z'))));
    alice = { ...systemCaller((await initAccount(platform)).accountId, 'req-1'), principalName: 'alice' };
    other = systemCaller((await initAccount(platform, { additional: true })).accountId, 'req-2');
    store = new SavedSearchStore(platform);
  });
  afterAll(async () => dispose());

  it('saves, replaces, lists per account and deletes, auditing every change', async () => {
    const first = await store.put(alice, input({ name: 'failed logins', query: 'event.outcome:failure', from: '-1h', columns: ['source.ip', 'user.name'] }));
    expect(first).toMatchObject({ created: true, search: { name: 'failed logins', query: 'event.outcome:failure', from: '-1h', to: 'now', columns: ['source.ip', 'user.name'], createdBy: 'alice', createdAt: '2026-11-28T12:00:00Z' } });
    const again = await store.put(alice, input({ name: 'failed logins', query: 'event.outcome:failure AND source.ip:10.0.0.0/8', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }));
    expect(again).toMatchObject({ created: false, search: { query: 'event.outcome:failure AND source.ip:10.0.0.0/8', columns: [] } });
    await store.put(alice, input({ name: 'all' }));
    expect((await store.list(alice.accountId)).map((s) => s.name)).toEqual(['all', 'failed logins']);
    expect(await store.list(other.accountId)).toEqual([]);
    // another account can neither see nor delete it
    expect(await codeOf(store.delete(other, 'all'))).toBe('Events.SavedSearchNotFound');
    await store.delete(alice, 'all');
    expect((await store.list(alice.accountId)).map((s) => s.name)).toEqual(['failed logins']);
    expect(await codeOf(store.delete(alice, 'all'))).toBe('Events.SavedSearchNotFound');
    const db = platform.storage.db<{ audit_events: { account_id: string; event_name: string; body: string } }>() as Kysely<{ audit_events: { account_id: string; event_name: string; body: string } }>;
    const trail = await db.selectFrom('audit_events').select(['event_name', 'body']).where('account_id', '=', alice.accountId).execute();
    expect(trail.map((r) => r.event_name)).toEqual(expect.arrayContaining(['CreateSavedSearch', 'UpdateSavedSearch', 'DeleteSavedSearch']));
    expect(trail.find((r) => r.event_name === 'DeleteSavedSearch')?.body).toContain('"all"');
  });

  it('refuses what a search would refuse: the query (with its column), the time bounds, the columns', async () => {
    expect(await codeOf(store.put(alice, input({ name: 'bad', query: 'user.nmae:x' })))).toBe('Events.UnknownField:user.nmae');
    expect(await codeOf(store.put(alice, input({ name: 'bad', from: 'yesterday' })))).toBe('InvalidParameter:from');
    expect(await codeOf(store.put(alice, input({ name: 'bad', columns: ['source.ip', 'nope'] })))).toBe('InvalidParameter:columns.1');
    expect(savedSearchInput.safeParse({ name: '  ' }).success).toBe(false);
    expect(savedSearchInput.safeParse({ name: 'x', extra: 1 }).success).toBe(false);
    expect((await store.list(alice.accountId)).map((s) => s.name)).not.toContain('bad');
  });

  it(`keeps at most ${MAX_SAVED_SEARCHES} per account`, async () => {
    const existing = (await store.list(other.accountId)).length;
    for (let i = existing; i < MAX_SAVED_SEARCHES; i++) await store.put(other, input({ name: `s${i}` }));
    expect(await codeOf(store.put(other, input({ name: 'one more' })))).toBe('Events.SavedSearchLimit');
    // replacing an existing one is still allowed
    expect((await store.put(other, input({ name: 's0', query: 'x' }))).created).toBe(false);
  });
});
