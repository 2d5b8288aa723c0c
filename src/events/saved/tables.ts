import type { ContextMigration } from '../../storage/migrations.js';

/** Saved searches of the events console: one row per account and name. */
export interface SavedSearchTables {
  event_saved_searches: {
    account_id: string;
    name: string;
    query: string;
    time_from: string;
    time_to: string;
    /** JSON array of field names shown as columns */
    columns_json: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
}

/** Migration `0003_saved_searches` of the events context. */
export const savedSearchesMigration: ContextMigration = {
  async up(db) {
    await db.schema
      .createTable('event_saved_searches')
      .addColumn('account_id', 'varchar(32)', (c) => c.notNull())
      .addColumn('name', 'varchar(128)', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('time_from', 'varchar(64)', (c) => c.notNull())
      .addColumn('time_to', 'varchar(64)', (c) => c.notNull())
      .addColumn('columns_json', 'text', (c) => c.notNull())
      .addColumn('created_by', 'varchar(128)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('event_saved_searches_pk', ['account_id', 'name'])
      .execute();
  },
};
