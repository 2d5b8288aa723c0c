import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config/server.js';
import { createLogger, type Logger } from '../core/logger.js';
import { buildApp } from './app.js';
import { trackConnections } from './drain.js';
import { openPlatform, type Platform } from './platform.js';

export interface RunningServer {
  app: FastifyInstance;
  platform: Platform;
  /** `http://host:port` actually bound (port 0 resolves to the real one). */
  url: string;
  /** Stops accepting, finishes in-flight requests, closes storage. Safe to call twice. */
  stop(): Promise<void>;
}

function splitListen(listen: string): { host: string; port: number } {
  const i = listen.lastIndexOf(':');
  return { host: listen.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(listen.slice(i + 1)) };
}

/** Starts the control plane; with `handleSignals`, SIGTERM/SIGINT trigger a graceful stop. */
export async function startServer(config: Readonly<ServerConfig>, options: { logger?: Logger; handleSignals?: boolean } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const platform = await openPlatform({ dataDir: config.dataDir, database: config.database, logger });
  let app: FastifyInstance;
  let connections: ReturnType<typeof trackConnections>;
  try {
    app = await buildApp({ platform });
    connections = trackConnections(app.server);
    const { host, port } = splitListen(config.listen);
    await app.listen({ host, port });
  } catch (e) {
    await platform.storage.close();
    throw e;
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address : { address: '127.0.0.1', port: 0, family: 'IPv4' };
  const url = `http://${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      logger.info('shutting down: no new connections, finishing in-flight requests');
      const timer = setTimeout(() => {
        logger.warn({ timeoutSeconds: config.shutdownTimeout }, 'shutdown timeout reached; closing remaining connections');
        app.server.closeAllConnections();
      }, config.shutdownTimeout * 1000);
      timer.unref();
      try {
        await connections.drain();
        await app.close();
      } finally {
        clearTimeout(timer);
        await platform.storage.close();
        logger.info('stopped');
        logger.flush();
      }
    })());

  if (options.handleSignals) {
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'signal received');
      stop().then(
        () => process.exit(0),
        (e: unknown) => {
          logger.error({ err: e }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  logger.info({ url, storage: platform.storage.location }, 'server listening');
  return { app, platform, url, stop };
}
