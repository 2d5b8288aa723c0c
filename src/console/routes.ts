import type { FastifyInstance } from 'fastify';
import { actionRoutes } from './action-routes.js';
import { auditRoutes } from './audit-routes.js';
import { consoleErrorHandler, type ConsoleDeps } from './http.js';
import { overviewRoutes } from './overview-routes.js';
import { sessionRoutes } from './session-routes.js';
import { consoleStatic } from './static.js';
import { postureConsoleRoutes } from '../posture/console-routes.js';

export type ConsoleRouteOptions = ConsoleDeps;

/** Console API (under /console/api): session auth (cookie + CSRF), the same services and RAM policies as the OpenAPI. */
async function consoleApi(app: FastifyInstance, options: ConsoleRouteOptions): Promise<void> {
  consoleErrorHandler(app, options.platform);
  sessionRoutes(app, options);
  overviewRoutes(app, options);
  auditRoutes(app, options);
  actionRoutes(app, options);
  postureConsoleRoutes(app, options);
}

/** The web console: the API under /console/api and the single-page app (web/dist) under /console/. */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleRouteOptions): Promise<void> {
  await app.register(consoleApi, { ...options, prefix: '/console/api' });
  consoleStatic(app);
}
