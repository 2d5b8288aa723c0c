import type { Command } from 'commander';
import { createLogger } from '../core/logger.js';
import { initAccount } from '../iam/bootstrap.js';
import { openPlatform } from '../server/platform.js';
import { action } from './run.js';
import { storageConfigFrom, withStorageFlags, type StorageFlags } from './storage-flags.js';

export function registerInit(program: Command): void {
  withStorageFlags(program.command('init').description('create the account and its root AccessKey (the secret is printed only here)'))
    .option('--json', 'print {"accountId","accessKeyId","accessKeySecret"} as JSON')
    .option('--additional', 'create another account even if one exists')
    .action(
      action(async (flags: StorageFlags & { json?: boolean; additional?: boolean }) => {
        const config = storageConfigFrom(flags);
        const platform = await openPlatform({ dataDir: config.dataDir, database: config.database, logger: createLogger({ level: 'warn' }) });
        try {
          const created = await initAccount(platform, { additional: flags.additional === true });
          if (flags.json) process.stdout.write(`${JSON.stringify(created)}\n`);
          else
            process.stdout.write(
              [
                `account          ${created.accountId}`,
                `AccessKeyId      ${created.accessKeyId}`,
                `AccessKeySecret  ${created.accessKeySecret}`,
                '',
                'The secret is shown only now: store it in a password manager or secret store.',
                '',
              ].join('\n'),
            );
        } finally {
          await platform.storage.close();
        }
      }),
    );
}
