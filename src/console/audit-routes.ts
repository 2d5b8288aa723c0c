import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { queryAudit } from '../audit/query.js';
import { verifyTrail } from '../audit/verify.js';
import type { Caller } from '../iam/caller.js';
import { activeCaller, authorizeOrThrow, parse, type ConsoleDeps } from './http.js';
import { guardOutput } from './output.js';

const isoTime = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 time');
const eventsQuery = z.object({
  user: z.string().max(64).optional(),
  action: z.string().max(128).optional(),
  result: z.enum(['success', 'failure']).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const userIdentity = z.object({ type: z.string(), principalId: z.string(), accountId: z.string(), accessKeyId: z.string().optional(), userName: z.string().optional(), sessionName: z.string().optional() });
/** Output guard of an audit event (parameters are stored redacted; secret-named fields are refused anyway). */
export const auditEventSchema = z.object({
  seq: z.number(),
  eventId: z.string(),
  eventTime: z.string(),
  eventName: z.string(),
  eventSource: z.string(),
  eventType: z.string(),
  eventRW: z.enum(['Read', 'Write']),
  requestId: z.string(),
  apiVersion: z.string().optional(),
  requestParameters: z.record(z.string(), z.unknown()).optional(),
  responseElements: z.record(z.string(), z.unknown()).optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  sourceIpAddress: z.string().optional(),
  userAgent: z.string().optional(),
  userIdentity,
});
const pageSchema = z.object({ events: z.array(auditEventSchema), nextBeforeSeq: z.number().optional() });
const verifySchema = z.object({ ok: z.boolean(), records: z.number(), broken: z.object({ eventId: z.string(), seq: z.number(), reason: z.string() }).optional() });

export const auditResource = (caller: Caller): string => `acs:actiontrail:*:${caller.accountId}:*`;

/** The audit trail of the caller's account: filtered list, one event, chain verification. */
export function auditRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const reader = async (req: Parameters<typeof activeCaller>[1], action: string): Promise<Caller> => {
    const caller = await activeCaller(deps, req);
    await authorizeOrThrow(deps, caller, action, auditResource(caller));
    return caller;
  };

  app.get('/audit/events', async (req) => {
    const q = parse(eventsQuery, req.query);
    const caller = await reader(req, 'actiontrail:LookupEvents');
    const page = await queryAudit(deps.platform.storage, { accountId: caller.accountId, eventName: q.action, userName: q.user, result: q.result, from: q.from, to: q.to, beforeSeq: q.beforeSeq, limit: q.limit });
    return guardOutput(pageSchema, page);
  });
  app.get('/audit/verify', async (req) => {
    const caller = await reader(req, 'actiontrail:LookupEvents');
    const report = await verifyTrail(deps.platform.storage, caller.accountId);
    const account = report.accounts[0];
    const broken = account?.broken;
    return guardOutput(verifySchema, { ok: report.ok, records: report.records, ...(broken ? { broken: { eventId: broken.eventId, seq: broken.seq, reason: broken.reason } } : {}) });
  });
}
