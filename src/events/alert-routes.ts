import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FrontDoor } from '../openapi/dispatch.js';
import { signedRoutes, type CallerAuth } from '../server/signed-routes.js';
import type { AlertStore } from './alerts/alert-store.js';

export const CREATE_RULE_ACTION = 'bulwark:CreateEventRule';
export const LIST_ALERTS_ACTION = 'bulwark:ListEventAlerts';
export const UPDATE_ALERT_ACTION = 'bulwark:UpdateEventAlert';
export const RULES_PATH = '/api/events/rules';
export const ALERTS_PATH = '/api/events/alerts';

const createRule = z.object({ name: z.string().min(1).max(256), definition: z.unknown(), severity: z.number().int().min(0).max(100).optional(), enabled: z.boolean().optional() }).strict();
const listAlerts = z.object({ status: z.enum(['open', 'acknowledged', 'closed']).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict();
const changeAlert = z.object({ alertId: z.string().min(1).max(64), status: z.enum(['acknowledged', 'closed']) }).strict();

export interface AlertRoutesOptions {
  alerts: AlertStore;
  frontDoor: FrontDoor;
  hostId: string;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
}

/** Alert rules and alerts of the caller's account: create rules, list alerts, acknowledge or close them. */
export async function alertRoutes(app: FastifyInstance, options: AlertRoutesOptions): Promise<void> {
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: options.hostId, bodyLimit: 1024 * 1024, auth: options.auth });
  const body = <S extends z.ZodType>(req: FastifyRequest, schema: S): z.output<S> => kit.jsonBody(req, schema);
  const handle = (action: string, resource: string, work: (req: FastifyRequest, accountId: string) => Promise<Record<string, unknown>>) => async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      const caller = await kit.authorize(req, action, resource);
      return kit.send(reply, await work(req, caller.accountId));
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  };
  app.post(
    RULES_PATH,
    handle(CREATE_RULE_ACTION, 'acs:bulwark:*:*:events/rule/*', async (req, accountId) => {
      const input = body(req, createRule);
      const rule = await options.alerts.createRule({ ...input, accountId });
      return { rule };
    }),
  );
  app.post(
    ALERTS_PATH,
    handle(LIST_ALERTS_ACTION, 'acs:bulwark:*:*:events/alert/*', async (req, accountId) => ({ alerts: await options.alerts.listAlerts({ ...body(req, listAlerts), accountId }) })),
  );
  app.post(
    `${ALERTS_PATH}/status`,
    handle(UPDATE_ALERT_ACTION, 'acs:bulwark:*:*:events/alert/*', async (req, accountId) => {
      const input = body(req, changeAlert);
      const alert = input.status === 'acknowledged' ? await options.alerts.acknowledge(input.alertId, accountId) : await options.alerts.close(input.alertId, accountId);
      return { alert };
    }),
  );
}
