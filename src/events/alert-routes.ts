import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { Caller } from '../iam/caller.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import { signedRoutes, type CallerAuth } from '../server/signed-routes.js';
import { SEVERITY_LABELS, type AlertService } from './alerts/alert-service.js';
import { checkDefinition, type RuleService } from './alerts/rule-service.js';
import type { ChannelStore } from './notify/channel-store.js';
import type { Notifier } from './notify/notifier.js';

export const CREATE_RULE_ACTION = 'bulwark:CreateEventRule';
export const LIST_RULES_ACTION = 'bulwark:ListEventRules';
export const GET_RULE_ACTION = 'bulwark:GetEventRule';
export const UPDATE_RULE_ACTION = 'bulwark:UpdateEventRule';
export const DELETE_RULE_ACTION = 'bulwark:DeleteEventRule';
export const VALIDATE_RULE_ACTION = 'bulwark:ValidateEventRule';
export const LIST_ALERTS_ACTION = 'bulwark:ListEventAlerts';
export const GET_ALERT_ACTION = 'bulwark:GetEventAlert';
export const UPDATE_ALERT_ACTION = 'bulwark:UpdateEventAlert';
export const LIST_CHANNELS_ACTION = 'bulwark:ListNotificationChannels';
export const CREATE_CHANNEL_ACTION = 'bulwark:CreateNotificationChannel';
export const UPDATE_CHANNEL_ACTION = 'bulwark:UpdateNotificationChannel';
export const DELETE_CHANNEL_ACTION = 'bulwark:DeleteNotificationChannel';
export const TEST_CHANNEL_ACTION = 'bulwark:TestNotificationChannel';
export const RULES_PATH = '/api/events/rules';
export const ALERTS_PATH = '/api/events/alerts';
export const CHANNELS_PATH = '/api/events/channels';

const RULE = 'acs:bulwark:*:*:events/rule/*';
const ALERT = 'acs:bulwark:*:*:events/alert/*';
const CHANNEL = 'acs:bulwark:*:*:events/channel/*';

const id = z.string().min(1).max(64);
const page = { limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().min(0).max(1_000_000).optional() };
const ruleName = z.string().min(1).max(256);
const severity = z.number().int().min(0).max(100);
const createRule = z.object({ name: ruleName, definition: z.unknown(), severity: severity.optional(), enabled: z.boolean().optional() }).strict();
const listRules = z.object({ kind: z.enum(['threshold', 'new_value', 'sigma']).optional(), enabled: z.boolean().optional(), ...page }).strict();
const ruleRef = z.object({ ruleId: id }).strict();
const updateRule = z.object({ ruleId: id, name: ruleName.optional(), definition: z.unknown().optional(), severity: severity.optional(), enabled: z.boolean().optional() }).strict();
const validateRule = z.object({ name: ruleName.default('rule'), definition: z.unknown() }).strict();
const listAlerts = z.object({ status: z.enum(['open', 'acknowledged', 'closed']).optional(), severity: z.enum(SEVERITY_LABELS).optional(), ruleId: id.optional(), ...page }).strict();
const getAlert = z.object({ alertId: id, size: z.number().int().min(0).max(200).optional() }).strict();
const changeAlert = z.object({ alertId: id, status: z.enum(['acknowledged', 'closed']) }).strict();
const createChannel = z.object({ channel: z.record(z.string(), z.unknown()), enabled: z.boolean().optional() }).strict();
const updateChannel = z.object({ channelId: id, channel: z.record(z.string(), z.unknown()).optional(), enabled: z.boolean().optional() }).strict();
const channelRef = z.object({ channelId: id }).strict();

export interface AlertRoutesOptions {
  rules: RuleService;
  alerts: AlertService;
  channels: ChannelStore;
  /** sends test messages (and, in the scheduler, the alerts) */
  notifier: Notifier;
  frontDoor: FrontDoor;
  hostId: string;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
}

/** The verdict on a rule definition, with where a Sigma mistake is (nothing is stored). */
function validation(name: string, definition: unknown): Record<string, unknown> {
  try {
    const compiled = checkDefinition(name, definition);
    return { valid: true, severity: compiled.severity, ...(compiled.kind === 'sigma' ? { title: compiled.title } : {}) };
  } catch (e) {
    if (!(e instanceof BulwarkError) || e.status !== 400) throw e;
    const extra = (e.extra ?? {}) as { Field?: string; Line?: number; Column?: number };
    const field = e.params.field !== undefined ? String(e.params.field) : extra.Field;
    return { valid: false, error: { code: e.code, message: e.message, ...(field ? { field } : {}), ...(extra.Line !== undefined ? { line: extra.Line, column: extra.Column } : {}) } };
  }
}

/**
 * Alert rules, alerts and notification channels of the caller's account: rules (create, list, get,
 * change, delete, validate), alerts (list, detail, acknowledge, close), channels (create, list,
 * change, delete, send a test message). Every change is audited by its service.
 */
export async function alertRoutes(app: FastifyInstance, options: AlertRoutesOptions): Promise<void> {
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: options.hostId, bodyLimit: 1024 * 1024, auth: options.auth });
  const body = <S extends z.ZodType>(req: FastifyRequest, schema: S): z.output<S> => kit.jsonBody(req, schema);
  const handle = (action: string, resource: string, work: (req: FastifyRequest, caller: Caller) => Promise<Record<string, unknown>>) => async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      const caller = await kit.authorize(req, action, resource);
      return kit.send(reply, await work(req, caller));
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  };
  const { rules, alerts, channels } = options;

  app.post(RULES_PATH, handle(CREATE_RULE_ACTION, RULE, async (req, caller) => ({ rule: await rules.create(caller, body(req, createRule)) })));
  app.post(`${RULES_PATH}/list`, handle(LIST_RULES_ACTION, RULE, async (req, caller) => rules.list(caller.accountId, body(req, listRules))));
  app.post(`${RULES_PATH}/get`, handle(GET_RULE_ACTION, RULE, async (req, caller) => ({ rule: await rules.get(caller.accountId, body(req, ruleRef).ruleId) })));
  app.post(
    `${RULES_PATH}/update`,
    handle(UPDATE_RULE_ACTION, RULE, async (req, caller) => {
      const { ruleId, ...change } = body(req, updateRule);
      return { rule: await rules.update(caller, ruleId, change) };
    }),
  );
  app.post(
    `${RULES_PATH}/delete`,
    handle(DELETE_RULE_ACTION, RULE, async (req, caller) => {
      await rules.delete(caller, body(req, ruleRef).ruleId);
      return {};
    }),
  );
  app.post(
    `${RULES_PATH}/validate`,
    handle(VALIDATE_RULE_ACTION, RULE, async (req) => {
      const input = body(req, validateRule);
      return validation(input.name, input.definition);
    }),
  );

  app.post(ALERTS_PATH, handle(LIST_ALERTS_ACTION, ALERT, async (req, caller) => alerts.list(caller.accountId, body(req, listAlerts))));
  app.post(
    `${ALERTS_PATH}/get`,
    handle(GET_ALERT_ACTION, ALERT, async (req, caller) => {
      const input = body(req, getAlert);
      return { ...(await alerts.detail(caller.accountId, input.alertId, input.size)) };
    }),
  );
  app.post(
    `${ALERTS_PATH}/status`,
    handle(UPDATE_ALERT_ACTION, ALERT, async (req, caller) => {
      const input = body(req, changeAlert);
      return { alert: await alerts.setStatus(caller, input.alertId, input.status) };
    }),
  );

  app.post(`${CHANNELS_PATH}/list`, handle(LIST_CHANNELS_ACTION, CHANNEL, async (_req, caller) => ({ channels: await channels.list(caller.accountId) })));
  app.post(
    `${CHANNELS_PATH}/create`,
    handle(CREATE_CHANNEL_ACTION, CHANNEL, async (req, caller) => {
      const input = body(req, createChannel);
      return { channel: await channels.create(caller, input.channel, input.enabled ?? true) };
    }),
  );
  app.post(
    `${CHANNELS_PATH}/update`,
    handle(UPDATE_CHANNEL_ACTION, CHANNEL, async (req, caller) => {
      const { channelId, ...change } = body(req, updateChannel);
      return { channel: await channels.update(caller, channelId, change) };
    }),
  );
  app.post(
    `${CHANNELS_PATH}/delete`,
    handle(DELETE_CHANNEL_ACTION, CHANNEL, async (req, caller) => {
      await channels.delete(caller, body(req, channelRef).channelId);
      return {};
    }),
  );
  app.post(
    `${CHANNELS_PATH}/test`,
    handle(TEST_CHANNEL_ACTION, CHANNEL, async (req, caller) => {
      const { channelId } = body(req, channelRef);
      const view = await channels.get(caller.accountId, channelId);
      const report = await options.notifier.test(await channels.deliveryConfig(caller.accountId, channelId), caller.accountId);
      await channels.auditTest(caller, view, report.ok);
      return { delivery: { ok: report.ok, attempts: report.attempts, ...(report.error ? { error: report.error } : {}) } };
    }),
  );
}
