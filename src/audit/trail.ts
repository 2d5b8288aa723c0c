import { sql, type Kysely } from 'kysely';
import { systemClock, type Clock } from '../core/clock.js';
import { newEventId } from '../core/ids.js';
import { redact } from '../core/redact.js';
import type { Storage } from '../storage/database.js';
import type { AuditEvent, AuditEventInput, AuditRecord } from './event.js';
import { GENESIS_HASH, canonicalJson, chainHash } from './hash.js';
import type { AuditTables } from './migrations.js';

export interface ListAuditOptions {
  accountId: string;
  limit?: number;
  /** Return records with seq lower than this (paging backwards from the newest). */
  beforeSeq?: number;
}

/**
 * The tamper-evident trail. `append` must be called with the transaction that performs the
 * state change, so the change and its record commit (or roll back) together.
 */
export class AuditTrail {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Appends one event inside `trx`; parameters and responses are redacted first. */
  async append(trx: Kysely<unknown>, input: AuditEventInput): Promise<AuditEvent> {
    const db = trx as Kysely<AuditTables>;
    const event: AuditEvent = {
      ...input,
      eventId: newEventId(),
      eventVersion: '1',
      eventTime: input.eventTime ?? this.clock.now().toISOString(),
      recipientAccountId: input.recipientAccountId ?? input.userIdentity.accountId,
      requestParameters: input.requestParameters ? redact(input.requestParameters) : undefined,
      responseElements: input.responseElements ? redact(input.responseElements) : undefined,
    };
    const accountId = event.recipientAccountId;
    await db.insertInto('audit_heads').values({ account_id: accountId, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('account_id').doNothing()).execute();
    // The UPDATE takes the row lock (PostgreSQL) so concurrent appends of one account serialize.
    const head = await db
      .updateTable('audit_heads')
      .set({ seq: sql<number>`seq + 1` })
      .where('account_id', '=', accountId)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    const body = canonicalJson(event);
    const hash = chainHash(head.hash, accountId, head.seq, body);
    await db
      .insertInto('audit_events')
      .values({
        event_id: event.eventId,
        account_id: accountId,
        seq: head.seq,
        event_time: event.eventTime,
        event_name: event.eventName,
        event_source: event.eventSource,
        event_type: event.eventType,
        error_code: event.errorCode ?? null,
        body,
        prev_hash: head.hash,
        hash,
      })
      .execute();
    await db.updateTable('audit_heads').set({ hash }).where('account_id', '=', accountId).execute();
    return event;
  }

  /** Appends in a transaction of its own, for events that change no state (reads, denials, failures). */
  async record(input: AuditEventInput): Promise<AuditEvent> {
    return this.storage.transaction((trx) => this.append(trx, input));
  }

  async list(options: ListAuditOptions): Promise<AuditRecord[]> {
    let q = this.storage
      .db<AuditTables>()
      .selectFrom('audit_events')
      .select(['body', 'seq', 'prev_hash', 'hash'])
      .where('account_id', '=', options.accountId)
      .orderBy('seq', 'desc')
      .limit(Math.min(Math.max(options.limit ?? 50, 1), 1000));
    if (options.beforeSeq !== undefined) q = q.where('seq', '<', options.beforeSeq);
    const rows = await q.execute();
    return rows.map((r) => ({ event: JSON.parse(r.body) as AuditEvent, seq: Number(r.seq), prevHash: r.prev_hash, hash: r.hash }));
  }
}
