import { createLogger } from '../core/logger.js';
import { runClusterWorker, type PrimaryMessage, type WorkerMessage } from './cluster.js';

/**
 * Entry of a gateway cluster worker (forked by `runClusterPrimary`): loads only the gateway, waits
 * for its configuration from the primary and runs it.
 */
process.once('message', (m: PrimaryMessage) => {
  if (m.type !== 'start') return;
  const logger = createLogger({ name: 'gateway', level: m.config.logLevel });
  runClusterWorker(m.config, { baseDir: m.baseDir, logger, ship: m.ship }).catch((e: Error) => {
    logger.error({ reason: e.message }, 'gateway worker failed to start');
    process.exit(1);
  });
});
process.send?.({ type: 'ready' } satisfies WorkerMessage);
