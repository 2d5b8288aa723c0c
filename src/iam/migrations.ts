import type { ContextMigrations } from '../storage/migrations.js';

export const iamMigrations: ContextMigrations = {
  context: 'iam',
  migrations: {
    '0001_ram': {
      async up(db) {
        const s = db.schema;
        await s.createTable('iam_accounts').addColumn('id', 'varchar(16)', (c) => c.primaryKey()).addColumn('alias', 'varchar(64)', (c) => c.unique()).addColumn('created_at', 'varchar(32)', (c) => c.notNull()).execute();
        await s
          .createTable('iam_users')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull().references('iam_accounts.id'))
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
          .addColumn('email', 'varchar(128)', (c) => c.notNull())
          .addColumn('mobile_phone', 'varchar(32)', (c) => c.notNull())
          .addColumn('comments', 'varchar(128)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('last_login_at', 'varchar(32)')
          .addUniqueConstraint('iam_users_name', ['account_id', 'name'])
          .execute();
        await s
          .createTable('iam_groups')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull().references('iam_accounts.id'))
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('comments', 'varchar(128)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addUniqueConstraint('iam_groups_name', ['account_id', 'name'])
          .execute();
        await s
          .createTable('iam_group_members')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('group_id', 'varchar(32)', (c) => c.notNull().references('iam_groups.id').onDelete('cascade'))
          .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('iam_users.id').onDelete('cascade'))
          .addColumn('joined_at', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('iam_group_members_pk', ['group_id', 'user_id'])
          .execute();
        await s
          .createTable('iam_roles')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull().references('iam_accounts.id'))
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('description', 'varchar(1024)', (c) => c.notNull())
          .addColumn('trust_policy', 'text', (c) => c.notNull())
          .addColumn('max_session_duration', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addUniqueConstraint('iam_roles_name', ['account_id', 'name'])
          .execute();
        await s
          .createTable('iam_policies')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('name', 'varchar(128)', (c) => c.notNull())
          .addColumn('type', 'varchar(8)', (c) => c.notNull())
          .addColumn('description', 'varchar(1024)', (c) => c.notNull())
          .addColumn('default_version', 'varchar(8)', (c) => c.notNull())
          .addColumn('next_version', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addUniqueConstraint('iam_policies_name', ['account_id', 'type', 'name'])
          .execute();
        await s
          .createTable('iam_policy_versions')
          .addColumn('policy_id', 'varchar(32)', (c) => c.notNull().references('iam_policies.id').onDelete('cascade'))
          .addColumn('version_id', 'varchar(8)', (c) => c.notNull())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('iam_policy_versions_pk', ['policy_id', 'version_id'])
          .execute();
        await s
          .createTable('iam_attachments')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('policy_id', 'varchar(32)', (c) => c.notNull().references('iam_policies.id'))
          .addColumn('principal_type', 'varchar(8)', (c) => c.notNull())
          .addColumn('principal_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('attached_at', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('iam_attachments_pk', ['account_id', 'policy_id', 'principal_type', 'principal_id'])
          .execute();
        await s.createIndex('iam_attachments_principal').on('iam_attachments').columns(['principal_type', 'principal_id']).execute();
        await s
          .createTable('iam_access_keys')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull().references('iam_accounts.id'))
          .addColumn('user_id', 'varchar(32)', (c) => c.references('iam_users.id'))
          .addColumn('secret_sealed', 'text', (c) => c.notNull())
          .addColumn('status', 'varchar(8)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('last_used_at', 'varchar(32)')
          .addColumn('last_used_service', 'varchar(64)')
          .execute();
        await s.createIndex('iam_access_keys_user').on('iam_access_keys').columns(['account_id', 'user_id']).execute();
        await s
          .createTable('iam_login_profiles')
          .addColumn('user_id', 'varchar(32)', (c) => c.primaryKey().references('iam_users.id').onDelete('cascade'))
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('password_reset_required', 'integer', (c) => c.notNull())
          .addColumn('mfa_bind_required', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await s
          .createTable('iam_mfa_devices')
          .addColumn('serial_number', 'varchar(128)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull().references('iam_accounts.id'))
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('secret_sealed', 'text', (c) => c.notNull())
          .addColumn('user_id', 'varchar(32)', (c) => c.unique().references('iam_users.id'))
          .addColumn('activated_at', 'varchar(32)')
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await s
          .createTable('iam_settings')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull().references('iam_accounts.id'))
          .addColumn('name', 'varchar(64)', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('iam_settings_pk', ['account_id', 'name'])
          .execute();
        await s
          .createTable('iam_tags')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('resource_type', 'varchar(16)', (c) => c.notNull())
          .addColumn('resource_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('tag_key', 'varchar(128)', (c) => c.notNull())
          .addColumn('tag_value', 'varchar(128)', (c) => c.notNull())
          .addPrimaryKeyConstraint('iam_tags_pk', ['account_id', 'resource_type', 'resource_id', 'tag_key'])
          .execute();
      },
    },
    '0002_signin': {
      async up(db) {
        const s = db.schema;
        await s.alterTable('iam_login_profiles').addColumn('password_changed_at', 'varchar(32)').execute();
        await s
          .createTable('iam_password_history')
          .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('iam_users.id').onDelete('cascade'))
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await s.createIndex('iam_password_history_user').on('iam_password_history').columns(['user_id', 'created_at']).execute();
        await s
          .createTable('iam_login_failures')
          .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('iam_users.id').onDelete('cascade'))
          .addColumn('failed_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('source_ip', 'varchar(64)', (c) => c.notNull())
          .execute();
        await s.createIndex('iam_login_failures_user').on('iam_login_failures').columns(['user_id', 'failed_at']).execute();
        await s
          .createTable('iam_login_locks')
          .addColumn('user_id', 'varchar(32)', (c) => c.primaryKey().references('iam_users.id').onDelete('cascade'))
          .addColumn('locked_until', 'varchar(32)', (c) => c.notNull())
          .execute();
        await s
          .createTable('iam_mfa_used_steps')
          .addColumn('serial_number', 'varchar(128)', (c) => c.notNull())
          .addColumn('step', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('iam_mfa_used_steps_pk', ['serial_number', 'step'])
          .execute();
        await s
          .createTable('console_sessions')
          .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('public_id', 'varchar(32)', (c) => c.notNull().unique())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('iam_users.id').onDelete('cascade'))
          .addColumn('user_name', 'varchar(64)', (c) => c.notNull())
          .addColumn('state', 'varchar(16)', (c) => c.notNull())
          .addColumn('mfa_verified', 'integer', (c) => c.notNull())
          .addColumn('csrf_hash', 'varchar(64)', (c) => c.notNull())
          .addColumn('source_ip', 'varchar(64)', (c) => c.notNull())
          .addColumn('user_agent', 'varchar(256)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await s.createIndex('console_sessions_user').on('console_sessions').column('user_id').execute();
      },
    },
  },
};
