import type { FastifyInstance } from 'fastify';
import { signedAndConsole } from '../console/session-mount.js';
import type { Platform } from '../server/platform.js';
import type { CallerAuth } from '../server/signed-routes.js';
import type { Services } from '../server/services.js';
import type { HostAlertSource } from './alert-counts.js';
import type { HostEventSink } from './context.js';
import { hostsRoutes } from './routes.js';
import { HostService } from './service.js';

export interface HostsPluginOptions {
  platform: Platform;
  services: Pick<Services, 'frontDoor' | 'authorizer' | 'credentials'>;
  /** the server's event store ingest (`openEvents(platform).ingest`) */
  events?: HostEventSink;
  /** the server's event store search (`EventService`), for recent alerts in risk scores */
  alerts?: HostAlertSource;
  /** Console sessions: when given, the routes are also mounted under /console (see src/console/session-mount.ts). */
  consoleAuth?: CallerAuth;
}

/** The hosts context on a server: its service (with IAM cache invalidation) and routes. */
export async function hostsPlugin(app: FastifyInstance, options: HostsPluginOptions): Promise<void> {
  const { platform, services } = options;
  const service = new HostService({
    storage: platform.storage,
    audit: platform.audit,
    clock: platform.clock,
    sealer: platform.sealer,
    logger: platform.logger,
    events: options.events,
    alerts: options.alerts,
    invalidate: (reason) => (reason === 'credential' ? services.credentials.invalidate() : services.authorizer.invalidate()),
  });
  await signedAndConsole(app, hostsRoutes, { service, frontDoor: services.frontDoor, hostId: platform.hostId }, options.consoleAuth);
}
