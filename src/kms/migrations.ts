import type { ContextMigrations } from '../storage/migrations.js';

export const kmsMigrations: ContextMigrations = {
  context: 'kms',
  migrations: {
    '0001_kms': {
      async up(db) {
        const s = db.schema;
        await s
          .createTable('kms_keys')
          .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('region', 'varchar(32)', (c) => c.notNull())
          .addColumn('description', 'varchar(8192)', (c) => c.notNull())
          .addColumn('key_spec', 'varchar(32)', (c) => c.notNull())
          .addColumn('key_usage', 'varchar(32)', (c) => c.notNull())
          .addColumn('origin', 'varchar(32)', (c) => c.notNull())
          .addColumn('protection_level', 'varchar(16)', (c) => c.notNull())
          .addColumn('state', 'varchar(32)', (c) => c.notNull())
          .addColumn('creator', 'varchar(64)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('delete_at', 'varchar(32)')
          .addColumn('deletion_protection', 'integer', (c) => c.notNull())
          .addColumn('deletion_protection_description', 'varchar(1024)', (c) => c.notNull())
          .addColumn('primary_version_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('automatic_rotation', 'varchar(16)', (c) => c.notNull())
          .addColumn('rotation_interval_seconds', 'integer')
          .addColumn('last_rotation_at', 'varchar(32)')
          .addColumn('next_rotation_at', 'varchar(32)')
          .execute();
        await s.createIndex('kms_keys_account').on('kms_keys').columns(['account_id', 'region', 'id']).execute();
        await s
          .createTable('kms_key_versions')
          .addColumn('key_id', 'varchar(64)', (c) => c.notNull().references('kms_keys.id').onDelete('cascade'))
          .addColumn('version_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('keyring', 'varchar(16)', (c) => c.notNull())
          .addColumn('wrapped_material', 'text', (c) => c.notNull())
          .addColumn('public_key', 'text')
          .addPrimaryKeyConstraint('kms_key_versions_pk', ['key_id', 'version_id'])
          .execute();
        await s
          .createTable('kms_aliases')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('region', 'varchar(32)', (c) => c.notNull())
          .addColumn('alias_name', 'varchar(255)', (c) => c.notNull())
          .addColumn('key_id', 'varchar(64)', (c) => c.notNull().references('kms_keys.id').onDelete('cascade'))
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('kms_aliases_pk', ['account_id', 'region', 'alias_name'])
          .execute();
        await s
          .createTable('kms_tags')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('resource_type', 'varchar(16)', (c) => c.notNull())
          .addColumn('resource_id', 'varchar(255)', (c) => c.notNull())
          .addColumn('tag_key', 'varchar(128)', (c) => c.notNull())
          .addColumn('tag_value', 'varchar(256)', (c) => c.notNull())
          .addPrimaryKeyConstraint('kms_tags_pk', ['account_id', 'resource_type', 'resource_id', 'tag_key'])
          .execute();
        await s.createTable('kms_keyring_state').addColumn('name', 'varchar(64)', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
        await s
          .createTable('kms_secrets')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('region', 'varchar(32)', (c) => c.notNull())
          .addColumn('name', 'varchar(192)', (c) => c.notNull())
          .addColumn('description', 'varchar(1024)', (c) => c.notNull())
          .addColumn('encryption_key_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('secret_type', 'varchar(16)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('delete_at', 'varchar(32)')
          .addColumn('automatic_rotation', 'varchar(16)', (c) => c.notNull())
          .addColumn('rotation_interval_seconds', 'integer')
          .addColumn('last_rotation_at', 'varchar(32)')
          .addColumn('next_rotation_at', 'varchar(32)')
          .addPrimaryKeyConstraint('kms_secrets_pk', ['account_id', 'region', 'name'])
          .execute();
        await s
          .createTable('kms_secret_versions')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('region', 'varchar(32)', (c) => c.notNull())
          .addColumn('secret_name', 'varchar(192)', (c) => c.notNull())
          .addColumn('version_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('data_type', 'varchar(8)', (c) => c.notNull())
          .addColumn('ciphertext', 'text', (c) => c.notNull())
          .addColumn('stages', 'varchar(1024)', (c) => c.notNull())
          .addPrimaryKeyConstraint('kms_secret_versions_pk', ['account_id', 'region', 'secret_name', 'version_id'])
          .execute();
      },
    },
    '0002_external_material': {
      async up(db) {
        // Origin=EXTERNAL keys: when imported material expires, and a check value that only the same material matches.
        await db.schema.alterTable('kms_keys').addColumn('material_expire_at', 'varchar(32)').execute();
        await db.schema.alterTable('kms_keys').addColumn('import_check', 'varchar(64)').execute();
      },
    },
  },
};
