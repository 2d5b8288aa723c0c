import type { ContextMigrations } from '../../storage/migrations.js';
import { savedSearchesMigration } from '../saved/tables.js';
import { notificationChannelsMigration } from '../notify/channel-tables.js';

/** Control-plane tables of the events context: alert rules, their state, alerts. */
export interface EventsTables {
  event_rules: {
    rule_id: string;
    account_id: string | null;
    name: string;
    kind: string;
    definition: string;
    enabled: number;
    severity: number;
    created_at: string;
  };
  event_rule_state: {
    rule_id: string;
    checkpoint_ms: number | string;
  };
  event_rule_values: {
    rule_id: string;
    value_hash: string;
    value_json: string;
    first_seen_ms: number | string;
  };
  event_alerts: {
    alert_id: string;
    account_id: string | null;
    rule_id: string;
    dedupe_key: string;
    status: string;
    severity: number;
    title: string;
    group_json: string;
    event_count: number;
    first_ms: number | string;
    last_ms: number | string;
    created_ms: number | string;
    updated_ms: number | string;
    notified: number;
  };
}

export const eventsMigrations: ContextMigrations = {
  context: 'events',
  migrations: {
    '0001_alerts': {
      async up(db) {
        await db.schema
          .createTable('event_rules')
          .addColumn('rule_id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(32)')
          .addColumn('name', 'varchar(256)', (c) => c.notNull())
          .addColumn('kind', 'varchar(16)', (c) => c.notNull())
          .addColumn('definition', 'text', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('severity', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('event_rule_state')
          .addColumn('rule_id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('checkpoint_ms', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('event_rule_values')
          .addColumn('rule_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('value_hash', 'varchar(64)', (c) => c.notNull())
          .addColumn('value_json', 'text', (c) => c.notNull())
          .addColumn('first_seen_ms', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('event_rule_values_pk', ['rule_id', 'value_hash'])
          .execute();
        await db.schema
          .createTable('event_alerts')
          .addColumn('alert_id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(32)')
          .addColumn('rule_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('dedupe_key', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('status', 'varchar(16)', (c) => c.notNull())
          .addColumn('severity', 'integer', (c) => c.notNull())
          .addColumn('title', 'varchar(512)', (c) => c.notNull())
          .addColumn('group_json', 'text', (c) => c.notNull())
          .addColumn('event_count', 'integer', (c) => c.notNull())
          .addColumn('first_ms', 'bigint', (c) => c.notNull())
          .addColumn('last_ms', 'bigint', (c) => c.notNull())
          .addColumn('created_ms', 'bigint', (c) => c.notNull())
          .addColumn('updated_ms', 'bigint', (c) => c.notNull())
          .addColumn('notified', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('event_alerts_status').on('event_alerts').columns(['account_id', 'status', 'created_ms']).execute();
        await db.schema.createIndex('event_alerts_notified').on('event_alerts').columns(['notified']).execute();
      },
    },
    '0002_audit_forward': {
      async up(db) {
        await db.schema
          .createTable('event_audit_checkpoints')
          .addColumn('account_id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .execute();
      },
    },
    '0003_saved_searches': savedSearchesMigration,
    '0004_notification_channels': notificationChannelsMigration,
  },
};
