import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { GatewayConfig } from '../config/gateway.js';
import type { Logger } from '../core/logger.js';
import { startGateway, type GatewayOptions, type GatewayStatus, type ShipTo } from './gateway.js';
import { mergeWorkerStatus, WORKER_STATUS_INTERVAL_MS } from './worker-status.js';

/** Messages between the primary and its gateway workers. */
export type WorkerMessage = { type: 'ready' } | { type: 'listening'; urls: string[] } | { type: 'reload-failed'; reason: string } | { type: 'status'; status: GatewayStatus };
export type PrimaryMessage = { type: 'start'; config: GatewayConfig; baseDir: string; ship?: ShipTo | undefined } | { type: 'reload'; config: GatewayConfig } | { type: 'shutdown' };

export interface ClusterOptions {
  workers: number;
  logger: Logger;
  /** Re-reads the config file (SIGHUP); throws when invalid so the old config stays. */
  load: () => GatewayConfig;
  /** Folder relative TLS paths resolve from. */
  baseDir: string;
  /** Managed mode: workers ship access events to the server. */
  ship?: ShipTo | undefined;
  /** Called once, with the listener URLs of the first worker that is up. */
  onListening: (urls: readonly string[]) => void;
}

/**
 * Primary side of `workers: N`: forks N workers that share the listening sockets (node:cluster).
 * SIGHUP re-reads and validates the config and hands it to every worker (in-place swap, no
 * restart); when the worker count changes, or on SIGUSR2, workers are replaced one by one — the
 * new one listens before the old one drains — so the port never stops answering. Crashed workers
 * are replaced.
 */
export function runClusterPrimary(options: ClusterOptions): { reload(): void; status(): GatewayStatus | undefined; stop(): Promise<void> } {
  let config = options.load();
  let stopping = false;
  let announced = false;
  const live = new Set<Worker>();
  const retiring = new Set<Worker>();
  /** Each worker's latest status (sent every few seconds), merged for the managed status report. */
  const statuses = new Map<Worker, GatewayStatus>();

  // Workers run a small entry (gateway modules only) and get their config over IPC.
  cluster.setupPrimary({ exec: fileURLToPath(new URL('./worker-main.js', import.meta.url)), args: [] });
  const fork = (): Promise<Worker> =>
    new Promise((resolve) => {
      const w = cluster.fork();
      live.add(w);
      w.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          // The worker's entry is loaded and listening for messages: hand it the current config.
          w.send({ type: 'start', config, baseDir: options.baseDir, ship: options.ship } satisfies PrimaryMessage);
        } else if (m.type === 'listening') {
          if (!announced) options.onListening(m.urls);
          announced = true;
          resolve(w);
        } else if (m.type === 'status') {
          statuses.set(w, m.status);
        } else if (m.type === 'reload-failed') {
          options.logger.error({ reason: m.reason, worker: w.id }, 'worker could not apply the new configuration');
        }
      });
      w.on('exit', (code) => {
        live.delete(w);
        statuses.delete(w);
        const planned = retiring.delete(w);
        if (!stopping && !planned) {
          options.logger.warn({ worker: w.id, code }, 'gateway worker died; replacing it');
          void fork();
        }
      });
    });

  const retire = (w: Worker): Promise<void> =>
    new Promise((resolve) => {
      retiring.add(w);
      // A worker that does not drain in time (stuck, or gone before it could answer) is killed.
      const force = setTimeout(() => w.process.kill('SIGKILL'), 15_000);
      force.unref();
      w.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      if (w.isConnected()) w.send({ type: 'shutdown' } satisfies PrimaryMessage);
      else w.process.kill('SIGTERM');
    });

  const rolling = async (target: number): Promise<void> => {
    const old = [...live];
    for (let i = 0; i < Math.max(target, old.length); i++) {
      if (i < target) await fork();
      const w = old[i];
      if (w) await retire(w);
    }
    options.logger.info({ workers: target }, 'workers replaced');
  };

  void (async () => {
    for (let i = 0; i < (config.workers ?? 1); i++) await fork();
  })();

  const onHup = (): void => {
    let next: GatewayConfig;
    try {
      next = options.load();
    } catch (e) {
      options.logger.error({ reason: (e as Error).message }, 'configuration reload refused; keeping the current one');
      return;
    }
    const resize = (next.workers ?? 1) !== (config.workers ?? 1);
    config = next;
    if (resize) void rolling(next.workers ?? 1);
    else for (const w of live) if (!retiring.has(w)) w.send({ type: 'reload', config: next } satisfies PrimaryMessage);
    options.logger.info({ workers: next.workers }, 'configuration reloaded');
  };
  const onUsr2 = (): void => void rolling(config.workers ?? 1);
  process.on('SIGHUP', onHup);
  process.on('SIGUSR2', onUsr2);

  return {
    reload: onHup,
    status: () => mergeWorkerStatus([...statuses].filter(([w]) => !retiring.has(w)).map(([, s]) => s)),
    async stop() {
      stopping = true;
      process.off('SIGHUP', onHup);
      process.off('SIGUSR2', onUsr2);
      await Promise.all([...live].map((w) => retire(w)));
    },
  };
}

/** Worker side: runs one gateway and obeys the primary's reload/shutdown messages. */
export async function runClusterWorker(config: GatewayConfig, options: GatewayOptions): Promise<void> {
  const gateway = await startGateway(config, options);
  process.on('message', (m: PrimaryMessage) => {
    if (m.type === 'start') return;
    if (m.type === 'reload') {
      gateway.reload(m.config).catch((e: Error) => process.send?.({ type: 'reload-failed', reason: e.message } satisfies WorkerMessage));
    } else if (m.type === 'shutdown') {
      void gateway.stop().finally(() => process.exit(0));
    }
  });
  process.send?.({ type: 'listening', urls: [...gateway.urls] } satisfies WorkerMessage);
  // Upstream health lives here: the primary gathers it for the managed status report.
  const sendStatus = (): void => {
    if (process.connected) process.send?.({ type: 'status', status: gateway.status() } satisfies WorkerMessage);
  };
  sendStatus();
  setInterval(sendStatus, WORKER_STATUS_INTERVAL_MS).unref();
}
