import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { duration } from '../config/gateway.js';
import { BulwarkError } from '../core/errors.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import { awaitChange } from '../server/long-poll.js';
import { parseInput, signedRoutes, type CallerAuth } from '../server/signed-routes.js';
import type { Decision, DecisionStore } from './decision-store.js';
import { parseBlockList } from './block-list.js';
import { REPUTATION_ACTIONS as A, REPUTATION_BANS_PATH, REPUTATION_PATH } from './paths.js';
import type { ReputationService } from './service.js';
import { normalizeTarget, targetContains } from './target.js';

export interface ReputationRoutesOptions {
  store: DecisionStore;
  service: ReputationService;
  frontDoor: FrontDoor;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
  hostId: string;
}

const ip = z.string().min(1).max(64);
const banBody = z.object({ ip, duration: duration.default(4 * 3600_000), type: z.enum(['ban', 'challenge', 'log']).default('ban'), reason: z.string().max(256).default('manual') }).strict();
const ipBody = z.object({ ip }).strict();
const reportBody = z.object({ ip, reason: z.string().max(256).default('reported') }).strict();
const allowBody = z.object({ ip, comment: z.string().max(256).default('') }).strict();
const importBody = z.object({ format: z.enum(['text', 'json']), content: z.string().max(16 * 1024 * 1024), duration: duration.default(24 * 3600_000) }).strict();
const exportBody = z.object({ format: z.enum(['text', 'json']).default('json') }).strict();
const bouncerBody = z.object({ name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected letters, digits, _ . -') }).strict();
const settingsBody = z.object({ settings: z.unknown().optional() }).strict();
const waitQuery = z.object({ wait: z.coerce.number().int().min(0).max(60).default(0) });
const streamQuery = z.object({ startup: z.enum(['true', 'false']).default('false') }).passthrough();

const resource = (what: string): string => `acs:bulwark:*:*:reputation/${what}`;

/** A decision as the API shows it. */
export function decisionView(d: Decision): Record<string, unknown> {
  return { id: d.id, value: d.value, scope: d.scope, action: d.action, origin: d.origin, scenario: d.scenario, evidence: d.evidence, createdAt: new Date(d.createdAt).toISOString(), until: new Date(d.until).toISOString(), ...(d.deletedAt !== null ? { deletedAt: new Date(d.deletedAt).toISOString() } : {}) };
}

/** A Go-style duration (`3h59m49s`) as CrowdSec bouncers expect. */
export function goDuration(ms: number): string {
  let s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

/** A decision in CrowdSec's LAPI shape (`models.Decision`). */
export function crowdsecDecision(d: Decision, now: number): Record<string, unknown> {
  return { id: d.createdAt, uuid: d.id, origin: d.origin === 'bulwark' ? 'crowdsec' : d.origin === 'manual' ? 'cscli' : 'cscli-import', type: d.action === 'challenge' ? 'captcha' : d.action, scope: d.scope, value: d.value, duration: goDuration(d.until - now), until: new Date(d.until).toISOString(), scenario: d.scenario, simulated: false };
}

/**
 * Reputation API (signed JSON, `POST /api/reputation/<op>`) and the CrowdSec-compatible bouncer
 * endpoints `GET /v1/decisions/stream` and `GET /v1/decisions` (X-Api-Key).
 */
export async function reputationRoutes(app: FastifyInstance, options: ReputationRoutesOptions): Promise<void> {
  const { store, service } = options;
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: options.hostId, bodyLimit: 17 * 1024 * 1024 , auth: options.auth });
  const op = (name: string, handler: (req: FastifyRequest) => Promise<Record<string, unknown>>): void => {
    app.post(`${REPUTATION_PATH}/${name}`, async (req, reply) => {
      try {
        return kit.send(reply, await handler(req));
      } catch (e) {
        return kit.fail(req, reply, e);
      }
    });
  };

  op('show', async (req) => {
    const body = kit.jsonBody(req, ipBody);
    const target = normalizeTarget(body.ip);
    const caller = await kit.authorize(req, A.get, resource(target.value));
    const active = (await store.active(caller.accountId)).filter((d) => targetContains(d.value, target.value));
    return {
      ip: target.value,
      score: Math.round((await service.scoreOf(caller.accountId, target.value)) * 100) / 100,
      allowlisted: await store.isAllowlisted(caller.accountId, target.value),
      active: active.map(decisionView),
      history: (await store.history(caller.accountId, target.value)).map(decisionView),
    };
  });

  op('ban', async (req) => {
    const body = kit.jsonBody(req, banBody);
    const caller = await kit.authorize(req, A.create, resource(normalizeTarget(body.ip).value));
    const d = await store.decide(caller, { value: body.ip, action: body.type, origin: 'manual', scenario: body.reason, durationMs: body.duration, evidence: { reportedBy: caller.principalName, reason: body.reason } });
    return { created: d !== undefined, ...(d ? { decision: decisionView(d) } : {}) };
  });

  op('unban', async (req) => {
    const body = kit.jsonBody(req, ipBody);
    const caller = await kit.authorize(req, A.delete, resource(normalizeTarget(body.ip).value));
    return { deleted: await store.unban(caller, body.ip) };
  });

  op('list', async (req) => {
    const caller = await kit.authorize(req, A.list, resource('*'));
    return { decisions: (await store.active(caller.accountId)).map(decisionView) };
  });

  op('report', async (req) => {
    const body = kit.jsonBody(req, reportBody);
    const target = normalizeTarget(body.ip);
    const caller = await kit.authorize(req, A.report, resource(target.value));
    const made = await service.addSignal(caller.accountId, { type: 'manual', ip: target.value, at: Date.now(), eventId: req.id, detail: body.reason }, caller);
    return { score: Math.round((await service.scoreOf(caller.accountId, target.value)) * 100) / 100, decisions: made.map(decisionView) };
  });

  op('allowlist/add', async (req) => {
    const body = kit.jsonBody(req, allowBody);
    const caller = await kit.authorize(req, A.allowlist, resource('allowlist'));
    await store.addAllowlist(caller, body.ip, body.comment);
    return { allowlist: await store.allowlist(caller.accountId) };
  });

  op('allowlist/remove', async (req) => {
    const body = kit.jsonBody(req, ipBody);
    const caller = await kit.authorize(req, A.allowlist, resource('allowlist'));
    return { removed: await store.removeAllowlist(caller, body.ip) };
  });

  op('allowlist/list', async (req) => {
    const caller = await kit.authorize(req, A.list, resource('allowlist'));
    return { allowlist: await store.allowlist(caller.accountId) };
  });

  op('import', async (req) => {
    const body = kit.jsonBody(req, importBody);
    const caller = await kit.authorize(req, A.create, resource('*'));
    const entries = parseBlockList(body.content, body.format);
    let created = 0;
    let skipped = 0;
    for (const e of entries) {
      const allowlisted = await store.isAllowlisted(caller.accountId, e.value);
      const d = allowlisted ? undefined : await store.decide(caller, { value: e.value, action: e.action, origin: 'import', scenario: e.scenario ?? 'import', durationMs: e.durationMs ?? body.duration, evidence: { imported: true } });
      if (d) created++;
      else skipped++;
    }
    return { created, skipped };
  });

  op('export', async (req) => {
    const body = kit.jsonBody(req, exportBody);
    const caller = await kit.authorize(req, A.list, resource('*'));
    const active = await store.active(caller.accountId);
    const bans = active.filter((d) => d.action === 'ban');
    return body.format === 'text' ? { content: bans.map((d) => `${d.value}\n`).join('') } : { decisions: active.map(decisionView) };
  });

  op('settings', async (req) => {
    const body = kit.jsonBody(req, settingsBody);
    if (body.settings === undefined) {
      const caller = await kit.authorize(req, A.get, resource('settings'));
      return { settings: await store.settings(caller.accountId) };
    }
    const caller = await kit.authorize(req, A.settings, resource('settings'));
    return { settings: await store.setSettings(caller, body.settings) };
  });

  op('bouncers/create', async (req) => {
    const body = kit.jsonBody(req, bouncerBody);
    const caller = await kit.authorize(req, A.bouncer, resource(`bouncer/${body.name}`));
    return { name: body.name, apiKey: await store.createBouncer(caller, body.name) };
  });

  // Hosts and gateways long-poll the account's bans (`If-None-Match` → 304 while nothing changes).
  app.get(REPUTATION_BANS_PATH, async (req, reply) => {
    try {
      const { wait } = parseInput(waitQuery, req.query);
      const caller = await kit.authorize(req, A.bans, resource('bans'));
      const known = req.headers['if-none-match'];
      const etag = await awaitChange(reply, caller.accountId, known, wait, async () => `"b${await store.revision(caller.accountId)}"`, [store.changes]);
      if (known === etag) return reply.status(304).header('etag', etag).send();
      const bans = (await store.active(caller.accountId)).filter((d) => d.action === 'ban');
      reply.header('etag', etag);
      return kit.send(reply, { bans: bans.map((d) => ({ value: d.value, until: new Date(d.until).toISOString() })) });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  // CrowdSec LAPI, bouncer side: authenticated by X-Api-Key, answers in CrowdSec's shapes.
  const bouncerOf = async (key: unknown) => {
    const bouncer = typeof key === 'string' && key.length > 0 ? await store.bouncerByKey(key) : undefined;
    if (!bouncer) throw new BulwarkError('Reputation.InvalidApiKey', {});
    return bouncer;
  };

  app.get('/v1/decisions/stream', async (req, reply) => {
    try {
      const q = parseInput(streamQuery, req.query);
      const bouncer = await bouncerOf(req.headers['x-api-key']);
      const { new: fresh0, deleted: deleted0 } = await store.stream(bouncer, q.startup === 'true');
      // Bouncers enforce bans and captchas; log-only decisions are not theirs.
      const fresh = fresh0.filter((d) => d.action !== 'log');
      const deleted = deleted0.filter((d) => d.action !== 'log');
      const now = Date.now();
      return reply.header('content-type', 'application/json').send({ new: fresh.length > 0 ? fresh.map((d) => crowdsecDecision(d, now)) : null, deleted: deleted.length > 0 ? deleted.map((d) => crowdsecDecision(d, now)) : null });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  app.get('/v1/decisions', async (req, reply) => {
    try {
      const q = parseInput(z.object({ ip: z.string().max(64).optional() }).passthrough(), req.query);
      const bouncer = await bouncerOf(req.headers['x-api-key']);
      const now = Date.now();
      const active = (await store.active(bouncer.account_id)).filter((d) => d.action !== 'log' && (q.ip === undefined || targetContains(d.value, normalizeTarget(q.ip).value)));
      return reply.header('content-type', 'application/json').send(active.length > 0 ? active.map((d) => crowdsecDecision(d, now)) : null);
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });
}
