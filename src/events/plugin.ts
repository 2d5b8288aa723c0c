import type { FastifyInstance } from 'fastify';
import { eventsConfigFromEnv } from '../config/events.js';
import { signedAndConsole } from '../console/session-mount.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import type { CallerAuth } from '../server/signed-routes.js';
import type { Platform } from '../server/platform.js';
import { AlertService } from './alerts/alert-service.js';
import { AlertStore } from './alerts/alert-store.js';
import { RuleService } from './alerts/rule-service.js';
import { RuleScheduler } from './alerts/scheduler.js';
import { loadNotifyConfig } from './notify/load-config.js';
import { ChannelStore } from './notify/channel-store.js';
import { Notifier } from './notify/notifier.js';
import { alertRoutes } from './alert-routes.js';
import { AuditForwarder } from './audit-forwarder.js';
import { eventsRoutes } from './routes.js';
import { SavedSearchStore } from './saved/saved-search-store.js';
import { searchRoutes } from './search-routes.js';
import { EventService } from './service.js';

export interface EventsPluginOptions {
  platform: Platform;
  frontDoor: FrontDoor;
  /** The server's event store (opened by `openEvents`); the plugin owns it and closes it on shutdown. */
  service: EventService;
  /** Console sessions: when given, the routes are also mounted under /console (see src/console/session-mount.ts). */
  consoleAuth?: CallerAuth;
}

/** Opens the server's event store under the data dir, so other contexts can ingest into it too. */
export function openEvents(platform: Platform): Promise<EventService> {
  return EventService.open(platform.dataDir, eventsConfigFromEnv(), () => platform.clock.now().getTime());
}

const DAY_MS = 86_400_000;

/**
 * Opens the events context for a server: the store under the data dir, its routes, the alert-rule
 * scheduler with its notifier, daily retention; everything is closed on shutdown.
 */
export async function eventsPlugin(app: FastifyInstance, options: EventsPluginOptions): Promise<void> {
  const { platform } = options;
  const config = eventsConfigFromEnv();
  const now = () => platform.clock.now().getTime();
  // file channels get every alert; each account's database channels get its own alerts (docs/events.md)
  const channels = new ChannelStore(platform);
  const notifier = new Notifier(loadNotifyConfig(platform.dataDir), platform.logger, { accountChannels: (accountId) => channels.deliveryConfigs(accountId) });
  const { service } = options;
  const alerts = new AlertStore(platform.storage, now);
  const scheduler = new RuleScheduler({ events: service.store, alerts, logger: platform.logger, now, notify: async (a) => void (await notifier.send(a)) });
  scheduler.start(config.ruleIntervalSeconds * 1000);
  const forwarder = new AuditForwarder(platform.storage, service.ingest, platform.logger, platform.audit);
  forwarder.start(2000);
  const retention = setInterval(() => {
    service.store.applyRetention(now()).catch((e: unknown) => platform.logger.warn({ err: e }, 'event retention failed'));
  }, DAY_MS / 24);
  retention.unref();
  app.addHook('onClose', async () => {
    clearInterval(retention);
    await forwarder.stop();
    await scheduler.stop();
    notifier.close();
    await service.close();
  });
  await signedAndConsole(app, eventsRoutes, { service, frontDoor: options.frontDoor, hostId: platform.hostId }, options.consoleAuth);
  await signedAndConsole(app, searchRoutes, { service, saved: new SavedSearchStore(platform), frontDoor: options.frontDoor, hostId: platform.hostId }, options.consoleAuth);
  const alertsOf = { rules: new RuleService(platform), alerts: new AlertService(platform, service.store), channels, notifier };
  await signedAndConsole(app, alertRoutes, { ...alertsOf, frontDoor: options.frontDoor, hostId: platform.hostId }, options.consoleAuth);
}
