import type { FastifyInstance } from 'fastify';
import type { EventService } from '../../events/service.js';
import type { Authorizer } from '../../iam/authorizer.js';
import type { FrontDoor } from '../../openapi/dispatch.js';
import type { Platform } from '../../server/platform.js';
import { signedRoutes, type CallerAuth } from '../../server/signed-routes.js';
import { buildDashboard } from './dashboard.js';
import { dashboardInput } from './range.js';

export const DASHBOARD_PATH = '/api/dashboard';
export const GET_DASHBOARD_ACTION = 'bulwark:GetSecurityDashboard';
export const DASHBOARD_RESOURCE = 'acs:bulwark:*:*:dashboard';

export interface DashboardRoutesOptions {
  platform: Platform;
  frontDoor: FrontDoor;
  authorizer: Authorizer;
  events: EventService;
  /** console sessions instead of signatures (the console mounts this plugin under `/console`) */
  auth?: CallerAuth;
}

/**
 * `POST /api/dashboard` (RAM action `bulwark:GetSecurityDashboard`): `{"from"?: "-24h", "to"?: "now",
 * "top"?: 10}` → `{RequestId, Dashboard}` — attacks, traffic, hosts, vulnerabilities, alerts and
 * posture of the caller's account, each section only where the caller may read its source. Reads only.
 */
export async function dashboardRoutes(app: FastifyInstance, options: DashboardRoutesOptions): Promise<void> {
  const { platform } = options;
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: platform.hostId, bodyLimit: 64 * 1024, ...(options.auth ? { auth: options.auth } : {}) });
  app.post(DASHBOARD_PATH, async (req, reply) => {
    try {
      const caller = await kit.authorize(req, GET_DASHBOARD_ACTION, DASHBOARD_RESOURCE);
      const input = kit.jsonBody(req, dashboardInput);
      const dashboard = await buildDashboard({ storage: platform.storage, clock: platform.clock, events: options.events.store, authorizer: options.authorizer }, caller, input);
      return kit.send(reply, { Dashboard: dashboard });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });
}
