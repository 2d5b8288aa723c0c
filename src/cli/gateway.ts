import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { GatewayConfig } from '../config/gateway.js';
import { BulwarkError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { accessKeyFromEnv } from '../events/client.js';
import { runClusterPrimary } from '../gateway/cluster.js';
import { startGateway, type ShipTo } from '../gateway/gateway.js';
import { loadGatewayConfig, loadManagedBase, withManagedSites, type LoadedGatewayConfig } from '../gateway/load-config.js';
import { ConfigPoller, applyManagedUpdate, type ManagedSites } from '../gateway/managed/config-poller.js';
import { StatusReporter, reportFromConfig, reportFromGateway, type GatewayStatusBody } from '../gateway/managed/status-reporter.js';
import { action, EXIT_USAGE } from './run.js';

interface GatewayFlags {
  config?: string;
  server?: string;
  listen?: string;
  workers?: string;
  check?: boolean;
  format?: string;
}

/** The running data plane, single-process or cluster, as the config sources see it. */
interface Plane {
  /** Re-reads the local file and re-applies the server's sites on top (SIGHUP, managed updates). */
  reload(): Promise<void>;
  /** The status report's body: a single process reports its upstream health; a cluster primary its workers' merged. */
  status(): GatewayStatusBody;
  stop(): Promise<void>;
}

export function registerGateway(program: Command): void {
  program
    .command('gateway')
    .description('run the WAF gateway: reverse proxy with TLS/mTLS, access control and anti-CC rate limits')
    .option('--config <file>', 'gateway YAML file (see docs/gateway.md); optional with --server')
    .option('--server <url>', 'managed mode: pull sites from this Bulwark server (AccessKey from BULWARK_ACCESS_KEY_ID/_SECRET) and ship access events to it')
    .option('--listen <address>', 'managed mode without --config: the listener address (default 127.0.0.1:8080)')
    .option('--workers <n>', 'worker processes (overrides `workers:`; default CPU count)')
    .option('--check', 'validate the config file and exit')
    .option('--format <format>', 'text|json (for --check)', 'text')
    .action(
      action(async (flags: GatewayFlags) => {
        const workersFlag = flags.workers === undefined ? undefined : Number(flags.workers);
        if (workersFlag !== undefined && (!Number.isInteger(workersFlag) || workersFlag < 1)) {
          process.stderr.write('bulwark: --workers must be a positive integer\n');
          return EXIT_USAGE;
        }
        if (flags.config === undefined && flags.server === undefined) throw new BulwarkError('MissingParameter', { field: '--config' });
        const server = flags.server;
        const key = server !== undefined ? accessKeyFromEnv() : undefined;
        // The server's latest sites (managed mode); layered over the local file on every load.
        const state: { current: ManagedSites } = { current: { revision: 0, sites: [], bans: [] } };
        const loadLocal = (): LoadedGatewayConfig =>
          server !== undefined ? loadManagedBase(flags.config, process.env, { workers: workersFlag, listen: flags.listen }) : loadGatewayConfig(flags.config as string, process.env, { workers: workersFlag });
        const load = (sites: ManagedSites = state.current): LoadedGatewayConfig => {
          const local = loadLocal();
          return server !== undefined ? { ...local, config: withManagedSites(local.config, sites.sites, server, sites.bans) } : local;
        };
        const { config, baseDir } = loadLocal();
        if (flags.check) {
          const summary = { ok: true, file: flags.config ?? null, listeners: config.listen.map((l) => l.address), sites: config.sites.map((s) => s.name) };
          process.stdout.write(flags.format === 'json' ? `${JSON.stringify(summary)}\n` : `config ok: ${summary.sites.length} site(s), ${summary.listeners.length} listener(s)\n`);
          return;
        }
        const logger = createLogger({ name: 'gateway', level: config.logLevel });
        const ship: ShipTo | undefined = server !== undefined && key !== undefined ? { server, key } : undefined;
        const poller =
          ship !== undefined
            ? new ConfigPoller({
                server: ship.server,
                key: ship.key,
                logger,
                apply: (update) =>
                  applyManagedUpdate(state, update, async (next) => {
                    // Validate the merged configuration first: a bad revision never reaches the data plane.
                    load(next);
                    const previous = state.current;
                    state.current = next;
                    try {
                      await running.plane?.reload();
                    } catch (e) {
                      state.current = previous;
                      throw e;
                    }
                  }),
              })
            : undefined;
        // Filled once the data plane runs; the first managed revision is applied before that.
        const running: { plane?: Plane } = {};
        // Managed: start with the server's sites when it answers, else with the local ones, and keep polling.
        if (poller) await poller.first();
        running.plane = await startPlane(load().config, baseDir, workersFlag, () => load().config, logger, ship);
        poller?.start();
        // Managed: report listeners and upstream health now (after the first apply) and every 15 s; never blocks traffic.
        const reporter = ship !== undefined ? new StatusReporter({ server: ship.server, key: ship.key, logger, collect: () => (running.plane as Plane).status() }) : undefined;
        if (reporter) {
          void reporter.reportNow();
          reporter.start();
        }
        const stop = (): void => {
          void (async () => {
            await reporter?.stop();
            await poller?.stop();
            await running.plane?.stop();
          })().finally(() => process.exit(0));
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      }),
    );
}

async function startPlane(config: GatewayConfig, baseDir: string, workersFlag: number | undefined, load: () => GatewayConfig, logger: ReturnType<typeof createLogger>, ship: ShipTo | undefined): Promise<Plane> {
  const workers = workersFlag ?? config.workers ?? availableParallelism();
  if (workers > 1) {
    const primary = runClusterPrimary({
      workers,
      logger,
      baseDir,
      ship,
      load: () => {
        const c = load();
        return { ...c, workers: workersFlag ?? c.workers ?? availableParallelism() };
      },
      onListening: (urls) => process.stderr.write(`bulwark gateway listening on ${urls.join(' ')} (${workers} workers)\n`),
    });
    // Upstream health lives in the workers, which send it every 5 s; until the first one has, the configuration with health unknown.
    return {
      reload: async () => primary.reload(),
      status: () => {
        const merged = primary.status();
        return merged ? reportFromGateway(merged) : reportFromConfig(load());
      },
      stop: () => primary.stop(),
    };
  }
  const gateway = await startGateway(config, { baseDir, logger, ship });
  process.stderr.write(`bulwark gateway listening on ${gateway.urls.join(' ')}\n`);
  const reload = async (): Promise<void> => gateway.reload(load());
  // The cluster primary handles SIGHUP itself; a single process does it here.
  process.on('SIGHUP', () => {
    reload().catch((e: Error) => logger.error({ reason: e.message }, 'configuration reload refused; keeping the current one'));
  });
  return { reload, status: () => reportFromGateway(gateway.status()), stop: () => gateway.stop() };
}
