import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { inventorySchema } from '../agent/collectors/inventory.js';
import { BulwarkError } from '../core/errors.js';
import { parseEventBody } from '../events/ingest.js';
import type { Caller } from '../iam/caller.js';
import type { FrontDoor } from '../openapi/dispatch.js';
import { signedRoutes, type CallerAuth } from '../server/signed-routes.js';
import { baselineReportSchema } from './baseline-report.js';
import { CREATE_TASK_ACTION, CREATE_TOKEN_ACTION, RESPOND_HOST_ACTION, DELETE_HOST_ACTION, ENROLL_PATH, LIST_TOKENS_ACTION, REVOKE_TOKEN_ACTION, GET_FINDINGS_ACTION, GET_HOST_TASKS_ACTION, HOSTS_API, LIST_HOSTS_ACTION, REPORT_HOST_ACTION, adminPath, type AdminCall, type AgentReport } from './api.js';
import { enrollInput } from './enroll.js';
import { pageOfSummaries, summaryInput } from './host-summary.js';
import { heartbeatInput, type HostService } from './service.js';
import { ackTaskInput, createTaskInput, undoTaskInput } from './tasks.js';
import { createTokenInput } from './tokens.js';

const KB = 1024;
const MB = 1024 * KB;
const HOST_ID = /^[0-9a-f]{16}$/;
const hostRefInput = z.object({ host: z.string().min(1).max(255) }).strict();
const findingsInput = hostRefInput.extend({ inventory: z.boolean().default(false) }).strict();

export interface HostsRoutesOptions {
  service: HostService;
  frontDoor: FrontDoor;
  /** How callers authenticate (default: AccessKey signatures); the console mounts these routes with sessions. */
  auth?: CallerAuth;
  hostId: string;
}

/**
 * The hosts API: `POST /api/agent/enroll` (the token is the only credential), agent reports signed
 * by the host's own identity (`/api/hosts/<hostId>/…`), and signed admin calls (tokens, list,
 * findings, tasks). JSON bodies, each route with its own size limit.
 */
export async function hostsRoutes(app: FastifyInstance, options: HostsRoutesOptions): Promise<void> {
  const { service } = options;
  const kit = signedRoutes(app, { frontDoor: options.frontDoor, hostId: options.hostId, bodyLimit: 16 * MB, auth: options.auth });
  app.setErrorHandler((error, req, reply) => {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') return kit.fail(req, reply, new BulwarkError('Hosts.ReportTooLarge', { limit: req.routeOptions.bodyLimit ?? 0 }));
    return kit.fail(req, reply, (error as { statusCode?: number }).statusCode === 400 ? new BulwarkError('InvalidParameter', { field: 'body', reason: 'malformed request' }) : error);
  });

  const meta = (req: FastifyRequest) => kit.meta(req);

  app.post(ENROLL_PATH, { bodyLimit: 16 * KB }, async (req, reply) => {
    try {
      return kit.send(reply, { ...(await service.enroll(meta(req), kit.jsonBody(req, enrollInput))) });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });

  const admin = (path: AdminCall, action: string, handler: (req: FastifyRequest, caller: Caller) => Promise<Record<string, unknown>>) =>
    app.post(adminPath(path), { bodyLimit: 64 * KB }, async (req, reply) => {
      try {
        const caller = await kit.authorize(req, action, 'acs:bulwark:*:*:host/*');
        return kit.send(reply, await handler(req, caller));
      } catch (e) {
        return kit.fail(req, reply, e);
      }
    });
  admin('tokens', CREATE_TOKEN_ACTION, async (req, caller) => ({ ...(await service.createToken(caller, meta(req), kit.jsonBody(req, createTokenInput))) }));
  admin('tokens/list', LIST_TOKENS_ACTION, async (_req, caller) => ({ Tokens: await service.listTokens(caller.accountId) }));
  admin('tokens/revoke', REVOKE_TOKEN_ACTION, async (req, caller) => {
    const { tokenId } = kit.jsonBody(req, z.object({ tokenId: z.string().min(1).max(32) }).strict());
    await service.revokeToken(caller, meta(req), tokenId);
    return { TokenId: tokenId, Revoked: true };
  });
  admin('list', LIST_HOSTS_ACTION, async (_req, caller) => ({ Hosts: await service.list(caller.accountId) }));
  admin('findings', GET_FINDINGS_ACTION, async (req, caller) => {
    const input = kit.jsonBody(req, findingsInput);
    return { ...(await service.findings(caller.accountId, input.host, { inventory: input.inventory })) };
  });
  admin('summary', LIST_HOSTS_ACTION, async (req, caller) => pageOfSummaries(await service.summaries(caller.accountId), kit.jsonBody(req, summaryInput)));
  admin('detail', GET_FINDINGS_ACTION, async (req, caller) => ({ ...(await service.detail(caller.accountId, kit.jsonBody(req, hostRefInput).host)) }));
  // a scan needs CreateHostTask; a response action (and its undo) the stronger CreateHostResponse
  app.post(adminPath('tasks'), { bodyLimit: 64 * KB }, async (req, reply) => {
    try {
      const input = kit.jsonBody(req, createTaskInput);
      const caller = await kit.authorize(req, input.kind === 'respond' ? RESPOND_HOST_ACTION : CREATE_TASK_ACTION, 'acs:bulwark:*:*:host/*');
      return kit.send(reply, { Task: await service.createTask(caller, meta(req), input) });
    } catch (e) {
      return kit.fail(req, reply, e);
    }
  });
  admin('tasks/undo', RESPOND_HOST_ACTION, async (req, caller) => ({ Task: await service.undoTask(caller, meta(req), kit.jsonBody(req, undoTaskInput)) }));

  admin('delete', DELETE_HOST_ACTION, async (req, caller) => ({ ...(await service.deleteHost(caller, meta(req), kit.jsonBody(req, hostRefInput).host)) }));

  /** Agent routes: the resource is the host in its own account; the service then binds it to the caller. */
  const agent = (what: AgentReport, action: string, limit: number, handler: (req: FastifyRequest, caller: Caller, hostId: string) => Promise<Record<string, unknown>>) =>
    app.post(`${HOSTS_API}/:hostId/${what}`, { bodyLimit: limit }, async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        const hostId = (req.params as { hostId: string }).hostId;
        if (!HOST_ID.test(hostId)) throw new BulwarkError('Hosts.HostNotFound', { host: hostId.slice(0, 64) });
        const account = (await service.accountOf(hostId)) ?? '*';
        const caller = await kit.authorize(req, action, `acs:bulwark:*:${account}:host/${hostId}`);
        return kit.send(reply, await handler(req, caller, hostId));
      } catch (e) {
        return kit.fail(req, reply, e);
      }
    });
  agent('heartbeat', REPORT_HOST_ACTION, 16 * KB, async (req, caller, hostId) => service.heartbeat(caller, meta(req), hostId, kit.jsonBody(req, heartbeatInput)));
  agent('inventory', REPORT_HOST_ACTION, 16 * MB, async (req, caller, hostId) => service.reportInventory(caller, meta(req), hostId, kit.jsonBody(req, inventorySchema)));
  agent('baseline', REPORT_HOST_ACTION, 8 * MB, async (req, caller, hostId) => service.reportBaseline(caller, meta(req), hostId, kit.jsonBody(req, baselineReportSchema)));
  agent('events', REPORT_HOST_ACTION, 32 * MB, async (req, caller, hostId) => ({ ...(await service.ingestEvents(caller, hostId, parseEventBody(kit.rawBody(req), String(req.headers['content-type'] ?? '')))) }));
  agent('tasks/pull', GET_HOST_TASKS_ACTION, 4 * KB, async (req, caller, hostId) => ({ Tasks: await service.pullTasks(caller, meta(req), hostId) }));
  agent('tasks/ack', REPORT_HOST_ACTION, 16 * KB, async (req, caller, hostId) => ({ Task: await service.ackTask(caller, meta(req), hostId, kit.jsonBody(req, ackTaskInput)) }));
}

