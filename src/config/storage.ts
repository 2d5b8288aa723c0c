import { commonConfig, databaseUrl } from './common.js';

/** Commands that only open storage: `migrate`, `audit verify`. */
export const storageConfig = commonConfig
  .pick({ dataDir: true, logLevel: true })
  .extend({ database: databaseUrl.optional() })
  .strict();

export type StorageConfig = typeof storageConfig._output;
