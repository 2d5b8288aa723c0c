import type { EventService } from '../events/service.js';
import type { Platform } from '../server/platform.js';
import type { BanSource } from '../sites/routes.js';
import { DecisionStore } from './decision-store.js';
import { reputationRoutes } from './routes.js';
import { ReputationService } from './service.js';

/** How often the server reads new signals and expires decisions (ms; env BULWARK_REPUTATION_INTERVAL_MS). */
export function reputationIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.BULWARK_REPUTATION_INTERVAL_MS ?? 2000);
  return Number.isInteger(v) && v >= 100 && v <= 600_000 ? v : 2000;
}

/** Starts the reputation context of a server: its store, the scoring loop, routes and the bans gateways pull. */
export function startReputation(platform: Platform, events: EventService) {
  const store = new DecisionStore(platform);
  const service = new ReputationService({ store, events, logger: platform.logger, now: () => platform.clock.now().getTime() });
  service.start(reputationIntervalMs());
  const bans: BanSource = {
    revision: (accountId) => store.revision(accountId),
    bans: async (accountId) => (await store.active(accountId)).filter((d) => d.action === 'ban').map((d) => d.value),
    changes: store.changes,
  };
  return { store, service, bans, routes: reputationRoutes, stop: () => service.stop() };
}
