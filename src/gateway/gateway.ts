import type { GatewayConfig } from '../config/gateway.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { AccessKey } from '../events/client.js';
import { NdjsonAccessLog, type AccessLogSink } from './access-log.js';
import { IngestAccessLog } from './managed/ingest-sink.js';
import type { RateLimiterStore } from './cc/limiter.js';
import { MemoryRateLimiterStore } from './cc/memory-store.js';
import { RedisRateLimiterStore } from './cc/redis-store.js';
import { openListener, type OpenListener } from './listener.js';
import type { GatewayPlugin } from './plugin.js';
import { createDlpPlugin } from './dlp/plugin.js';
import { createWafPlugin } from './waf-plugin.js';
import { activateRuntime, compileRuntime, retiredUpstreams, type GatewayRuntime } from './runtime.js';

export interface GatewayOptions {
  /** Folder that relative certificate paths are resolved from (the config file's folder). */
  baseDir?: string;
  logger?: Logger;
  /** Where access events go; by default NDJSON to `accessLog.file` and/or stdout per the config. */
  accessLog?: AccessLogSink;
  /** Pipeline extensions (WAF, DLP). */
  plugins?: readonly GatewayPlugin[];
  env?: NodeJS.ProcessEnv;
  /** Managed mode: also ship access events to this server's ingest API, signed with `key`. */
  ship?: ShipTo | undefined;
  /** How long stop() waits for in-flight requests before closing connections (default 5 s). */
  drainMs?: number;
}

export interface ShipTo {
  server: string;
  key: AccessKey;
}

export interface RunningGateway {
  /** One URL per listener, e.g. `http://127.0.0.1:43123`. */
  readonly urls: readonly string[];
  /** Validated config in force. */
  readonly config: GatewayConfig;
  /** Swaps to a new configuration; in-flight requests finish on the old one; throws (keeping the old one) when invalid. */
  reload(config: GatewayConfig): Promise<void>;
  /** What this process serves right now: listeners and each site's upstreams with their health (status reports). */
  status(): GatewayStatus;
  stop(): Promise<void>;
}

export interface GatewayStatus {
  listeners: { address: string; tls: boolean; http2: boolean }[];
  sites: { name: string; upstreams: { url: string; healthy: boolean; ejected: boolean; inFlight: number }[] }[];
}

function storeFor(config: GatewayConfig, logger: Logger): RateLimiterStore {
  return config.redisUrl ? new RedisRateLimiterStore(config.redisUrl, config.redisPrefix, logger) : new MemoryRateLimiterStore();
}

async function storeReady(store: RateLimiterStore): Promise<void> {
  if (store instanceof RedisRateLimiterStore) await store.ready();
}

/** Starts the gateway data plane: listeners, compiled sites, health checks, rate-limit store. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<RunningGateway> {
  const baseDir = options.baseDir ?? process.cwd();
  const logger = options.logger ?? createLogger({ name: 'gateway', level: config.logLevel });
  const env = options.env ?? process.env;
  // Built in: the WAF engine (request stage) and DLP (response transform, per site `dlp:`); extra plugins run after them.
  const dlp = createDlpPlugin({
    onEvent: (e) => logger.warn({ dlp: { site: e.site, path: e.path, requestId: e.requestId, detector: e.detector, count: e.count, action: e.action } }, 'dlp event'),
  });
  const plugins = [createWafPlugin(), dlp, ...(options.plugins ?? [])];
  const prepare = async (cfg: GatewayConfig): Promise<void> => {
    for (const p of plugins) await p.prepare?.(cfg, baseDir);
  };
  const drainMs = options.drainMs ?? 5000;
  const local = options.accessLog ?? new NdjsonAccessLog({ file: config.accessLog.file, stdout: config.accessLog.stdout });
  const log = options.ship ? new IngestAccessLog(local, { ...options.ship, logger }) : local;
  await prepare(config);
  let store = storeFor(config, logger);
  await storeReady(store);
  let listeners: OpenListener[] = [];
  const httpsPort = (): number | undefined => listeners.find((l) => l.config.tls !== undefined)?.port;
  let runtime: GatewayRuntime;
  try {
    runtime = compileRuntime(config, { baseDir, store, plugins, httpsPort, env });
  } catch (e) {
    await store.close();
    throw e;
  }
  const current = (): GatewayRuntime => runtime;
  const openAll = async (cfg: GatewayConfig): Promise<OpenListener[]> => {
    const opened: OpenListener[] = [];
    try {
      for (const [i, l] of cfg.listen.entries()) opened.push(await openListener(l, baseDir, current, log, i));
    } catch (e) {
      await Promise.all(opened.map((o) => o.close(0)));
      throw e;
    }
    return opened;
  };
  try {
    listeners = await openAll(config);
  } catch (e) {
    await store.close();
    for (const u of runtime.upstreamsByKey.values()) await u.close();
    throw e;
  }
  activateRuntime(runtime, undefined);
  logger.info({ urls: listeners.map((l) => l.url), sites: config.sites.map((s) => s.name) }, 'gateway listening');

  const gateway: RunningGateway = {
    get urls() {
      return listeners.map((l) => l.url);
    },
    get config() {
      return runtime.config;
    },
    async reload(next: GatewayConfig) {
      const previous = runtime;
      await prepare(next);
      let nextStore = store;
      if (next.redisUrl !== previous.config.redisUrl || next.redisPrefix !== previous.config.redisPrefix) {
        nextStore = storeFor(next, logger);
        await storeReady(nextStore);
      }
      let compiled: GatewayRuntime;
      try {
        compiled = compileRuntime(next, { baseDir, store: nextStore, plugins, httpsPort, env, previous });
      } catch (e) {
        if (nextStore !== store) await nextStore.close();
        throw e;
      }
      const listenChanged = JSON.stringify(next.listen) !== JSON.stringify(previous.config.listen) || next.limits.maxHeaderSize !== previous.config.limits.maxHeaderSize;
      if (listenChanged) {
        // New addresses: the old listeners must let go of their ports first.
        await Promise.all(listeners.map((l) => l.close(drainMs)));
        runtime = compiled;
        listeners = await openAll(next);
      } else {
        runtime = compiled;
        for (const l of listeners) l.applyLimits(compiled);
      }
      activateRuntime(compiled, previous);
      const oldStore = store;
      store = nextStore;
      // Retired pools close once their in-flight requests finish; no request is cut.
      for (const u of retiredUpstreams(compiled, previous)) void u.close();
      if (oldStore !== nextStore) setTimeout(() => void oldStore.close(), drainMs).unref();
      logger.info({ sites: next.sites.map((s) => s.name) }, 'gateway configuration reloaded');
    },
    status() {
      return {
        // The bound address (a configured port 0 shows the real one).
        listeners: listeners.map((l) => ({ address: new URL(l.url).host, tls: l.config.tls !== undefined, http2: l.config.tls?.http2 === true })),
        sites: runtime.sites.map((s) => ({ name: s.name, upstreams: s.upstreams.map((u) => ({ url: u.url, healthy: u.healthy, ejected: u.ejected, inFlight: u.inflight })) })),
      };
    },
    async stop() {
      await Promise.all(listeners.map((l) => l.close(drainMs)));
      activateRuntime({ ...runtime, sites: [] }, runtime);
      await Promise.all([...runtime.upstreamsByKey.values()].map((u) => u.close()));
      await store.close();
      await log.flush();
      if (!options.accessLog) await log.close();
      else if (log !== local) await log.flush();
      for (const p of plugins) await p.close?.();
    },
  };
  return gateway;
}
