import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import { toErrorBody } from '../server/error-body.js';
import type { AlertStore } from './alerts/alert-store.js';
import { callMetaFrom, signedRequestFrom } from '../openapi/signed-request.js';

export const CREATE_RULE_ACTION = 'bulwark:CreateEventRule';
export const LIST_ALERTS_ACTION = 'bulwark:ListEventAlerts';
export const UPDATE_ALERT_ACTION = 'bulwark:UpdateEventAlert';
export const RULES_PATH = '/api/events/rules';
export const ALERTS_PATH = '/api/events/alerts';

const createRule = z.object({ name: z.string().min(1).max(256), definition: z.unknown(), severity: z.number().int().min(0).max(100).optional(), enabled: z.boolean().optional() }).strict();
const listAlerts = z.object({ status: z.enum(['open', 'acknowledged', 'closed']).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict();
const changeAlert = z.object({ alertId: z.string().min(1).max(64), status: z.enum(['acknowledged', 'closed']) }).strict();

function body<T>(req: FastifyRequest, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body.toString('utf8') : '{}');
  } catch {
    throw new BulwarkError('InvalidParameter', { field: 'body', reason: 'expected a JSON object' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BulwarkError('InvalidParameter', { field: issue?.path.join('.') || 'body', reason: issue?.message ?? 'invalid' });
  }
  return parsed.data;
}

/** Alert rules and alerts of the caller's account: create rules, list alerts, acknowledge or close them. */
export async function alertRoutes(app: FastifyInstance, options: { alerts: AlertStore; frontDoor: FrontDoor; hostId: string }): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, b, done) => done(null, b));
  const handle = (action: string, resource: string, work: (req: FastifyRequest, accountId: string) => Promise<unknown>) => async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      const caller = await options.frontDoor.authenticateAndAuthorize(signedRequestFrom(req), callMetaFrom(req), action, resource);
      const result = await work(req, caller.accountId);
      return reply.header('content-type', 'application/json; charset=utf-8').send({ RequestId: req.id, ...(result as object) });
    } catch (e) {
      const { status, body: errorBody } = toErrorBody(e, req.id, options.hostId);
      return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(errorBody);
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
