import type { Kysely } from 'kysely';
import type { EventsTables } from '../../events/alerts/tables.js';
import type { AlertState, Section } from './snapshot.js';

/** Unresolved (open or acknowledged) alerts of the account, newest first (as the alert list shows them). */
export async function readAlerts(db: Kysely<EventsTables>, accountId: string): Promise<Section<AlertState>> {
  const rows = await db
    .selectFrom('event_alerts')
    .select(['alert_id', 'title', 'severity', 'status', 'rule_id', 'created_ms'])
    .where('status', '!=', 'closed')
    // only the account's own: alerts of account-less rules may stem from other accounts' events
    .where('account_id', '=', accountId)
    .orderBy('created_ms', 'desc')
    .orderBy('alert_id')
    .limit(10_000)
    .execute();
  return {
    available: true,
    source: 'event_alerts',
    items: rows.map((r) => ({ id: r.alert_id, title: r.title, severity: Number(r.severity), status: r.status, ruleId: r.rule_id, createdAt: new Date(Number(r.created_ms)).toISOString() })),
  };
}
