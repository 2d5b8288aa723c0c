import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import { callerWrite, type Caller } from '../iam/caller.js';
import type { Platform } from '../server/platform.js';
import { RevisionSignal } from '../sites/revision-signal.js';
import { normalizeTarget, targetContains } from './target.js';
import { reputationSettings, type ReputationSettings } from './settings.js';
import type { ReputationTables } from './tables.js';

export type DecisionAction = 'ban' | 'challenge' | 'log';

export interface Decision {
  id: string;
  value: string;
  scope: 'Ip' | 'Range';
  action: DecisionAction;
  origin: string;
  scenario: string;
  evidence: unknown;
  createdAt: number;
  until: number;
  deletedAt: number | null;
}

export interface NewDecision {
  value: string;
  action: DecisionAction;
  origin: 'bulwark' | 'manual' | 'import';
  scenario: string;
  evidence: unknown;
  /** ban length in ms; for `bulwark` bans it grows with repeat offences */
  durationMs: number;
}

type Row = ReputationTables['reputation_decisions'];

const toDecision = (r: Row): Decision => ({
  id: r.id,
  value: r.value,
  scope: r.scope,
  action: r.action,
  origin: r.origin,
  scenario: r.scenario,
  evidence: JSON.parse(r.evidence) as unknown,
  createdAt: Number(r.created_ms),
  until: Number(r.until_ms),
  deletedAt: r.deleted_ms === null ? null : Number(r.deleted_ms),
});

export const hashBouncerKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Decisions, allowlists, repeat offences and CrowdSec bouncer keys (transport-free). Every change
 * bumps the account's revision (the ETag gateways long-poll on) inside the transaction that audits it.
 */
export class DecisionStore {
  readonly changes = new RevisionSignal();

  constructor(private readonly platform: Pick<Platform, 'storage' | 'audit' | 'clock'>) {}

  private db(): Kysely<ReputationTables> {
    return this.platform.storage.db<ReputationTables>() as Kysely<ReputationTables>;
  }

  private now(): number {
    return this.platform.clock.now().getTime();
  }

  async revision(accountId: string): Promise<number> {
    const row = await this.db().selectFrom('reputation_revisions').select('revision').where('account_id', '=', accountId).executeTakeFirst();
    return row ? Number(row.revision) : 0;
  }

  private async bump(db: Kysely<ReputationTables>, accountId: string): Promise<number> {
    await db.insertInto('reputation_revisions').values({ account_id: accountId, revision: 0 }).onConflict((oc) => oc.column('account_id').doNothing()).execute();
    const row = await db.updateTable('reputation_revisions').set({ revision: sql<number>`revision + 1` }).where('account_id', '=', accountId).returning('revision').executeTakeFirstOrThrow();
    return Number(row.revision);
  }

  async settings(accountId: string): Promise<ReputationSettings> {
    const row = await this.db().selectFrom('reputation_settings').select('document').where('account_id', '=', accountId).executeTakeFirst();
    const parsed = reputationSettings.safeParse(row ? JSON.parse(row.document) : {});
    // A hand-edited, unreadable document falls back to the defaults.
    return parsed.success ? parsed.data : reputationSettings.parse({});
  }

  async setSettings(caller: Caller, input: unknown): Promise<ReputationSettings> {
    const r = reputationSettings.safeParse(input);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new BulwarkError('InvalidParameter', { field: ['settings', ...issue.path.map(String)].join('.'), reason: issue.message });
    }
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ReputationTables>;
      const document = JSON.stringify(r.data);
      await db.insertInto('reputation_settings').values({ account_id: caller.accountId, document, updated_ms: this.now() }).onConflict((oc) => oc.column('account_id').doUpdateSet({ document, updated_ms: this.now() })).execute();
      await this.audit(trx, caller, 'SetReputationSettings', { settings: r.data });
    });
    return r.data;
  }

  /** Active decisions (not deleted, not expired), optionally only those covering `ip`. */
  async active(accountId: string, now = this.now()): Promise<Decision[]> {
    const rows = await this.db().selectFrom('reputation_decisions').selectAll().where('account_id', '=', accountId).where('deleted_ms', 'is', null).where('until_ms', '>', now).orderBy('created_ms').execute();
    return rows.map(toDecision);
  }

  async history(accountId: string, value: string, limit = 50): Promise<Decision[]> {
    const rows = await this.db().selectFrom('reputation_decisions').selectAll().where('account_id', '=', accountId).where('value', '=', value).orderBy('created_ms', 'desc').limit(limit).execute();
    return rows.map(toDecision);
  }

  /** Allowlisted entries of the account. */
  async allowlist(accountId: string): Promise<Array<{ value: string; comment: string }>> {
    return this.db().selectFrom('reputation_allowlist').select(['value', 'comment']).where('account_id', '=', accountId).orderBy('value').execute();
  }

  async isAllowlisted(accountId: string, ip: string): Promise<boolean> {
    return (await this.allowlist(accountId)).some((a) => targetContains(a.value, ip));
  }

  /**
   * Records a decision (unless allowlisted, or an active decision of the same action already covers
   * it); `bulwark` bans grow with the address's offences. Returns undefined when nothing was decided.
   */
  async decide(caller: Caller, input: NewDecision): Promise<Decision | undefined> {
    const target = normalizeTarget(input.value);
    if (await this.isAllowlisted(caller.accountId, target.value)) {
      if (input.origin === 'bulwark') return undefined;
      throw new BulwarkError('Reputation.Allowlisted', { value: target.value });
    }
    const now = this.now();
    // Read outside the transaction: the embedded store has one connection, held by the transaction.
    const settings = input.origin === 'bulwark' ? await this.settings(caller.accountId) : undefined;
    const decision = await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ReputationTables>;
      const covering = await db.selectFrom('reputation_decisions').select(['value']).where('account_id', '=', caller.accountId).where('action', '=', input.action).where('deleted_ms', 'is', null).where('until_ms', '>', now).execute();
      if (covering.some((c) => targetContains(c.value, target.value))) return undefined;
      let durationMs = input.durationMs;
      if (settings && input.action === 'ban') {
        const off = await db.selectFrom('reputation_offenses').select('count').where('account_id', '=', caller.accountId).where('ip', '=', target.value).executeTakeFirst();
        const count = off ? Number(off.count) : 0;
        durationMs = Math.min(settings.maxBanSeconds * 1000, settings.banSeconds * 1000 * settings.repeatFactor ** count);
        await db.insertInto('reputation_offenses').values({ account_id: caller.accountId, ip: target.value, count: 1, last_ms: now }).onConflict((oc) => oc.columns(['account_id', 'ip']).doUpdateSet({ count: sql<number>`reputation_offenses.count + 1`, last_ms: now })).execute();
      }
      const row: Row = { id: randomUUID(), account_id: caller.accountId, value: target.value, scope: target.scope, action: input.action, origin: input.origin, scenario: input.scenario, evidence: JSON.stringify(input.evidence), created_ms: now, until_ms: now + durationMs, deleted_ms: null };
      await db.insertInto('reputation_decisions').values(row).execute();
      await this.bump(db, caller.accountId);
      await this.audit(trx, caller, 'CreateReputationDecision', { value: row.value, action: row.action, origin: row.origin, scenario: row.scenario, durationSeconds: Math.round(durationMs / 1000) });
      return toDecision(row);
    });
    if (decision) this.changes.notify(caller.accountId, 0);
    return decision;
  }

  /** Ends every active decision covering exactly `value`; returns how many. */
  async unban(caller: Caller, value: string): Promise<number> {
    const target = normalizeTarget(value);
    const now = this.now();
    const n = await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ReputationTables>;
      const r = await db.updateTable('reputation_decisions').set({ deleted_ms: now }).where('account_id', '=', caller.accountId).where('value', '=', target.value).where('deleted_ms', 'is', null).where('until_ms', '>', now).executeTakeFirst();
      const count = Number(r.numUpdatedRows);
      if (count > 0) {
        await this.bump(db, caller.accountId);
        await this.audit(trx, caller, 'DeleteReputationDecision', { value: target.value, decisions: count });
      }
      return count;
    });
    if (n > 0) this.changes.notify(caller.accountId, 0);
    return n;
  }

  async addAllowlist(caller: Caller, value: string, comment: string): Promise<void> {
    const target = normalizeTarget(value);
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ReputationTables>;
      await db.insertInto('reputation_allowlist').values({ account_id: caller.accountId, value: target.value, comment, created_ms: this.now() }).onConflict((oc) => oc.columns(['account_id', 'value']).doUpdateSet({ comment })).execute();
      await this.audit(trx, caller, 'AddReputationAllowlist', { value: target.value, comment });
    });
    // An allowlisted address that is banned is released at once.
    const banned = (await this.active(caller.accountId)).filter((d) => targetContains(target.value, d.value));
    for (const d of banned) await this.unban(caller, d.value);
  }

  async removeAllowlist(caller: Caller, value: string): Promise<boolean> {
    const target = normalizeTarget(value);
    return this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ReputationTables>;
      const r = await db.deleteFrom('reputation_allowlist').where('account_id', '=', caller.accountId).where('value', '=', target.value).executeTakeFirst();
      const removed = Number(r.numDeletedRows) > 0;
      if (removed) await this.audit(trx, caller, 'RemoveReputationAllowlist', { value: target.value });
      return removed;
    });
  }

  /**
   * Marks decisions whose time is up as deleted (so streams report them) and bumps the revision of
   * each account that had one: gateways then drop the expired bans.
   */
  async expire(now = this.now()): Promise<string[]> {
    const accounts = await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ReputationTables>;
      const due = await db.selectFrom('reputation_decisions').select(['id', 'account_id', 'until_ms']).where('deleted_ms', 'is', null).where('until_ms', '<=', now).execute();
      const touched = new Set<string>();
      for (const d of due) {
        await db.updateTable('reputation_decisions').set({ deleted_ms: Number(d.until_ms) }).where('id', '=', d.id).execute();
        touched.add(d.account_id);
      }
      for (const a of touched) await this.bump(db, a);
      return [...touched];
    });
    for (const a of accounts) this.changes.notify(a, 0);
    return accounts;
  }

  /** Creates a CrowdSec bouncer API key (returned once; stored hashed). */
  async createBouncer(caller: Caller, name: string): Promise<string> {
    const key = randomBytes(24).toString('hex');
    await this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<ReputationTables>;
      const exists = await db.selectFrom('reputation_bouncers').select('name').where('account_id', '=', caller.accountId).where('name', '=', name).executeTakeFirst();
      if (exists) throw new BulwarkError('Reputation.BouncerExists', { name });
      await db.insertInto('reputation_bouncers').values({ key_hash: hashBouncerKey(key), account_id: caller.accountId, name, created_ms: this.now(), last_pull_ms: null }).execute();
      await this.audit(trx, caller, 'CreateReputationBouncer', { name });
    });
    return key;
  }

  async bouncerByKey(key: string): Promise<ReputationTables['reputation_bouncers'] | undefined> {
    return this.db().selectFrom('reputation_bouncers').selectAll().where('key_hash', '=', hashBouncerKey(key)).executeTakeFirst();
  }

  /**
   * The CrowdSec stream for a bouncer: with `startup`, every active decision is new; otherwise the
   * decisions created since its last pull are new and those ended since then are deleted.
   */
  async stream(bouncer: ReputationTables['reputation_bouncers'], startup: boolean): Promise<{ new: Decision[]; deleted: Decision[] }> {
    const now = this.now();
    const since = startup || bouncer.last_pull_ms === null ? undefined : Number(bouncer.last_pull_ms);
    const db = this.db();
    await this.expire(now);
    let fresh = db.selectFrom('reputation_decisions').selectAll().where('account_id', '=', bouncer.account_id).where('deleted_ms', 'is', null).where('until_ms', '>', now);
    if (since !== undefined) fresh = fresh.where('created_ms', '>', since);
    const created = (await fresh.where('created_ms', '<=', now).orderBy('created_ms').execute()).map(toDecision);
    const ended =
      since === undefined
        ? []
        : (await db.selectFrom('reputation_decisions').selectAll().where('account_id', '=', bouncer.account_id).where('deleted_ms', '>', since).where('deleted_ms', '<=', now).where('created_ms', '<=', since).orderBy('deleted_ms').execute()).map(toDecision);
    await db.updateTable('reputation_bouncers').set({ last_pull_ms: now }).where('key_hash', '=', bouncer.key_hash).execute();
    return { new: created, deleted: ended };
  }

  private audit(trx: Kysely<unknown>, caller: Caller, eventName: string, requestParameters: Record<string, unknown>): Promise<unknown> {
    return this.platform.audit.append(trx, callerWrite(caller, 'reputation', eventName, requestParameters));
  }
}
