import type { Command } from 'commander';
import { verifyTrail } from '../audit/verify.js';
import { CONTEXT_MIGRATIONS } from '../server/contexts.js';
import { openStorage } from '../storage/database.js';
import { migrate } from '../storage/migrations.js';
import { EXIT_FAILURE, EXIT_OK, action } from './run.js';
import { storageConfigFrom, withStorageFlags, type StorageFlags } from './storage-flags.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  withStorageFlags(audit.command('verify').description('walk every hash chain; exit 1 and name the first broken record'))
    .option('--account <id>', 'verify one account only')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (flags: StorageFlags & { account?: string; format: string }) => {
        const config = storageConfigFrom(flags);
        const storage = openStorage({ dataDir: config.dataDir, database: config.database });
        try {
          await migrate(storage, CONTEXT_MIGRATIONS);
          const report = await verifyTrail(storage, flags.account);
          if (flags.format === 'json') {
            process.stdout.write(`${JSON.stringify(report)}\n`);
          } else {
            for (const a of report.accounts) process.stdout.write(`${a.ok ? 'ok    ' : 'BROKEN'} account ${a.accountId}: ${a.records} record(s) verified\n`);
            if (report.firstBroken) {
              const b = report.firstBroken;
              process.stdout.write(`first broken record: account ${b.accountId}, #${b.seq}, event ${b.eventId}: ${b.reason}\n`);
            } else {
              process.stdout.write(`audit trail intact: ${report.records} record(s) in ${report.accounts.length} account(s)\n`);
            }
          }
          return report.ok ? EXIT_OK : EXIT_FAILURE;
        } finally {
          await storage.close();
        }
      }),
    );
}
