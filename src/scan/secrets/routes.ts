import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import type { IamTables } from '../../iam/tables.js';
import type { FrontDoor } from '../../openapi/dispatch.js';
import { callMetaFrom, signedRequestFrom } from '../../openapi/signed-request.js';
import type { Platform } from '../../server/platform.js';
import { toErrorBody } from '../../server/error-body.js';
import { getLeakResponse, leakResponseSchema, setLeakResponse } from './leak-policy.js';
import { FINDINGS_PATH, REPORT_ACTION } from './report.js';
import { LeakResponder, parseFindingsReport, type AlertSink } from './response.js';

export const LEAK_RESPONSE_PATH = '/api/scan/leak-response';
export const GET_LEAK_RESPONSE_ACTION = 'bulwark:GetLeakResponse';
export const SET_LEAK_RESPONSE_ACTION = 'bulwark:SetLeakResponse';

export interface ScanRoutesOptions {
  platform: Platform;
  frontDoor: FrontDoor;
  /** drops cached credentials (`services.credentials.invalidate`) */
  invalidateCredentials: () => void;
  alerts?: AlertSink;
}

/**
 * `POST /api/scan/findings` (leaked-credential response) and `POST /api/scan/leak-response`
 * (the account's policy), signed like any API call. Encapsulated: its raw-body parser stays here.
 */
export async function scanRoutes(app: FastifyInstance, options: ScanRoutesOptions): Promise<void> {
  const { platform, frontDoor } = options;
  const responder = new LeakResponder({
    storage: platform.storage,
    audit: platform.audit,
    clock: platform.clock,
    sealer: platform.sealer,
    logger: platform.logger,
    invalidateCredentials: options.invalidateCredentials,
    ...(options.alerts ? { alerts: options.alerts } : {}),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  const fail = (req: FastifyRequest, reply: FastifyReply, e: unknown) => {
    const { status, body } = toErrorBody(e, req.id, platform.hostId);
    if (status >= 500) req.log.error({ err: e }, 'scan request failed');
    return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  };
  const json = (reply: FastifyReply, body: Record<string, unknown>) => reply.header('content-type', 'application/json; charset=utf-8').send(body);

  app.post(FINDINGS_PATH, async (req, reply) => {
    try {
      const meta = callMetaFrom(req);
      const caller = await frontDoor.authenticateAndAuthorize(signedRequestFrom(req), meta, REPORT_ACTION, 'acs:bulwark:*:*:scan/findings');
      const report = parseFindingsReport(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      const keys = await responder.respond(caller, report, meta);
      return json(reply, { RequestId: req.id, keys });
    } catch (e) {
      return fail(req, reply, e);
    }
  });

  // POST {} reads the policy (bulwark:GetLeakResponse); POST {"mode": …} sets it (bulwark:SetLeakResponse).
  app.post(LEAK_RESPONSE_PATH, async (req, reply) => {
    try {
      const meta = callMetaFrom(req);
      const signed = signedRequestFrom(req);
      let raw: unknown;
      try {
        raw = JSON.parse(signed.body.length > 0 ? signed.body.toString('utf8') : '{}');
      } catch {
        throw new BulwarkError('InvalidParameter', { field: 'body', reason: 'expected a JSON object' });
      }
      const wantsChange = typeof raw === 'object' && raw !== null && 'mode' in raw;
      const caller = await frontDoor.authenticateAndAuthorize(signed, meta, wantsChange ? SET_LEAK_RESPONSE_ACTION : GET_LEAK_RESPONSE_ACTION, 'acs:bulwark:*:*:scan/leak-response');
      if (!wantsChange) return json(reply, { RequestId: req.id, mode: await getLeakResponse(platform.storage.db<IamTables>(), caller.accountId) });
      const parsed = leakResponseSchema.safeParse(raw);
      if (!parsed.success) throw new BulwarkError('InvalidParameter', { field: 'mode', reason: 'expected "automatic" or "ask"' });
      const { mode } = parsed.data;
      await platform.storage.transaction(async (trx) => {
        await setLeakResponse(trx as Kysely<IamTables>, caller.accountId, mode, `${platform.clock.now().toISOString().slice(0, 19)}Z`);
        await platform.audit.append(trx, {
          eventName: 'SetLeakResponse',
          eventSource: 'scan',
          eventType: 'ApiCall',
          eventRW: 'Write',
          requestId: req.id,
          requestParameters: { mode },
          sourceIpAddress: meta.sourceIp,
          ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
          userIdentity: {
            type: caller.principalType === 'root' ? 'root-account' : caller.principalType === 'user' ? 'ram-user' : 'assumed-role',
            principalId: caller.principalId,
            accountId: caller.accountId,
            ...(caller.accessKeyId ? { accessKeyId: caller.accessKeyId } : {}),
            ...(caller.principalType !== 'root' ? { userName: caller.principalName } : {}),
          },
        });
      });
      return json(reply, { RequestId: req.id, mode });
    } catch (e) {
      return fail(req, reply, e);
    }
  });
}
