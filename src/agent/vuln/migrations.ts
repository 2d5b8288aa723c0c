import type { ContextMigrations } from '../../storage/migrations.js';

/**
 * Vulnerability feeds (per account): imports, advisories, affected ranges normalized per
 * distribution release and package; and per-host findings (open or resolved).
 */
export const vulnMigrations: ContextMigrations = {
  context: 'vuln',
  migrations: {
    '0001_vuln': {
      async up(db) {
        const s = db.schema;
        await s
          .createTable('vuln_feeds')
          .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('format', 'varchar(16)', (c) => c.notNull())
          .addColumn('source', 'varchar(2048)', (c) => c.notNull())
          .addColumn('advisories', 'integer', (c) => c.notNull())
          .addColumn('ranges', 'integer', (c) => c.notNull())
          .addColumn('not_affected', 'integer', (c) => c.notNull())
          .addColumn('skipped', 'integer', (c) => c.notNull())
          .addColumn('imported_by', 'varchar(256)', (c) => c.notNull())
          .addColumn('imported_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await s.createIndex('vuln_feeds_account').on('vuln_feeds').columns(['account_id', 'imported_at']).execute();
        await s
          .createTable('vuln_advisories')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('id', 'varchar(256)', (c) => c.notNull())
          .addColumn('aliases', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('modified', 'varchar(64)')
          .addColumn('feed_id', 'varchar(64)', (c) => c.notNull())
          .addPrimaryKeyConstraint('vuln_advisories_pk', ['account_id', 'id'])
          .execute();
        await s
          .createTable('vuln_ranges')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('advisory_id', 'varchar(256)', (c) => c.notNull())
          .addColumn('distro', 'varchar(16)', (c) => c.notNull())
          .addColumn('release', 'varchar(16)', (c) => c.notNull())
          .addColumn('package', 'varchar(256)', (c) => c.notNull())
          .addColumn('introduced', 'varchar(256)', (c) => c.notNull())
          .addColumn('fixed', 'varchar(256)')
          .addColumn('last_affected', 'varchar(256)')
          .addColumn('severity', 'varchar(16)', (c) => c.notNull())
          .addColumn('score', 'double precision')
          .addColumn('vector', 'varchar(256)')
          .addColumn('rating', 'varchar(64)')
          .execute();
        await s.createIndex('vuln_ranges_package').on('vuln_ranges').columns(['account_id', 'distro', 'release', 'package']).execute();
        await s.createIndex('vuln_ranges_advisory').on('vuln_ranges').columns(['account_id', 'advisory_id']).execute();
        await s
          .createTable('vuln_host_findings')
          .addColumn('account_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('host_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('advisory_id', 'varchar(256)', (c) => c.notNull())
          .addColumn('package', 'varchar(256)', (c) => c.notNull())
          .addColumn('source_package', 'varchar(256)', (c) => c.notNull())
          .addColumn('installed_version', 'varchar(256)', (c) => c.notNull())
          .addColumn('fixed_version', 'varchar(256)')
          .addColumn('severity', 'varchar(16)', (c) => c.notNull())
          .addColumn('score', 'double precision')
          .addColumn('rating', 'varchar(64)')
          .addColumn('aliases', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('remediation', 'varchar(512)')
          .addColumn('status', 'varchar(16)', (c) => c.notNull())
          .addColumn('first_seen', 'varchar(32)', (c) => c.notNull())
          .addColumn('last_seen', 'varchar(32)', (c) => c.notNull())
          .addColumn('resolved_at', 'varchar(32)')
          .addPrimaryKeyConstraint('vuln_host_findings_pk', ['account_id', 'host_id', 'advisory_id', 'package'])
          .execute();
        await s.createIndex('vuln_host_findings_status').on('vuln_host_findings').columns(['account_id', 'status', 'severity']).execute();
      },
    },
  },
};
