import type { ContextMigrations } from '../storage/migrations.js';

export const reputationMigrations: ContextMigrations = {
  context: 'reputation',
  migrations: {
    '0001_reputation': {
      async up(db) {
        const s = db.schema;
        await s
          .createTable('reputation_decisions')
          .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('value', 'varchar(64)', (c) => c.notNull())
          .addColumn('scope', 'varchar(8)', (c) => c.notNull())
          .addColumn('action', 'varchar(16)', (c) => c.notNull())
          .addColumn('origin', 'varchar(16)', (c) => c.notNull())
          .addColumn('scenario', 'varchar(128)', (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .addColumn('created_ms', 'bigint', (c) => c.notNull())
          .addColumn('until_ms', 'bigint', (c) => c.notNull())
          .addColumn('deleted_ms', 'bigint')
          .execute();
        await s.createIndex('reputation_decisions_active').on('reputation_decisions').columns(['account_id', 'deleted_ms', 'until_ms']).execute();
        await s.createIndex('reputation_decisions_value').on('reputation_decisions').columns(['account_id', 'value']).execute();
        await s
          .createTable('reputation_allowlist')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('value', 'varchar(64)', (c) => c.notNull())
          .addColumn('comment', 'varchar(256)', (c) => c.notNull())
          .addColumn('created_ms', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('reputation_allowlist_pk', ['account_id', 'value'])
          .execute();
        await s
          .createTable('reputation_offenses')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('ip', 'varchar(64)', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addColumn('last_ms', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('reputation_offenses_pk', ['account_id', 'ip'])
          .execute();
        await s
          .createTable('reputation_bouncers')
          .addColumn('key_hash', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('created_ms', 'bigint', (c) => c.notNull())
          .addColumn('last_pull_ms', 'bigint')
          .execute();
        await s.createIndex('reputation_bouncers_name').on('reputation_bouncers').columns(['account_id', 'name']).unique().execute();
        await s.createTable('reputation_revisions').addColumn('account_id', 'varchar(16)', (c) => c.primaryKey()).addColumn('revision', 'integer', (c) => c.notNull()).execute();
        await s
          .createTable('reputation_settings')
          .addColumn('account_id', 'varchar(16)', (c) => c.primaryKey())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('updated_ms', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
  },
};
