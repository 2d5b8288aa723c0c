import type { AuditEventInput, UserIdentity } from '../audit/event.js';
import type { AuditTrail } from '../audit/trail.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Sealer } from '../core/sealer.js';
import { userIdentityOf, type Caller } from '../iam/caller.js';
import type { Storage } from '../storage/database.js';
import type { HostAlertSource } from './alert-counts.js';

/** Where host findings go: the server's event store (`EventService.ingest`). */
export interface HostEventSink {
  ingest(docs: readonly unknown[], override?: Readonly<Record<string, string>>): Promise<unknown>;
}

/** What the hosts services run with. */
export interface HostsDeps {
  storage: Storage;
  audit: AuditTrail;
  clock: Clock;
  sealer: Sealer;
  logger: Logger;
  events?: HostEventSink | undefined;
  /** the event store's search, for the alerts in a host's risk score */
  alerts?: HostAlertSource | undefined;
  /** Told after commits that change identities (new users, keys, attachments). */
  invalidate(reason: 'policy' | 'membership' | 'credential'): void;
}

/** Request facts kept in the audit trail. */
export interface RequestMeta {
  requestId: string;
  sourceIp: string;
  userAgent?: string | undefined;
}

/** Seconds-precision ISO 8601 time, as the other contexts store it. */
export function isoNow(clock: Clock): string {
  return `${clock.now().toISOString().slice(0, 19)}Z`;
}

/** An audit record of a hosts-context change made by `who` (a caller or an explicit identity). */
export function hostsAudit(who: Caller | UserIdentity, meta: RequestMeta, eventName: string, requestParameters: Record<string, unknown>, responseElements?: Record<string, unknown>): AuditEventInput {
  const userIdentity = 'principalType' in who ? userIdentityOf(who) : who;
  return {
    eventName,
    eventSource: 'hosts',
    eventType: 'ApiCall',
    eventRW: 'Write',
    requestId: meta.requestId,
    requestParameters,
    ...(responseElements ? { responseElements } : {}),
    sourceIpAddress: meta.sourceIp,
    ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
    userIdentity,
  };
}

/** Appends audit records in order (inside the caller's transaction). */
export async function appendAll(audit: AuditTrail, trx: Parameters<AuditTrail['append']>[0], records: readonly AuditEventInput[]): Promise<void> {
  for (const r of records) await audit.append(trx, r);
}
