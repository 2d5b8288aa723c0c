import type { ContextMigrations } from '../storage/migrations.js';

export const sitesMigrations: ContextMigrations = {
  context: 'sites',
  migrations: {
    '0001_sites': {
      async up(db) {
        const s = db.schema;
        await s
          .createTable('gateway_sites')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('gateway_sites_pk', ['account_id', 'name'])
          .execute();
        await s
          .createTable('gateway_revisions')
          .addColumn('account_id', 'varchar(16)', (c) => c.primaryKey())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .execute();
      },
    },
    '0002_certificates': {
      async up(db) {
        await db.schema
          .createTable('gateway_certificates')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('cert_pem', 'text', (c) => c.notNull())
          .addColumn('key_sealed', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('names', 'text', (c) => c.notNull())
          .addColumn('not_before', 'varchar(32)', (c) => c.notNull())
          .addColumn('not_after', 'varchar(32)', (c) => c.notNull())
          .addColumn('fingerprint', 'varchar(128)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('gateway_certificates_pk', ['account_id', 'name'])
          .execute();
      },
    },
    '0003_gateway_status': {
      async up(db) {
        await db.schema
          .createTable('gateway_status')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('gateway_id', 'varchar(128)', (c) => c.notNull())
          .addColumn('report', 'text', (c) => c.notNull())
          .addColumn('last_seen', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('gateway_status_pk', ['account_id', 'gateway_id'])
          .execute();
      },
    },
  },
};
