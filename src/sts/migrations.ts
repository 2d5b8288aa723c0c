import type { ContextMigrations } from '../storage/migrations.js';

export const stsMigrations: ContextMigrations = {
  context: 'sts',
  migrations: {
    '0001_sessions': {
      async up(db) {
        await db.schema
          .createTable('sts_sessions')
          .addColumn('access_key_id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('role_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('role_name', 'varchar(64)', (c) => c.notNull())
          .addColumn('trust_hash', 'varchar(64)', (c) => c.notNull())
          .addColumn('session_name', 'varchar(64)', (c) => c.notNull())
          .addColumn('secret_sealed', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
          .addColumn('session_policy', 'text')
          .addColumn('caller_arn', 'varchar(256)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sts_sessions_expiry').on('sts_sessions').column('expires_at').execute();
      },
    },
  },
};
