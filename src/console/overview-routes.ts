import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { queryAudit } from '../audit/query.js';
import { BulwarkError } from '../core/errors.js';
import type { Caller } from '../iam/caller.js';
import { parsePolicyDocument } from '../iam/policy/index.js';
import { writePermissions } from './action-routes.js';
import { auditEventSchema, auditResource } from './audit-routes.js';
import { activeCaller, cookieOf, meta, parse, requireCsrf, type ConsoleDeps } from './http.js';
import { guardOutput } from './output.js';
import { publicSession, publicSessionSchema } from './session-routes.js';

const validateBody = z.object({ document: z.string().max(65536), kind: z.enum(['identity', 'trust']).default('identity') });
const validateSchema = z.object({ valid: z.boolean(), path: z.string().optional(), message: z.string().optional() });
const meSchema = z.object({ session: publicSessionSchema, principal: z.object({ type: z.string(), name: z.string() }), mfaBound: z.boolean(), can: z.record(z.string(), z.boolean()) });
const count = z.number().nullable();
const overviewSchema = z.object({
  counts: z.object({ users: count, groups: count, roles: count, policies: count, keys: count, secrets: count }),
  recentEvents: z.array(auditEventSchema).nullable(),
});

/** RAM lists page by marker: the overview follows at most this many pages. */
const MAX_PAGES = 50;

/** Counts from the list actions the caller may call; null where it may not (the overview shows a dash). */
async function countOf(deps: ConsoleDeps, caller: Caller, requestId: string, product: 'Ram' | 'Kms', action: string, input: Record<string, string>, pick: (r: Record<string, unknown>) => number): Promise<number | null> {
  const def = deps.frontDoor.action(product, action);
  const meta = { requestId, sourceIp: caller.sourceIp, secureTransport: caller.secureTransport };
  try {
    let total = 0;
    let marker: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await deps.frontDoor.invoke(caller, def, { ...input, ...(marker ? { Marker: marker } : {}) }, meta, { eventType: 'ConsoleOperation', recordReads: false });
      total += pick(result);
      if (result.IsTruncated !== true) break;
      marker = String(result.Marker);
    }
    return total;
  } catch (e) {
    if (e instanceof BulwarkError && e.code === 'NoPermission') return null;
    throw e;
  }
}

const items = (outer: string, inner: string) => (r: Record<string, unknown>): number => ((r[outer] as Record<string, unknown[]> | undefined)?.[inner] ?? []).length;
const total = (r: Record<string, unknown>): number => Number(r.TotalCount ?? 0);

/** Who am I (and what may I change), the overview, and policy validation for the editor. */
export function overviewRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/me', async (req) => {
    const session = await deps.sessions.find(cookieOf(req));
    const caller = session.state === 'active' ? deps.signin.callerOf(session, meta(req)) : undefined;
    return guardOutput(meSchema, { session: publicSession(session), principal: { type: 'ram-user', name: session.userName }, mfaBound: await deps.signin.mfaBound(session.userId), can: caller ? await writePermissions(deps, caller) : {} });
  });

  app.get('/overview', async (req) => {
    const caller = await activeCaller(deps, req);
    const all = { MaxItems: '100' };
    const [users, groups, roles, policies, keys, secrets] = await Promise.all([
      countOf(deps, caller, req.id, 'Ram', 'ListUsers', all, items('Users', 'User')),
      countOf(deps, caller, req.id, 'Ram', 'ListGroups', all, items('Groups', 'Group')),
      countOf(deps, caller, req.id, 'Ram', 'ListRoles', all, items('Roles', 'Role')),
      countOf(deps, caller, req.id, 'Ram', 'ListPolicies', { ...all, PolicyType: 'Custom' }, items('Policies', 'Policy')),
      countOf(deps, caller, req.id, 'Kms', 'ListKeys', { PageSize: '1' }, total),
      countOf(deps, caller, req.id, 'Kms', 'ListSecrets', { PageSize: '1' }, total),
    ]);
    const auditAllowed = (await deps.authorizer.authorize(caller, { action: 'actiontrail:LookupEvents', resource: auditResource(caller) })).allowed;
    const recentEvents = auditAllowed ? (await queryAudit(deps.platform.storage, { accountId: caller.accountId, limit: 8 })).events : null;
    return guardOutput(overviewSchema, { counts: { users, groups, roles, policies, keys, secrets }, recentEvents });
  });

  // The policy editor's inline validation: the engine's own parser, nothing stored.
  app.post('/ram/policies/validate', async (req) => {
    await requireCsrf(deps, req);
    await activeCaller(deps, req);
    const body = parse(validateBody, req.body);
    try {
      parsePolicyDocument(body.document, { kind: body.kind });
      return guardOutput(validateSchema, { valid: true });
    } catch (e) {
      if (e instanceof BulwarkError && e.code === 'MalformedPolicyDocument') return guardOutput(validateSchema, { valid: false, path: String(e.params.path ?? ''), message: e.message });
      throw e;
    }
  });
}
