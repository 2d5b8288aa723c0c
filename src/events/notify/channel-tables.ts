import type { ContextMigration } from '../../storage/migrations.js';

/** Notification channels an account manages (console / API); secrets sealed with the root key. */
export interface ChannelTables {
  event_channels: {
    channel_id: string;
    account_id: string;
    name: string;
    type: string;
    /** JSON of the settings that are not secret (SMTP host, recipients, header names, …) */
    settings_json: string;
    /** sealed JSON of the secret settings (URL, signing secret, header values, SMTP password) */
    sealed_secrets: string;
    enabled: number;
    created_at: string;
    updated_at: string;
  };
}

/** Migration `0004_notification_channels` of the events context (also: when a rule last changed). */
export const notificationChannelsMigration: ContextMigration = {
  async up(db) {
    await db.schema
      .createTable('event_channels')
      .addColumn('channel_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(32)', (c) => c.notNull())
      .addColumn('name', 'varchar(64)', (c) => c.notNull())
      .addColumn('type', 'varchar(16)', (c) => c.notNull())
      .addColumn('settings_json', 'text', (c) => c.notNull())
      .addColumn('sealed_secrets', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('event_channels_name', ['account_id', 'name'])
      .execute();
    await db.schema.alterTable('event_rules').addColumn('updated_at', 'varchar(32)').execute();
  },
};
