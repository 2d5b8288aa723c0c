import type { Kysely } from 'kysely';
import type { AlertStatus } from '../../events/alerts/alert-store.js';
import type { EventsTables } from '../../events/alerts/tables.js';
import type { DashboardRange } from './range.js';

export type AlertBand = 'critical' | 'high' | 'medium' | 'low';
export const ALERT_BANDS: readonly AlertBand[] = ['critical', 'high', 'medium', 'low'];
const STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed'];

/** Numeric severity (0–100) to a band, as Elastic's risk scores: 74+, 48+, 22+, below. */
export function alertBand(severity: number): AlertBand {
  if (severity >= 74) return 'critical';
  if (severity >= 48) return 'high';
  if (severity >= 22) return 'medium';
  return 'low';
}

export interface AlertsSection {
  /** open or acknowledged now, whenever raised */
  unresolved: number;
  /** alerts raised in the range, per severity band and status */
  bySeverity: Array<{ severity: AlertBand } & Record<AlertStatus, number>>;
}

/** Alerts of the account by severity band and status. */
export async function alertsSection(db: Kysely<EventsTables>, accountId: string, range: DashboardRange): Promise<AlertsSection> {
  // Only the account's own alerts, as the alert list shows them: alerts of account-less rules may
  // stem from other accounts' events, so not even their counts are shown to a tenant.
  const mine = db.selectFrom('event_alerts').where('account_id', '=', accountId);
  const [inRange, unresolved] = await Promise.all([
    mine
      .select((eb) => ['severity', 'status', eb.fn.countAll<number | string>().as('n')])
      .where('created_ms', '>=', range.from)
      .where('created_ms', '<', range.to)
      .groupBy(['severity', 'status'])
      .execute(),
    mine.select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '!=', 'closed').executeTakeFirst(),
  ]);
  const bands = new Map(ALERT_BANDS.map((b) => [b, Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<AlertStatus, number>]));
  for (const r of inRange) {
    const status = (STATUSES as readonly string[]).includes(r.status) ? (r.status as AlertStatus) : 'open';
    (bands.get(alertBand(Number(r.severity))) as Record<AlertStatus, number>)[status] += Number(r.n);
  }
  return { unresolved: Number(unresolved?.n ?? 0), bySeverity: ALERT_BANDS.map((severity) => ({ severity, ...(bands.get(severity) as Record<AlertStatus, number>) })) };
}
