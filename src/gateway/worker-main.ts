import { createLogger } from '../core/logger.js';
import { runClusterWorker, type PrimaryMessage, type WorkerMessage } from './cluster.js';

/**
 * Entry of a gateway cluster worker (forked by `runClusterPrimary`): loads only the gateway, waits
 * for its configuration from the primary and runs it. A shutdown that arrives before the start
 * (the primary stopping while this worker was still coming up) exits at once.
 */
let started = false;
const onMessage = (m: PrimaryMessage): void => {
  if (started) return;
  if (m.type === 'shutdown') process.exit(0);
  if (m.type !== 'start') return;
  started = true;
  process.off('message', onMessage);
  const logger = createLogger({ name: 'gateway', level: m.config.logLevel });
  runClusterWorker(m.config, { baseDir: m.baseDir, logger, ship: m.ship }).catch((e: Error) => {
    logger.error({ reason: e.message }, 'gateway worker failed to start');
    process.exit(1);
  });
};
process.on('message', onMessage);
process.send?.({ type: 'ready' } satisfies WorkerMessage);
