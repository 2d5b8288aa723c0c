import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { createLogger } from '../core/logger.js';
import { runClusterPrimary } from '../gateway/cluster.js';
import { startGateway } from '../gateway/gateway.js';
import { loadGatewayConfig } from '../gateway/load-config.js';
import { action, EXIT_USAGE } from './run.js';

interface GatewayFlags {
  config?: string;
  workers?: string;
  check?: boolean;
  format?: string;
}

export function registerGateway(program: Command): void {
  program
    .command('gateway')
    .description('run the WAF gateway: reverse proxy with TLS/mTLS, access control and anti-CC rate limits')
    .requiredOption('--config <file>', 'gateway YAML file (see docs/gateway.md)')
    .option('--workers <n>', 'worker processes (overrides `workers:`; default CPU count)')
    .option('--check', 'validate the config file and exit')
    .option('--format <format>', 'text|json (for --check)', 'text')
    .action(
      action(async (flags: GatewayFlags) => {
        const file = flags.config as string;
        const workersFlag = flags.workers === undefined ? undefined : Number(flags.workers);
        if (workersFlag !== undefined && (!Number.isInteger(workersFlag) || workersFlag < 1)) {
          process.stderr.write('bulwark: --workers must be a positive integer\n');
          return EXIT_USAGE;
        }
        const load = (): ReturnType<typeof loadGatewayConfig> => loadGatewayConfig(file, process.env, { workers: workersFlag });
        const { config, baseDir } = load();
        if (flags.check) {
          const summary = { ok: true, file, listeners: config.listen.map((l) => l.address), sites: config.sites.map((s) => s.name) };
          process.stdout.write(flags.format === 'json' ? `${JSON.stringify(summary)}\n` : `config ok: ${summary.sites.length} site(s), ${summary.listeners.length} listener(s)\n`);
          return;
        }
        const logger = createLogger({ name: 'gateway', level: config.logLevel });
        const workers = config.workers ?? availableParallelism();
        if (workers > 1) {
          const primary = runClusterPrimary({
            workers,
            logger,
            baseDir,
            load: () => {
              const c = load().config;
              return { ...c, workers: workersFlag ?? c.workers ?? availableParallelism() };
            },
            onListening: (urls) => process.stderr.write(`bulwark gateway listening on ${urls.join(' ')} (${workers} workers)\n`),
          });
          const stop = (): void => void primary.stop().finally(() => process.exit(0));
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
          return;
        }
        const gateway = await startGateway(config, { baseDir, logger });
        process.stderr.write(`bulwark gateway listening on ${gateway.urls.join(' ')}\n`);
        process.on('SIGHUP', () => {
          try {
            void gateway.reload(load().config).catch((e: Error) => logger.error({ reason: e.message }, 'configuration reload failed; keeping the current one'));
          } catch (e) {
            logger.error({ reason: (e as Error).message }, 'configuration reload refused; keeping the current one');
          }
        });
        const stop = (): void => void gateway.stop().finally(() => process.exit(0));
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      }),
    );
}
