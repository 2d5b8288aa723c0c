import type { Command } from 'commander';
import { CONTEXT_MIGRATIONS } from '../server/contexts.js';
import { openStorage } from '../storage/database.js';
import { migrate } from '../storage/migrations.js';
import { action } from './run.js';
import { storageConfigFrom, withStorageFlags, type StorageFlags } from './storage-flags.js';

export function registerMigrate(program: Command): void {
  withStorageFlags(program.command('migrate').description('apply pending storage migrations and exit'))
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (flags: StorageFlags & { format: string }) => {
        const config = storageConfigFrom(flags);
        const storage = openStorage({ dataDir: config.dataDir, database: config.database });
        try {
          const report = await migrate(storage, CONTEXT_MIGRATIONS);
          if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ storage: storage.location, applied: report.applied })}\n`);
          else process.stdout.write(report.applied.length ? `applied ${report.applied.length} migration(s) to ${storage.location}:\n${report.applied.map((m) => `  ${m}`).join('\n')}\n` : `${storage.location} is up to date\n`);
        } finally {
          await storage.close();
        }
      }),
    );
}
