import type { ContextMigrations } from '../storage/migrations.js';

export interface AuditTables {
  audit_events: {
    event_id: string;
    account_id: string;
    seq: number;
    event_time: string;
    event_name: string;
    event_source: string;
    event_type: string;
    error_code: string | null;
    body: string;
    prev_hash: string;
    hash: string;
  };
  audit_heads: {
    account_id: string;
    seq: number;
    hash: string;
  };
}

export const auditMigrations: ContextMigrations = {
  context: 'audit',
  migrations: {
    '0001_trail': {
      async up(db) {
        await db.schema
          .createTable('audit_events')
          .addColumn('event_id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('event_time', 'varchar(32)', (c) => c.notNull())
          .addColumn('event_name', 'varchar(128)', (c) => c.notNull())
          .addColumn('event_source', 'varchar(128)', (c) => c.notNull())
          .addColumn('event_type', 'varchar(32)', (c) => c.notNull())
          .addColumn('error_code', 'varchar(128)')
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
          .addColumn('hash', 'varchar(64)', (c) => c.notNull())
          .addUniqueConstraint('audit_events_account_seq', ['account_id', 'seq'])
          .execute();
        await db.schema.createIndex('audit_events_time').on('audit_events').columns(['account_id', 'event_time']).execute();
        await db.schema
          .createTable('audit_heads')
          .addColumn('account_id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('hash', 'varchar(64)', (c) => c.notNull())
          .execute();
      },
    },
  },
};
