import type { Storage } from '../storage/database.js';
import type { AuditEvent } from './event.js';
import type { AuditTables } from './migrations.js';

export interface AuditQuery {
  accountId: string;
  /** exact event name, e.g. `CreateUser` */
  eventName?: string | undefined;
  /** user name of the caller (`userIdentity.userName`) */
  userName?: string | undefined;
  /** `success`: no error code; `failure`: an error code */
  result?: 'success' | 'failure' | undefined;
  /** ISO 8601 times (any form `Date` parses), inclusive */
  from?: string | undefined;
  to?: string | undefined;
  /** records older than this sequence number (paging backwards from the newest) */
  beforeSeq?: number | undefined;
  limit: number;
}

export interface AuditPage {
  events: Array<AuditEvent & { seq: number }>;
  /** pass as `beforeSeq` for the next page; absent on the last page */
  nextBeforeSeq?: number;
}

/** Filtered, paged read of one account's trail, newest first (for the console's audit page). */
export async function queryAudit(storage: Storage, q: AuditQuery): Promise<AuditPage> {
  let sel = storage.db<AuditTables>().selectFrom('audit_events').select(['body', 'seq']).where('account_id', '=', q.accountId);
  if (q.eventName) sel = sel.where('event_name', '=', q.eventName);
  if (q.result === 'success') sel = sel.where('error_code', 'is', null);
  if (q.result === 'failure') sel = sel.where('error_code', 'is not', null);
  // stored times are `toISOString()` text: compare in exactly that form (`…00Z` sorts after `…00.000Z`)
  if (q.from) sel = sel.where('event_time', '>=', new Date(q.from).toISOString());
  if (q.to) sel = sel.where('event_time', '<=', new Date(q.to).toISOString());
  if (q.beforeSeq !== undefined) sel = sel.where('seq', '<', q.beforeSeq);
  // the body is canonical JSON, so the user name appears exactly as `"userName":"<name>"`
  if (q.userName) sel = sel.where((eb) => eb('body', 'like', `%"userName":${JSON.stringify(q.userName)}%`));
  const rows = await sel.orderBy('seq', 'desc').limit(q.limit + 1).execute();
  const events = rows.slice(0, q.limit).map((r) => ({ ...(JSON.parse(r.body) as AuditEvent), seq: Number(r.seq) }));
  // LIKE also matches `_` as any character and a userName elsewhere in the body: keep only the caller's
  const filtered = q.userName ? events.filter((e) => e.userIdentity.userName === q.userName) : events;
  const last = events[events.length - 1];
  return { events: filtered, ...(rows.length > q.limit && last ? { nextBeforeSeq: last.seq } : {}) };
}
