import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BulwarkError } from '../core/errors.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import { callMetaFrom, signedRequestFrom } from '../openapi/signed-request.js';
import { toErrorBody } from '../server/error-body.js';
import { parseEventBody } from './ingest.js';
import { INGEST_PATH, PUT_EVENTS_ACTION, SEARCH_EVENTS_ACTION, SEARCH_PATH } from './paths.js';
import type { EventService } from './service.js';

export { INGEST_PATH, PUT_EVENTS_ACTION, SEARCH_EVENTS_ACTION, SEARCH_PATH };

export interface EventsRoutesOptions {
  service: EventService;
  frontDoor: FrontDoor;
  hostId: string;
}

/** `POST /api/ingest/events` and `POST /api/events/search`, signed like any API call (V3 or V1). */
export async function eventsRoutes(app: FastifyInstance, options: EventsRoutesOptions): Promise<void> {
  // Raw bodies: the signature covers the exact bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 32 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  const authorize = async (req: FastifyRequest, action: string, resource: string) => {
    return options.frontDoor.authenticateAndAuthorize(signedRequestFrom(req), callMetaFrom(req), action, resource);
  };
  const fail = (req: FastifyRequest, reply: FastifyReply, e: unknown) => {
    const { status, body } = toErrorBody(e, req.id, options.hostId);
    if (e instanceof BulwarkError && e.code === 'Events.Busy') reply.header('retry-after', String(e.params.retryAfter ?? 1));
    if (status >= 500) req.log.error({ err: e }, 'events request failed');
    return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  };

  app.post(INGEST_PATH, async (req, reply) => {
    try {
      const caller = await authorize(req, PUT_EVENTS_ACTION, `acs:bulwark:*:*:events/ingest`);
      const docs = parseEventBody(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), String(req.headers['content-type'] ?? ''));
      const result = await options.service.ingest.ingest(docs, { 'cloud.account.id': caller.accountId });
      return reply.header('content-type', 'application/json; charset=utf-8').send({ RequestId: req.id, accepted: result.accepted, rejected: result.rejected });
    } catch (e) {
      return fail(req, reply, e);
    }
  });

  app.post(SEARCH_PATH, async (req, reply) => {
    try {
      const caller = await authorize(req, SEARCH_EVENTS_ACTION, `acs:bulwark:*:*:events/search`);
      let input: unknown;
      try {
        input = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '{}');
      } catch {
        throw new BulwarkError('InvalidParameter', { field: 'body', reason: 'expected a JSON object' });
      }
      const result = await options.service.search(input, caller.accountId);
      return reply.header('content-type', 'application/json; charset=utf-8').send({ RequestId: req.id, ...result });
    } catch (e) {
      return fail(req, reply, e);
    }
  });
}
