import type { Kysely } from 'kysely';
import type { AuditEvent } from '../audit/event.js';
import type { AuditTables } from '../audit/migrations.js';
import type { AuditTrail, CommittedRecord } from '../audit/trail.js';
import type { Logger } from '../core/logger.js';
import type { Storage } from '../storage/database.js';
import type { EventIngest } from './ingest.js';

interface CheckpointTables {
  event_audit_checkpoints: { account_id: string; seq: number };
}

const BATCH = 500;
/** Most committed records held in memory for the next pass; beyond it, records are read back from the trail. */
export const MAX_HANDED_OVER = 20_000;

/** ECS view of an audit record: sign-ins are `authentication`, everything else `iam`/`configuration`. */
export function auditToEcs(event: AuditEvent): Record<string, unknown> {
  const signin = event.eventType === 'ConsoleSignin' || event.eventType === 'ConsoleSignout';
  return {
    '@timestamp': event.eventTime,
    'event.id': event.eventId,
    'event.kind': 'event',
    'event.category': signin ? 'authentication' : event.eventSource.startsWith('ram') || event.eventSource.startsWith('sts') ? 'iam' : 'configuration',
    'event.type': event.eventRW === 'Write' ? 'change' : 'access',
    'event.action': event.eventName,
    'event.outcome': event.errorCode ? 'failure' : 'success',
    'event.dataset': 'bulwark.audit',
    'event.provider': event.eventSource,
    ...(event.errorCode ? { 'event.code': event.errorCode } : {}),
    ...(event.sourceIpAddress ? { 'source.ip': event.sourceIpAddress.replace(/^::ffff:/, '') } : {}),
    ...(event.userIdentity.userName ? { 'user.name': event.userIdentity.userName } : {}),
    'user.id': event.userIdentity.principalId,
    ...(event.userAgent ? { 'user_agent.original': event.userAgent.slice(0, 512) } : {}),
    'bulwark.request_id': event.requestId,
    message: `${event.eventName}${event.errorCode ? ` failed: ${event.errorCode}` : ''} by ${event.userIdentity.userName ?? event.userIdentity.type}`,
  };
}

/** Longest a graceful stop spends forwarding what is still behind (ms); the rest follows at the next start. */
export const STOP_FORWARD_BUDGET_MS = 5000;

/**
 * Feeds the audit trail into the event store (the security center sees every API call, sign-in and
 * change), through the same ingest path as gateways and agents. Off the request path: a call's
 * record is committed to the trail only; the forwarder sends what the trail holds beyond its
 * checkpoint every interval, in batches.
 *
 * Given the trail, it takes the records of group commits from memory as they commit (`onCommit`),
 * so the usual pass reads nothing back; whatever memory does not hold — records of state changes
 * (committed with their caller's transaction), records from before the start or from other
 * processes, or beyond MAX_HANDED_OVER — is read from the trail by sequence number, as without it.
 * At least once: a batch is acknowledged by the store before its checkpoint moves (a failed batch is
 * sent again at the next pass, also after a restart: the checkpoint, not memory, says what is
 * behind); `event.id` is the audit event id. A graceful stop forwards what is still behind (within
 * STOP_FORWARD_BUDGET_MS).
 */
export class AuditForwarder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private deadline = Infinity;
  /** Committed records not yet forwarded, per account, in sequence order. */
  private readonly handedOver = new Map<string, CommittedRecord[]>();
  private held = 0;
  private unsubscribe: (() => void) | undefined;
  /** Records forwarded so far, by where they were taken from. */
  readonly sources = { memory: 0, trail: 0 };

  constructor(
    private readonly storage: Storage,
    private readonly ingest: EventIngest,
    private readonly logger: Logger,
    trail?: AuditTrail,
    private readonly maxHeld = MAX_HANDED_OVER,
  ) {
    this.unsubscribe = trail?.onCommit((accountId, records) => this.take(accountId, records));
  }

  private take(accountId: string, records: readonly CommittedRecord[]): void {
    if (this.held + records.length > this.maxHeld) return; // read back from the trail instead
    const list = this.handedOver.get(accountId);
    if (list) list.push(...records);
    else this.handedOver.set(accountId, [...records]);
    this.held += records.length;
  }

  /** Drops what is at or below `seq`, then returns the run held in memory from `seq + 1` (at most BATCH). */
  private heldAfter(accountId: string, seq: number): CommittedRecord[] {
    const list = this.handedOver.get(accountId);
    if (!list) return [];
    let drop = 0;
    while (drop < list.length && list[drop]!.seq <= seq) drop++;
    if (drop > 0) {
      list.splice(0, drop);
      this.held -= drop;
    }
    if (list.length === 0) this.handedOver.delete(accountId);
    const run: CommittedRecord[] = [];
    for (const r of list) {
      if (r.seq !== seq + run.length + 1 || run.length === BATCH) break;
      run.push(r);
    }
    return run;
  }

  /** Forwards everything not yet forwarded; returns how many records were sent. */
  async forwardOnce(): Promise<number> {
    this.running ??= this.forward().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async forward(): Promise<number> {
    const db = this.storage.db<AuditTables & CheckpointTables>() as Kysely<AuditTables & CheckpointTables>;
    const heads = await db.selectFrom('audit_heads').select(['account_id', 'seq']).execute();
    const checkpoints = new Map((await db.selectFrom('event_audit_checkpoints').selectAll().execute()).map((c) => [c.account_id, Number(c.seq)]));
    let sent = 0;
    for (const head of heads) {
      let from = checkpoints.get(head.account_id) ?? 0;
      while (from < Number(head.seq) && Date.now() < this.deadline) {
        let batch = this.heldAfter(head.account_id, from);
        const fromMemory = batch.length > 0;
        if (!fromMemory) {
          // read back up to what memory holds next (the gap), at most a batch
          const upTo = this.handedOver.get(head.account_id)?.[0]?.seq ?? Infinity;
          let q = db.selectFrom('audit_events').select(['seq', 'body']).where('account_id', '=', head.account_id).where('seq', '>', from);
          if (upTo !== Infinity) q = q.where('seq', '<', upTo);
          const rows = await q.orderBy('seq').limit(BATCH).execute();
          batch = rows.map((r) => ({ seq: Number(r.seq), event: JSON.parse(r.body) as AuditEvent }));
        }
        if (batch.length === 0) break;
        const docs = batch.map((r) => auditToEcs(r.event));
        const result = await this.ingest.ingest(docs, { 'cloud.account.id': head.account_id });
        if (result.rejected.length > 0) this.logger.warn({ rejected: result.rejected.length, accountId: head.account_id }, 'audit events rejected by the event store');
        from = batch[batch.length - 1]!.seq;
        await db.insertInto('event_audit_checkpoints').values({ account_id: head.account_id, seq: from }).onConflict((oc) => oc.column('account_id').doUpdateSet({ seq: from })).execute();
        sent += batch.length;
        this.sources[fromMemory ? 'memory' : 'trail'] += batch.length;
      }
    }
    return sent;
  }

  start(intervalMs: number): void {
    this.deadline = Infinity;
    this.timer = setInterval(() => {
      this.forwardOnce().catch((e: unknown) => this.logger.warn({ err: e }, 'audit forwarding failed; will retry'));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer, then forwards what is still behind (batch by batch, within `budgetMs`). */
  async stop(budgetMs = STOP_FORWARD_BUDGET_MS): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    this.deadline = Date.now() + budgetMs;
    await this.forwardOnce().catch((e: unknown) => this.logger.warn({ err: e }, 'audit forwarding at shutdown failed; it resumes at the next start'));
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.handedOver.clear();
    this.held = 0;
  }
}
