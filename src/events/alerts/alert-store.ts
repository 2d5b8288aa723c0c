import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import type { Storage } from '../../storage/database.js';
import type { FieldValue } from '../event.js';
import { compileRule, type RuleDefinition } from './rule-definition.js';
import type { EventsTables } from './tables.js';

export type AlertStatus = 'open' | 'acknowledged' | 'closed';

export interface Rule {
  id: string;
  accountId: string | null;
  name: string;
  kind: RuleDefinition['kind'];
  definition: RuleDefinition;
  enabled: boolean;
  severity: number;
}

/** An alert a rule evaluation wants to raise. */
export interface AlertDraft {
  title: string;
  severity: number;
  group: Readonly<Record<string, FieldValue | null>>;
  count: number;
  first: number;
  last: number;
  /** identity of this occurrence (e.g. rule + group + window): the same draft is never stored twice */
  occurrence: string;
}

export interface Alert {
  id: string;
  accountId: string | null;
  ruleId: string;
  status: AlertStatus;
  severity: number;
  title: string;
  group: Record<string, FieldValue | null>;
  count: number;
  first: number;
  last: number;
  created: number;
  updated: number;
}

export interface LearnedValue {
  hash: string;
  value: unknown;
  firstSeen: number;
}

export function hashKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export type AlertRow = EventsTables['event_alerts'];

/** An alert as its row stores it. */
export function toAlert(r: AlertRow): Alert {
  return {
    id: r.alert_id,
    accountId: r.account_id,
    ruleId: r.rule_id,
    status: r.status as AlertStatus,
    severity: r.severity,
    title: r.title,
    group: JSON.parse(r.group_json) as Record<string, FieldValue | null>,
    count: Number(r.event_count),
    first: Number(r.first_ms),
    last: Number(r.last_ms),
    created: Number(r.created_ms),
    updated: Number(r.updated_ms),
  };
}

/** Rules, rule state and alerts in control-plane storage (SQLite or PostgreSQL, via Kysely). */
export class AlertStore {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  private db(): Kysely<EventsTables> {
    return this.storage.db<EventsTables>();
  }

  async createRule(input: { name: string; accountId?: string | null; definition: unknown; severity?: number; enabled?: boolean }): Promise<Rule> {
    compileRule(input.name, input.definition); // validates (throws a coded error naming the field)
    const definition = input.definition as RuleDefinition;
    const rule: Rule = { id: `rule-${randomUUID()}`, accountId: input.accountId ?? null, name: input.name, kind: definition.kind, definition, enabled: input.enabled ?? true, severity: input.severity ?? 50 };
    await this.db()
      .insertInto('event_rules')
      .values({ rule_id: rule.id, account_id: rule.accountId, name: rule.name, kind: rule.kind, definition: JSON.stringify(definition), enabled: rule.enabled ? 1 : 0, severity: rule.severity, created_at: new Date(this.now()).toISOString() })
      .execute();
    return rule;
  }

  async listRules(onlyEnabled = false): Promise<Rule[]> {
    let q = this.db().selectFrom('event_rules').selectAll().orderBy('created_at');
    if (onlyEnabled) q = q.where('enabled', '=', 1);
    const rows = await q.execute();
    return rows.map((r) => ({ id: r.rule_id, accountId: r.account_id, name: r.name, kind: r.kind as Rule['kind'], definition: JSON.parse(r.definition) as RuleDefinition, enabled: r.enabled === 1, severity: r.severity }));
  }

  async setRuleEnabled(ruleId: string, enabled: boolean): Promise<void> {
    const r = await this.db().updateTable('event_rules').set({ enabled: enabled ? 1 : 0 }).where('rule_id', '=', ruleId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new BulwarkError('Events.RuleNotFound', { rule: ruleId });
  }

  async checkpoint(ruleId: string): Promise<number | undefined> {
    const row = await this.db().selectFrom('event_rule_state').select('checkpoint_ms').where('rule_id', '=', ruleId).executeTakeFirst();
    return row ? Number(row.checkpoint_ms) : undefined;
  }

  /** Which of these value hashes the rule has already seen. */
  async knownValues(ruleId: string, hashes: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (let i = 0; i < hashes.length; i += 500) {
      const chunk = hashes.slice(i, i + 500);
      const rows = await this.db().selectFrom('event_rule_values').select('value_hash').where('rule_id', '=', ruleId).where('value_hash', 'in', chunk).execute();
      rows.forEach((r) => known.add(r.value_hash));
    }
    return known;
  }

  /**
   * Stores one evaluation atomically: its alerts, learned values and the new checkpoint. If the
   * checkpoint moved meanwhile (another evaluation committed), nothing is written. An alert with
   * the same occurrence is never stored twice; one for a group that already has an open alert is
   * folded into it (count and last seen), so a noisy source yields one alert, not a flood.
   */
  async commitEvaluation(rule: Rule, expected: number | undefined, next: number, drafts: readonly AlertDraft[], values: readonly LearnedValue[]): Promise<{ committed: boolean; raised: number; folded: number }> {
    return this.storage.transaction(async (trx) => {
      const db = trx as Kysely<EventsTables>;
      const current = await db.selectFrom('event_rule_state').select('checkpoint_ms').where('rule_id', '=', rule.id).executeTakeFirst();
      const currentValue = current ? Number(current.checkpoint_ms) : undefined;
      if (currentValue !== expected) return { committed: false, raised: 0, folded: 0 };
      let raised = 0;
      let folded = 0;
      const now = this.now();
      for (const d of drafts) {
        const dedupeKey = hashKey([rule.id, d.occurrence]);
        const seen = await db.selectFrom('event_alerts').select('alert_id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
        if (seen) continue;
        const groupJson = JSON.stringify(d.group);
        const open = await db.selectFrom('event_alerts').select(['alert_id', 'event_count', 'last_ms']).where('rule_id', '=', rule.id).where('group_json', '=', groupJson).where('status', '!=', 'closed').executeTakeFirst();
        if (open) {
          await db
            .updateTable('event_alerts')
            .set({ event_count: Number(open.event_count) + d.count, last_ms: Math.max(Number(open.last_ms), d.last), updated_ms: now })
            .where('alert_id', '=', open.alert_id)
            .execute();
          folded++;
          continue;
        }
        await db
          .insertInto('event_alerts')
          .values({ alert_id: `alert-${randomUUID()}`, account_id: rule.accountId, rule_id: rule.id, dedupe_key: dedupeKey, status: 'open', severity: d.severity, title: d.title.slice(0, 512), group_json: groupJson, event_count: d.count, first_ms: d.first, last_ms: d.last, created_ms: now, updated_ms: now, notified: 0 })
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .execute();
        raised++;
      }
      for (const v of values) {
        await db
          .insertInto('event_rule_values')
          .values({ rule_id: rule.id, value_hash: v.hash, value_json: JSON.stringify(v.value), first_seen_ms: v.firstSeen })
          .onConflict((oc) => oc.columns(['rule_id', 'value_hash']).doNothing())
          .execute();
      }
      await db
        .insertInto('event_rule_state')
        .values({ rule_id: rule.id, checkpoint_ms: next })
        .onConflict((oc) => oc.column('rule_id').doUpdateSet({ checkpoint_ms: next }))
        .execute();
      return { committed: true, raised, folded };
    });
  }

  async listAlerts(filter: { accountId?: string; status?: AlertStatus; ruleId?: string; limit?: number } = {}): Promise<Alert[]> {
    let q = this.db().selectFrom('event_alerts').selectAll();
    if (filter.accountId !== undefined) q = q.where('account_id', '=', filter.accountId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.ruleId) q = q.where('rule_id', '=', filter.ruleId);
    const rows = await q.orderBy('created_ms', 'desc').orderBy('alert_id').limit(filter.limit ?? 100).execute();
    return rows.map(toAlert);
  }

  private async setStatus(alertId: string, status: AlertStatus, from: readonly AlertStatus[], accountId: string | undefined): Promise<Alert> {
    const db = this.db();
    const row = await db.selectFrom('event_alerts').selectAll().where('alert_id', '=', alertId).executeTakeFirst();
    // another account's alert is reported as absent, not as forbidden
    if (!row || (accountId !== undefined && row.account_id !== accountId)) throw new BulwarkError('Events.AlertNotFound', { alert: alertId });
    if (!from.includes(row.status as AlertStatus)) return toAlert(row);
    await db.updateTable('event_alerts').set({ status, updated_ms: this.now() }).where('alert_id', '=', alertId).execute();
    return { ...toAlert(row), status };
  }

  /** With `accountId`, only that account's alert can be changed. */
  acknowledge(alertId: string, accountId?: string): Promise<Alert> {
    return this.setStatus(alertId, 'acknowledged', ['open'], accountId);
  }

  close(alertId: string, accountId?: string): Promise<Alert> {
    return this.setStatus(alertId, 'closed', ['open', 'acknowledged'], accountId);
  }

  /** Alerts not yet handed to the notifier (outbox). */
  async pendingNotifications(limit = 100): Promise<Alert[]> {
    const rows = await this.db().selectFrom('event_alerts').selectAll().where('notified', '=', 0).orderBy('created_ms').limit(limit).execute();
    return rows.map(toAlert);
  }

  async markNotified(alertIds: readonly string[]): Promise<void> {
    if (alertIds.length === 0) return;
    await this.db().updateTable('event_alerts').set({ notified: 1 }).where('alert_id', 'in', [...alertIds]).execute();
  }
}

/** An alert raised by Bulwark itself (not by a rule), e.g. a leaked credential. */
export interface SystemAlertDraft {
  accountId: string;
  /** stable id of the producer, e.g. `system:leaked-credentials` */
  source: string;
  /** alerts with the same key are stored once */
  dedupeKey: string;
  severity: number;
  title: string;
  group: Record<string, FieldValue | null>;
}

/**
 * Stores a system alert inside the caller's transaction (so it commits with the change it reports);
 * it then appears in alert lists and goes out through the notification channels like any other.
 */
export async function raiseSystemAlert(trx: Kysely<unknown>, draft: SystemAlertDraft, nowMs: number): Promise<string> {
  const db = trx as Kysely<EventsTables>;
  const alertId = `alert-${randomUUID()}`;
  await db
    .insertInto('event_alerts')
    .values({ alert_id: alertId, account_id: draft.accountId, rule_id: draft.source, dedupe_key: hashKey([draft.source, draft.dedupeKey]), status: 'open', severity: draft.severity, title: draft.title.slice(0, 512), group_json: JSON.stringify(draft.group), event_count: 1, first_ms: nowMs, last_ms: nowMs, created_ms: nowMs, updated_ms: nowMs, notified: 0 })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
  return alertId;
}
