import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { callerWrite, type Caller } from '../../iam/caller.js';
import type { Platform } from '../../server/platform.js';
import { parseTime } from '../query/aggregations.js';
import { parsePositioned } from '../query/check.js';
import { resolveField } from '../query/parser.js';
import type { SavedSearchTables } from './tables.js';

/** Most saved searches one account keeps. */
export const MAX_SAVED_SEARCHES = 200;

/** A saved search as the API takes it (name + query + time range + columns). */
export const savedSearchInput = z
  .object({
    name: z.string().trim().min(1).max(128).regex(/^[^\p{Cc}]+$/u, 'expected no control characters'),
    query: z.string().max(16_384).default(''),
    from: z.string().min(1).max(64).default('-24h'),
    to: z.string().min(1).max(64).default('now'),
    columns: z.array(z.string().min(1).max(160)).max(32).default([]),
  })
  .strict();
export type SavedSearchInput = z.output<typeof savedSearchInput>;

export interface SavedSearch {
  name: string;
  query: string;
  from: string;
  to: string;
  columns: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** Checks what a saved search holds the way a search would: the query, the time bounds, the columns. */
export function validateSavedSearch(input: SavedSearchInput, now: number): void {
  parsePositioned(input.query);
  parseTime(input.from, now, 'from');
  parseTime(input.to, now, 'to');
  input.columns.forEach((c, i) => {
    try {
      resolveField(c, 0);
    } catch {
      throw new BulwarkError('InvalidParameter', { field: `columns.${i}`, reason: `"${c}" is not a schema field or extra.<key>` });
    }
  });
}

/** The account's saved searches in control-plane storage; saving and deleting are audited in the same transaction. */
export class SavedSearchStore {
  constructor(private readonly platform: Pick<Platform, 'storage' | 'audit' | 'clock'>) {}

  private db(): Kysely<SavedSearchTables> {
    return this.platform.storage.db<SavedSearchTables>() as Kysely<SavedSearchTables>;
  }

  async list(accountId: string): Promise<SavedSearch[]> {
    const rows = await this.db().selectFrom('event_saved_searches').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
    return rows.map((r) => ({ name: r.name, query: r.query, from: r.time_from, to: r.time_to, columns: JSON.parse(r.columns_json) as string[], createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  /** Creates or replaces the search of that name. */
  async put(caller: Caller, input: SavedSearchInput): Promise<{ created: boolean; search: SavedSearch }> {
    const now = this.platform.clock.now();
    validateSavedSearch(input, now.getTime());
    const at = iso(now);
    const columns = JSON.stringify(input.columns);
    const created = await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<SavedSearchTables>;
      const existing = await db.selectFrom('event_saved_searches').select('name').where('account_id', '=', caller.accountId).where('name', '=', input.name).executeTakeFirst();
      if (existing) {
        await db.updateTable('event_saved_searches').set({ query: input.query, time_from: input.from, time_to: input.to, columns_json: columns, updated_at: at }).where('account_id', '=', caller.accountId).where('name', '=', input.name).execute();
      } else {
        const count = await db.selectFrom('event_saved_searches').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', caller.accountId).executeTakeFirstOrThrow();
        if (Number(count.n) >= MAX_SAVED_SEARCHES) throw new BulwarkError('Events.SavedSearchLimit', { max: MAX_SAVED_SEARCHES });
        await db.insertInto('event_saved_searches').values({ account_id: caller.accountId, name: input.name, query: input.query, time_from: input.from, time_to: input.to, columns_json: columns, created_by: caller.principalName, created_at: at, updated_at: at }).execute();
      }
      await this.platform.audit.append(trx, callerWrite(caller, 'events', existing ? 'UpdateSavedSearch' : 'CreateSavedSearch', { name: input.name, query: input.query, from: input.from, to: input.to, columns: input.columns }));
      return !existing;
    });
    const search = (await this.list(caller.accountId)).find((s) => s.name === input.name) as SavedSearch;
    return { created, search };
  }

  async delete(caller: Caller, name: string): Promise<void> {
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<SavedSearchTables>;
      const r = await db.deleteFrom('event_saved_searches').where('account_id', '=', caller.accountId).where('name', '=', name).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new BulwarkError('Events.SavedSearchNotFound', { name });
      await this.platform.audit.append(trx, callerWrite(caller, 'events', 'DeleteSavedSearch', { name }));
    });
  }
}
