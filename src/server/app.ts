import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { BulwarkError } from '../core/errors.js';
import { acceptRequestId, newRequestId } from '../core/ids.js';
import { toErrorBody } from './error-body.js';
import { consoleRoutes } from '../console/routes.js';
import { sessionAuth, signedAndConsole } from '../console/session-mount.js';
import { eventsPlugin, openEvents } from '../events/plugin.js';
import type { EventService } from '../events/service.js';
import { hostsPlugin } from '../hosts/plugin.js';
import { openapiRoutes } from '../openapi/routes.js';
import { SiteStore } from '../sites/site-store.js';
import { sitesRoutes } from '../sites/routes.js';
import { startReputation } from '../reputation/runtime.js';
import { scanRoutes } from '../scan/secrets/routes.js';
import { postureRoutes } from '../posture/routes.js';
import { vulnRoutes } from '../agent/vuln/routes.js';
import { dashboardRoutes } from '../console/dashboard/routes.js';
import { createMetrics } from './metrics.js';
import { createServices } from './services.js';
import type { Kysely } from 'kysely';
import { ensureSystemPolicies } from '../iam/system-policies.js';
import type { IamTables } from '../iam/tables.js';
import { startKms } from '../kms/runtime.js';
import type { Platform } from './platform.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's event store and ingest pipeline. */
    events: EventService;
  }
}

export interface AppOptions {
  platform: Platform;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
}

/** The control-plane HTTP app: health, readiness, metrics; later contexts register their routes here. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { platform } = options;
  const metrics = createMetrics(platform.storage);
  let closing = false;
  const app = Fastify({
    loggerInstance: platform.logger as FastifyBaseLogger,
    genReqId: (req) => acceptRequestId(req.headers['x-request-id']) ?? newRequestId(),
    bodyLimit: options.bodyLimit ?? 8 * 1024 * 1024,
    // Requests that already reached us are served during shutdown, not answered 503.
    return503OnClosing: false,
    // Connections are drained by server/drain.ts: in-flight and just-accepted requests are served.
    forceCloseConnections: false,
  });

  // Per-request hooks run on every call: callback style (no promise per hook) and label sets built
  // once per method, route pattern and status (bounded: routes are patterns, unmatched ones share one).
  const labelSets = new Map<string, { count: { method: string; route: string; status: string }; time: { method: string; route: string } }>();
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let labels = labelSets.get(key);
    if (!labels) {
      labels = { count: { method: req.method, route, status: String(reply.statusCode) }, time: { method: req.method, route } };
      labelSets.set(key, labels);
    }
    metrics.requests.inc(labels.count);
    metrics.latency.observe(labels.time, reply.elapsedTime / 1000);
    done();
  });
  app.addHook('onClose', async () => {
    closing = true;
  });

  app.setErrorHandler((error, req, reply) => {
    const validation = (error as { validation?: unknown }).validation;
    const fastifyCode = (error as { code?: string }).code;
    let mapped = toErrorBody(error, req.id, platform.hostId);
    if (validation || fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error as { statusCode?: number }).statusCode === 400) {
      mapped = { status: 400, body: { ...mapped.body, Code: 'InvalidParameter', Message: 'The request body is malformed.' } };
    }
    if (mapped.status >= 500) req.log.error({ err: error }, 'request failed');
    void reply.status(mapped.status).send(mapped.body);
  });
  app.setNotFoundHandler((req, reply) => {
    const { status, body } = toErrorBody(new BulwarkError('InvalidAction.NotFound', { action: `${req.method} ${req.url.split('?')[0]}` }), req.id, platform.hostId);
    void reply.status(status).send(body);
  });

  // System policies follow this version of Bulwark (new actions such as bulwark:GetReputationBans).
  await ensureSystemPolicies(platform.storage.db<IamTables>() as Kysely<IamTables>, platform.clock);
  const services = createServices(platform);
  // Every signed JSON route is mounted twice: AccessKey signatures under /api, console sessions under /console/api.
  const consoleAuth = sessionAuth(services);
  const kms = await startKms(platform);
  app.addHook('onClose', () => kms.stop());
  await app.register(openapiRoutes, { frontDoor: services.frontDoor, hostId: platform.hostId });
  const events = await openEvents(platform);
  // Other in-process producers (the gateway and agent of `bulwark dev`) ingest through the same store.
  app.decorate('events', events);
  await app.register(eventsPlugin, { platform, frontDoor: services.frontDoor, service: events, consoleAuth });
  await app.register(hostsPlugin, { platform, services, events: events.ingest, alerts: events, consoleAuth });
  await app.register(scanRoutes, { platform, frontDoor: services.frontDoor, invalidateCredentials: () => services.credentials.invalidate() });
  await signedAndConsole(app, vulnRoutes, { platform, frontDoor: services.frontDoor }, consoleAuth);
  await signedAndConsole(app, postureRoutes, { platform, frontDoor: services.frontDoor }, consoleAuth);
  await signedAndConsole(app, dashboardRoutes, { platform, frontDoor: services.frontDoor, authorizer: services.authorizer, events }, consoleAuth);
  const reputation = startReputation(platform, events);
  app.addHook('onClose', () => reputation.stop());
  await signedAndConsole(app, reputation.routes, { store: reputation.store, service: reputation.service, frontDoor: services.frontDoor, hostId: platform.hostId }, consoleAuth);
  // The console never gets the gateways' config pull (it carries certificate keys) nor their status reports.
  await signedAndConsole(app, sitesRoutes, { sites: new SiteStore(platform), bans: reputation.bans, frontDoor: services.frontDoor, hostId: platform.hostId }, consoleAuth, { gatewayRoutes: false });
  await app.register(consoleRoutes, { platform, signin: services.signin, sessions: services.sessions, authorizer: services.authorizer, frontDoor: services.frontDoor });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (closing) return reply.status(503).send({ status: 'shutting-down' });
    try {
      await platform.storage.ping();
      return { status: 'ready', storage: platform.storage.dialect };
    } catch {
      return reply.status(503).send({ status: 'unavailable', storage: platform.storage.dialect });
    }
  });
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  return app;
}
