import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { BulwarkError } from '../core/errors.js';
import type { CallerAuth } from '../server/signed-routes.js';
import { activeCaller, authorizeOrThrow, requireCsrf, type ConsoleDeps } from './http.js';

/** Where the console mounts signed routes: `/api/x` becomes `/console/api/x` (the session cookie's path). */
export const CONSOLE_MOUNT_PREFIX = '/console';

/**
 * Console sessions as a `CallerAuth`: the session cookie of a fully signed-in user, the CSRF header on
 * every call that is not a GET, then the same RAM evaluation as a signed call. Errors name the field.
 */
export function sessionAuth(deps: Pick<ConsoleDeps, 'sessions' | 'signin' | 'authorizer'>): CallerAuth {
  return {
    async authorize(req, action, resource) {
      if (req.method !== 'GET' && req.method !== 'HEAD') await requireCsrf(deps, req);
      const caller = await activeCaller(deps, req);
      await authorizeOrThrow(deps, caller, action, resource);
      return caller;
    },
    errorFields: (e): Record<string, string> => (e instanceof BulwarkError && e.params.field !== undefined ? { Field: String(e.params.field) } : {}),
  };
}

/**
 * Registers a signed-route plugin twice: as is (AccessKey signatures under `/api/...`) and for the
 * web console (sessions under `/console/api/...`). Same handlers, same RAM actions, same audit;
 * `consoleOptions` can leave out what only machines call (e.g. the gateways' config pull).
 */
export async function signedAndConsole<O extends { auth?: CallerAuth }>(app: FastifyInstance, plugin: FastifyPluginAsync<O>, options: O, consoleAuth: CallerAuth | undefined, consoleOptions: Partial<O> = {}): Promise<void> {
  await app.register(plugin, options);
  if (consoleAuth) await app.register(plugin, { ...options, ...consoleOptions, auth: consoleAuth, prefix: CONSOLE_MOUNT_PREFIX });
}
