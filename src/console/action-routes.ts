import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../iam/caller.js';
import type { AnyActionDef } from '../openapi/action.js';
import { BULWARK_WRITES } from './bulwark-writes.js';
import { activeCaller, requireCsrf, type ConsoleDeps } from './http.js';
import { guardOutput } from './output.js';
import { REST_ACTIONS, type RestAction } from './rest-actions.js';

/** JSON scalars become the strings the action schemas take (as on the RPC wire); structures stay. */
function toActionInput(...parts: unknown[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const part of parts) {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) continue;
    for (const [k, v] of Object.entries(part)) {
      if (v === undefined || v === null) continue;
      input[k] = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
    }
  }
  return input;
}

/** Any field of a wildcard input is `*` (the resource ARN a screen's create/change buttons need). */
const WILDCARD_INPUT = new Proxy({}, { get: () => '*' });

/** Which write actions of the console the caller may perform (for read-only screens; the API still decides): `Ram:CreateUser`, `bulwark:PutSite`… */
export async function writePermissions(deps: ConsoleDeps, caller: Caller): Promise<Record<string, boolean>> {
  const writes = new Map<string, AnyActionDef>();
  for (const route of REST_ACTIONS) {
    const def = deps.frontDoor.action(route.product, route.action);
    if (def.rw === 'Write' || route.reveals) writes.set(`${route.product}:${route.action}`, def);
  }
  const entries = await Promise.all([...writes].map(async ([key, def]) => [key, await deps.frontDoor.allowed(def, WILDCARD_INPUT, caller)] as const));
  // The product's own changes (sites, rules, hosts…) are keyed by their RAM action (`bulwark:PutSite`).
  const product = await Promise.all(BULWARK_WRITES.map(async ({ action, resource }) => [action, (await deps.authorizer.authorize(caller, { action, resource })).allowed] as const));
  return Object.fromEntries([...entries, ...product]);
}

/**
 * Registers every REST route of the table: CSRF on state changes, then the OpenAPI action as the
 * session's caller. Changes are audited in their transaction; reads are not, except those that reveal a secret.
 */
export function actionRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  for (const route of REST_ACTIONS) registerRoute(app, deps, route);
}

function registerRoute(app: FastifyInstance, deps: ConsoleDeps, route: RestAction): void {
  const def = deps.frontDoor.action(route.product, route.action);
  app.route({
    method: route.method,
    url: route.path,
    handler: async (req: FastifyRequest) => {
      if (route.method !== 'GET') await requireCsrf(deps, req);
      const caller = await activeCaller(deps, req);
      const input = toActionInput(req.query, req.body, req.params, route.fixed);
      const result = await deps.frontDoor.invoke(caller, def, input, { requestId: req.id, sourceIp: req.ip, secureTransport: req.protocol === 'https', userAgent: String(req.headers['user-agent'] ?? '') }, { eventType: 'ConsoleOperation', recordReads: route.reveals !== undefined });
      return guardOutput(route.output, result, route.reveals);
    },
  });
}
