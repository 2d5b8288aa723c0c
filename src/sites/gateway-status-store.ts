import type { Kysely } from 'kysely';
import type { Platform } from '../server/platform.js';
import type { GatewayStatusReport, GatewayView } from './gateway-status.js';
import { GATEWAY_REPORT_INTERVAL_SECONDS } from './paths.js';
import type { SitesTables } from './tables.js';

/** A gateway is online while its last report is at most this old. */
export const ONLINE_WINDOW_MS = 3 * GATEWAY_REPORT_INTERVAL_SECONDS * 1000;
/** Reports older than this are forgotten (a gateway that restarts reports under a new id). */
export const FORGET_AFTER_MS = 7 * 24 * 3600 * 1000;

/**
 * The latest status report of each managed gateway, per account. Reports are telemetry, not state
 * changes: a gateway sends one every 15 s, so they are stored (replacing the previous one) without an
 * audit record — auditing them would bury the trail's real changes under a row per gateway per 15 s.
 */
export class GatewayStatusStore {
  constructor(private readonly platform: Pick<Platform, 'storage' | 'clock'>) {}

  private db(): Kysely<SitesTables> {
    return this.platform.storage.db<SitesTables>() as Kysely<SitesTables>;
  }

  async report(accountId: string, report: GatewayStatusReport): Promise<{ gatewayId: string; lastSeen: string }> {
    const now = this.platform.clock.now();
    const lastSeen = now.toISOString();
    const document = JSON.stringify(report);
    await this.db()
      .insertInto('gateway_status')
      .values({ account_id: accountId, gateway_id: report.gatewayId, report: document, last_seen: lastSeen })
      .onConflict((oc) => oc.columns(['account_id', 'gateway_id']).doUpdateSet({ report: document, last_seen: lastSeen }))
      .execute();
    const forget = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
    await this.db().deleteFrom('gateway_status').where('account_id', '=', accountId).where('last_seen', '<', forget).execute();
    return { gatewayId: report.gatewayId, lastSeen };
  }

  /** Online gateways first, then by id. */
  async list(accountId: string): Promise<GatewayView[]> {
    const now = this.platform.clock.now().getTime();
    const rows = await this.db().selectFrom('gateway_status').selectAll().where('account_id', '=', accountId).orderBy('gateway_id').execute();
    const views = rows.map((r) => ({ ...(JSON.parse(r.report) as GatewayStatusReport), lastSeen: r.last_seen, online: now - Date.parse(r.last_seen) <= ONLINE_WINDOW_MS }));
    return views.sort((a, b) => Number(b.online) - Number(a.online));
  }
}
