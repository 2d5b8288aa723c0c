import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { storageConfig, type StorageConfig } from '../config/storage.js';

export interface StorageFlags {
  config?: string;
  dataDir?: string;
  database?: string;
}

/** Adds the flags of commands that open storage directly. */
export function withStorageFlags(command: Command): Command {
  return command
    .option('--config <file>', 'YAML config file')
    .option('--data-dir <dir>', 'data directory (env BULWARK_DATA_DIR)')
    .option('--database <url>', 'postgres:// URL (env BULWARK_DATABASE_URL)');
}

export function storageConfigFrom(flags: StorageFlags): Readonly<StorageConfig> {
  return loadConfig(storageConfig, {
    file: flags.config,
    env: { BULWARK_DATA_DIR: './.bulwark', ...process.env },
    flags: { dataDir: flags.dataDir, database: flags.database },
  });
}
