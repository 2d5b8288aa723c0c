import type { ContextMigrations } from '../storage/migrations.js';

/** Hosts registry: enrolled hosts, one-time enrollment tokens, inventories, baseline results, tasks (scans, response actions). */
export const hostsMigrations: ContextMigrations = {
  context: 'hosts',
  migrations: {
    '0001_hosts': {
      async up(db) {
        const s = db.schema;
        await s
          .createTable('hosts_hosts')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('hostname', 'varchar(255)', (c) => c.notNull())
          .addColumn('label', 'varchar(128)', (c) => c.notNull())
          .addColumn('user_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('user_name', 'varchar(64)', (c) => c.notNull())
          .addColumn('os', 'varchar(255)', (c) => c.notNull())
          .addColumn('agent_version', 'varchar(64)', (c) => c.notNull())
          .addColumn('enrolled_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('last_seen_at', 'varchar(32)')
          .execute();
        await s.createIndex('hosts_hosts_account').on('hosts_hosts').columns(['account_id', 'hostname']).execute();
        await s
          .createTable('hosts_enrollment_tokens')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('label', 'varchar(128)', (c) => c.notNull())
          .addColumn('created_by', 'varchar(128)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('used_at', 'varchar(32)')
          .addColumn('host_id', 'varchar(32)')
          .execute();
        await s
          .createTable('hosts_inventories')
          .addColumn('host_id', 'varchar(32)', (c) => c.primaryKey().references('hosts_hosts.id').onDelete('cascade'))
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('collected_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('inventory', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('hosts_inventory_changes')
          .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
          .addColumn('host_id', 'varchar(32)', (c) => c.notNull().references('hosts_hosts.id').onDelete('cascade'))
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('at', 'varchar(32)', (c) => c.notNull())
          .addColumn('kind', 'varchar(64)', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('hosts_inventory_changes_host').on('hosts_inventory_changes').columns(['host_id', 'at']).execute();
        await s
          .createTable('hosts_baseline_policies')
          .addColumn('host_id', 'varchar(32)', (c) => c.notNull().references('hosts_hosts.id').onDelete('cascade'))
          .addColumn('policy_id', 'varchar(128)', (c) => c.notNull())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('name', 'varchar(512)', (c) => c.notNull())
          .addColumn('passed', 'integer', (c) => c.notNull())
          .addColumn('failed', 'integer', (c) => c.notNull())
          .addColumn('not_applicable', 'integer', (c) => c.notNull())
          .addColumn('pass_rate', 'integer', (c) => c.notNull())
          .addColumn('skipped', 'varchar(1024)')
          .addColumn('scanned_at', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('hosts_baseline_policies_pk', ['host_id', 'policy_id'])
          .execute();
        await s
          .createTable('hosts_baseline_results')
          .addColumn('host_id', 'varchar(32)', (c) => c.notNull().references('hosts_hosts.id').onDelete('cascade'))
          .addColumn('policy_id', 'varchar(128)', (c) => c.notNull())
          .addColumn('check_id', 'varchar(128)', (c) => c.notNull())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('title', 'varchar(1024)', (c) => c.notNull())
          .addColumn('result', 'varchar(16)', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('remediation', 'text')
          .addColumn('compliance', 'text', (c) => c.notNull())
          .addColumn('since', 'varchar(32)', (c) => c.notNull())
          .addPrimaryKeyConstraint('hosts_baseline_results_pk', ['host_id', 'policy_id', 'check_id'])
          .execute();
        await s
          .createTable('hosts_tasks')
          .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
          .addColumn('host_id', 'varchar(32)', (c) => c.notNull().references('hosts_hosts.id').onDelete('cascade'))
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('kind', 'varchar(32)', (c) => c.notNull())
          .addColumn('status', 'varchar(16)', (c) => c.notNull())
          .addColumn('created_by', 'varchar(128)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('delivered_at', 'varchar(32)')
          .addColumn('finished_at', 'varchar(32)')
          .addColumn('message', 'varchar(1024)')
          .execute();
        await s.createIndex('hosts_tasks_host').on('hosts_tasks').columns(['host_id', 'status']).execute();
      },
    },
    // console: the host's address, a check's policy text (rationale, rules), response-action tasks
    '0002_console': {
      async up(db) {
        const s = db.schema;
        await s.alterTable('hosts_hosts').addColumn('address', 'varchar(64)', (c) => c.notNull().defaultTo('')).execute();
        await s.alterTable('hosts_baseline_results').addColumn('details', 'text').execute();
        await s.alterTable('hosts_tasks').addColumn('params', 'text').execute();
        await s.alterTable('hosts_tasks').addColumn('result', 'text').execute();
      },
    },
  },
};
