import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FrontDoor } from '../openapi/dispatch.js';
import { signedRoutes, type CallerAuth } from '../server/signed-routes.js';
import { CHECK_PATH, FIELDS_PATH, SAVED_SEARCHES_PATH, SAVED_SEARCH_ACTIONS as A, SEARCH_EVENTS_ACTION, VALUES_PATH } from './paths.js';
import { checkQuery, completeFields } from './query/check.js';
import { savedSearchInput, type SavedSearchStore } from './saved/saved-search-store.js';
import { valuesInput, type EventService } from './service.js';

export interface SearchRoutesOptions {
  service: EventService;
  saved: SavedSearchStore;
  frontDoor: FrontDoor;
  hostId: string;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
}

const fieldsBody = z.object({ prefix: z.string().max(160).default('') }).strict();
const checkBody = z.object({ query: z.string().max(16_384) }).strict();
const nameBody = z.object({ name: z.string().min(1).max(128) }).strict();
const searchResource = 'acs:bulwark:*:*:events/search';
const savedResource = (name: string): string => `acs:bulwark:*:*:events/saved-search/${name}`;

/**
 * What the console's search page needs besides the search itself (signed JSON, POST):
 * `fields` (schema fields with types, prefix completion), `values` (top values of a field),
 * `check` (syntax check with the column of a mistake) and saved searches (`list`, `put`, `delete`).
 */
export async function searchRoutes(app: FastifyInstance, options: SearchRoutesOptions): Promise<void> {
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: options.hostId, bodyLimit: 256 * 1024, auth: options.auth });
  const op = (path: string, handler: (req: FastifyRequest) => Promise<Record<string, unknown>>): void => {
    app.post(path, async (req, reply) => {
      try {
        return kit.send(reply, await handler(req));
      } catch (e) {
        return kit.fail(req, reply, e);
      }
    });
  };

  op(FIELDS_PATH, async (req) => {
    const body = kit.jsonBody(req, fieldsBody);
    await kit.authorize(req, SEARCH_EVENTS_ACTION, searchResource);
    return { fields: completeFields(body.prefix) };
  });

  op(VALUES_PATH, async (req) => {
    const body = kit.jsonBody(req, valuesInput);
    const caller = await kit.authorize(req, SEARCH_EVENTS_ACTION, searchResource);
    return { field: body.field, values: await options.service.values(body, caller.accountId) };
  });

  op(CHECK_PATH, async (req) => {
    const body = kit.jsonBody(req, checkBody);
    await kit.authorize(req, SEARCH_EVENTS_ACTION, searchResource);
    return checkQuery(body.query);
  });

  op(`${SAVED_SEARCHES_PATH}/list`, async (req) => {
    kit.jsonBody(req, z.object({}).strict());
    const caller = await kit.authorize(req, A.list, savedResource('*'));
    return { searches: await options.saved.list(caller.accountId) };
  });

  op(`${SAVED_SEARCHES_PATH}/put`, async (req) => {
    const body = kit.jsonBody(req, savedSearchInput);
    const caller = await kit.authorize(req, A.put, savedResource(body.name));
    return options.saved.put(caller, body);
  });

  op(`${SAVED_SEARCHES_PATH}/delete`, async (req) => {
    const body = kit.jsonBody(req, nameBody);
    const caller = await kit.authorize(req, A.delete, savedResource(body.name));
    await options.saved.delete(caller, body.name);
    return { deleted: body.name };
  });
}
