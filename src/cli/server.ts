import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { serverConfig } from '../config/server.js';
import { startServer } from '../server/start.js';
import { action } from './run.js';

export interface ServerFlags {
  config?: string;
  dataDir?: string;
  listen?: string;
  database?: string;
  logLevel?: string;
}

export function registerServer(program: Command): void {
  program
    .command('server')
    .description('run the control plane: OpenAPI, console, ingest, storage')
    .option('--config <file>', 'YAML config file')
    .option('--data-dir <dir>', 'data directory (env BULWARK_DATA_DIR)')
    .option('--listen <host:port>', 'address to listen on (env BULWARK_LISTEN)')
    .option('--database <url>', 'postgres:// URL; SQLite in the data dir when absent (env BULWARK_DATABASE_URL)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent')
    .action(
      action(async (flags: ServerFlags) => {
        const config = loadConfig(serverConfig, {
          file: flags.config,
          env: process.env,
          flags: { dataDir: flags.dataDir, listen: flags.listen, database: flags.database, logLevel: flags.logLevel },
        });
        const server = await startServer(config, { handleSignals: true });
        process.stdout.write(`bulwark server listening on ${server.url}\n`);
      }),
    );
}
