import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import { callerWrite, type Caller } from '../../iam/caller.js';
import type { Platform } from '../../server/platform.js';
import { toDocument, type FieldValue } from '../event.js';
import { literal, type Expr } from '../query/ast.js';
import { resolveField } from '../query/parser.js';
import type { EventStore } from '../store/event-store.js';
import { toAlert, type Alert, type AlertRow as Row, type AlertStatus } from './alert-store.js';
import { compileRule, type RuleDefinition } from './rule-definition.js';
import type { EventsTables } from './tables.js';

export const SEVERITY_LABELS = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type SeverityLabel = (typeof SEVERITY_LABELS)[number];

/** The severity range of a label (same bands as the notification messages). */
const BANDS: Readonly<Record<SeverityLabel, readonly [number, number]>> = { critical: [90, 1000], high: [70, 89], medium: [40, 69], low: [20, 39], info: [0, 19] };

export interface AlertFilter {
  status?: AlertStatus | undefined;
  severity?: SeverityLabel | undefined;
  ruleId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Where to look in the event search for an alert's events. */
export interface AlertQuery {
  /** the search-language query: the rule's query (threshold, new value) and the alert's group */
  text: string;
  /** false for Sigma rules: their detection has no search-language form, the link narrows to the group only */
  exact: boolean;
  from: string;
  /** exclusive */
  to: string;
}

export interface AlertDetail {
  alert: Alert;
  rule: { id: string; name: string; kind: string; definition: RuleDefinition } | null;
  query: AlertQuery;
  /** up to `size` of the events that raised it (newest first) */
  events: Array<Record<string, unknown>>;
  /** matching events in the alert's time span */
  total: number;
}

/** A value as the search language writes it: bare when plain, else quoted with `\"` and `\\` escaped. */
export function kqlValue(v: FieldValue): string {
  const text = String(v);
  if (/^[A-Za-z0-9_.:@-]+$/.test(text) && !/^(and|or|not|to)$/i.test(text)) return text;
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function groupKql(group: Record<string, FieldValue | null>): string[] {
  return Object.entries(group).map(([field, v]) => (v === null ? `NOT _exists_:${field}` : `${field}:${kqlValue(v)}`));
}

function groupExpr(group: Record<string, FieldValue | null>): Expr[] {
  return Object.entries(group).map(([name, v]): Expr => {
    const field = resolveField(name, 0);
    return v === null ? { kind: 'not', item: { kind: 'exists', field, column: 0 } } : { kind: 'term', field, pattern: literal(String(v)), caseInsensitive: false, column: 0 };
  });
}

const ACCOUNT = (accountId: string): Expr => ({ kind: 'term', field: { kind: 'schema', name: 'cloud.account.id' }, pattern: literal(accountId), caseInsensitive: false, column: 0 });

/**
 * Alerts of each account (transport-free): filtered lists, a detail with the events that raised the
 * alert and the query to see them, and acknowledge / close, audited in the same transaction.
 */
export class AlertService {
  constructor(
    private readonly platform: Pick<Platform, 'storage' | 'audit' | 'clock'>,
    private readonly events: EventStore,
  ) {}

  private db(): Kysely<EventsTables> {
    return this.platform.storage.db<EventsTables>();
  }

  async list(accountId: string, filter: AlertFilter = {}): Promise<{ alerts: Alert[]; total: number }> {
    let q = this.db().selectFrom('event_alerts').where('account_id', '=', accountId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.ruleId) q = q.where('rule_id', '=', filter.ruleId);
    if (filter.severity) {
      const [lo, hi] = BANDS[filter.severity];
      q = q.where('severity', '>=', lo).where('severity', '<=', hi);
    }
    const count = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('created_ms', 'desc').orderBy('alert_id').limit(filter.limit ?? 50).offset(filter.offset ?? 0).execute();
    return { alerts: rows.map(toAlert), total: Number(count?.n ?? 0) };
  }

  private async row(db: Kysely<EventsTables>, accountId: string, alertId: string): Promise<Row> {
    const r = await db.selectFrom('event_alerts').selectAll().where('alert_id', '=', alertId).where('account_id', '=', accountId).executeTakeFirst();
    // another account's alert is reported as absent, not as forbidden
    if (!r) throw new BulwarkError('Events.AlertNotFound', { alert: alertId });
    return r;
  }

  async detail(accountId: string, alertId: string, size = 20): Promise<AlertDetail> {
    const alert = toAlert(await this.row(this.db(), accountId, alertId));
    const ruleRow = await this.db().selectFrom('event_rules').selectAll().where('rule_id', '=', alert.ruleId).where('account_id', '=', accountId).executeTakeFirst();
    const rule = ruleRow ? { id: ruleRow.rule_id, name: ruleRow.name, kind: ruleRow.kind, definition: JSON.parse(ruleRow.definition) as RuleDefinition } : null;
    const from = alert.first;
    const to = alert.last + 1;
    const terms = groupKql(alert.group);
    const filters = groupExpr(alert.group);
    let ruleExpr: Expr | undefined;
    let ruleQuery = '';
    let exact = true;
    if (rule) {
      try {
        ruleExpr = compileRule(rule.name, rule.definition).expr;
      } catch {
        ruleExpr = undefined; // a rule stored before a stricter parser: show the group's events
      }
      if (rule.definition.kind === 'sigma') exact = false;
      else if (rule.definition.query.trim() !== '') ruleQuery = `(${rule.definition.query})`;
    } else exact = false;
    const text = [ruleQuery, ...terms].filter((x) => x !== '').join(' AND ');
    const result = await this.events.search({ query: { kind: 'and', items: [...(ruleExpr ? [ruleExpr] : []), ...filters, ACCOUNT(accountId)] }, from, to, size });
    return {
      alert,
      rule,
      query: { text, exact, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      events: result.events.map(toDocument),
      total: result.total,
    };
  }

  /** Acknowledges or closes an alert (open → acknowledged → closed); a repeat changes nothing. */
  async setStatus(caller: Caller, alertId: string, status: 'acknowledged' | 'closed'): Promise<Alert> {
    const from: readonly AlertStatus[] = status === 'acknowledged' ? ['open'] : ['open', 'acknowledged'];
    return this.platform.storage.transaction(async (trx) => {
      const db = trx as Kysely<EventsTables>;
      const r = await this.row(db, caller.accountId, alertId);
      const alert = toAlert(r);
      if (!from.includes(alert.status)) return alert;
      const now = this.platform.clock.now().getTime();
      await db.updateTable('event_alerts').set({ status, updated_ms: now }).where('alert_id', '=', alertId).where('status', '=', r.status).execute();
      await this.platform.audit.append(trx, callerWrite(caller, 'events', status === 'acknowledged' ? 'AcknowledgeEventAlert' : 'CloseEventAlert', { alertId, ruleId: alert.ruleId, previousStatus: alert.status }));
      return { ...alert, status, updated: now };
    });
  }
}
