import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BulwarkError } from '../core/errors.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import { signedRoutes, type CallerAuth } from '../server/signed-routes.js';
import { parseEventBody } from './ingest.js';
import { INGEST_PATH, PUT_EVENTS_ACTION, SEARCH_EVENTS_ACTION, SEARCH_PATH } from './paths.js';
import type { EventService } from './service.js';

export { INGEST_PATH, PUT_EVENTS_ACTION, SEARCH_EVENTS_ACTION, SEARCH_PATH };

export interface EventsRoutesOptions {
  service: EventService;
  frontDoor: FrontDoor;
  hostId: string;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
}

/** `POST /api/ingest/events` and `POST /api/events/search`, signed like any API call (V3 or V1). */
export async function eventsRoutes(app: FastifyInstance, options: EventsRoutesOptions): Promise<void> {
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: options.hostId, bodyLimit: 32 * 1024 * 1024, auth: options.auth });
  const fail = (req: FastifyRequest, reply: FastifyReply, e: unknown) => {
    if (e instanceof BulwarkError && e.code === 'Events.Busy') reply.header('retry-after', String(e.params.retryAfter ?? 1));
    return kit.fail(req, reply, e);
  };

  app.post(INGEST_PATH, async (req, reply) => {
    try {
      const caller = await kit.authorize(req, PUT_EVENTS_ACTION, `acs:bulwark:*:*:events/ingest`);
      const docs = parseEventBody(kit.rawBody(req), String(req.headers['content-type'] ?? ''));
      const result = await options.service.ingest.ingest(docs, { 'cloud.account.id': caller.accountId });
      return kit.send(reply, { accepted: result.accepted, rejected: result.rejected });
    } catch (e) {
      return fail(req, reply, e);
    }
  });

  app.post(SEARCH_PATH, async (req, reply) => {
    try {
      const caller = await kit.authorize(req, SEARCH_EVENTS_ACTION, `acs:bulwark:*:*:events/search`);
      let input: unknown;
      try {
        input = JSON.parse(kit.rawBody(req).toString('utf8') || '{}');
      } catch {
        throw new BulwarkError('InvalidParameter', { field: 'body', reason: 'expected a JSON object' });
      }
      return kit.send(reply, { ...(await options.service.search(input, caller.accountId)) });
    } catch (e) {
      return fail(req, reply, e);
    }
  });
}
