import type { Storage } from '../storage/database.js';
import type { AuditEvent } from './event.js';
import { GENESIS_HASH, chainHash } from './hash.js';
import type { AuditTables } from './migrations.js';

export interface BrokenRecord {
  accountId: string;
  eventId: string;
  seq: number;
  reason: string;
}

export interface AccountVerification {
  accountId: string;
  records: number;
  ok: boolean;
  broken?: BrokenRecord;
}

export interface VerifyReport {
  ok: boolean;
  accounts: AccountVerification[];
  records: number;
  /** The first broken record over all accounts, if any. */
  firstBroken?: BrokenRecord;
}

const PAGE = 1000;

type Row = AuditTables['audit_events'];

function checkRow(row: Row, expectedSeq: number, prevHash: string): string | undefined {
  if (Number(row.seq) !== expectedSeq) return `expected sequence #${expectedSeq}, found #${row.seq} (a record was removed or inserted)`;
  if (row.prev_hash !== prevHash) return 'previous-hash link does not match the preceding record';
  if (chainHash(prevHash, row.account_id, expectedSeq, row.body) !== row.hash) return 'content does not match its hash (record modified)';
  let event: AuditEvent;
  try {
    event = JSON.parse(row.body) as AuditEvent;
  } catch {
    return 'body is not valid JSON';
  }
  if (event.eventId !== row.event_id || event.eventName !== row.event_name || event.eventTime !== row.event_time || event.eventSource !== row.event_source || event.eventType !== row.event_type || (event.errorCode ?? null) !== row.error_code) {
    return 'indexed columns differ from the hashed body (record modified)';
  }
  return undefined;
}

async function verifyAccount(storage: Storage, accountId: string, head: { seq: number; hash: string } | undefined): Promise<AccountVerification> {
  const db = storage.db<AuditTables>();
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let lastEventId = '(none)';
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('account_id', '=', accountId).where('seq', '>=', expected).orderBy('seq', 'asc').limit(PAGE).execute();
    for (const row of rows) {
      const reason = checkRow(row, expected, prevHash);
      if (reason) return { accountId, records: expected - 1, ok: false, broken: { accountId, eventId: row.event_id, seq: Number(row.seq), reason } };
      prevHash = row.hash;
      lastEventId = row.event_id;
      expected += 1;
    }
    if (rows.length < PAGE) break;
  }
  const count = expected - 1;
  if (head && (Number(head.seq) !== count || head.hash !== prevHash)) {
    return { accountId, records: count, ok: false, broken: { accountId, eventId: lastEventId, seq: count, reason: `chain ends at #${count} but the head says #${head.seq} (records were removed from the end)` } };
  }
  return { accountId, records: count, ok: true };
}

/** Walks every account's chain (or one account's) and names the first broken record. */
export async function verifyTrail(storage: Storage, onlyAccount?: string): Promise<VerifyReport> {
  const db = storage.db<AuditTables>();
  const heads = await db.selectFrom('audit_heads').selectAll().execute();
  const fromEvents = await db.selectFrom('audit_events').select('account_id').distinct().execute();
  const headByAccount = new Map(heads.map((h) => [h.account_id, { seq: Number(h.seq), hash: h.hash }]));
  const accounts = [...new Set([...heads.map((h) => h.account_id), ...fromEvents.map((e) => e.account_id)])]
    .filter((a) => onlyAccount === undefined || a === onlyAccount)
    .sort();
  const results: AccountVerification[] = [];
  for (const accountId of accounts) {
    const head = headByAccount.get(accountId);
    results.push(head ? await verifyAccount(storage, accountId, head) : { ...(await verifyAccount(storage, accountId, undefined)), ok: false, broken: { accountId, eventId: '(head)', seq: 0, reason: 'chain head is missing' } });
  }
  const firstBroken = results.find((r) => !r.ok)?.broken;
  return { ok: firstBroken === undefined, accounts: results, records: results.reduce((n, r) => n + r.records, 0), ...(firstBroken ? { firstBroken } : {}) };
}
