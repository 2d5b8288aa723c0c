import type { Kysely } from 'kysely';
import type { VulnTables } from '../../agent/vuln/tables.js';
import type { Clock } from '../../core/clock.js';
import { LIST_ALERTS_ACTION } from '../../events/alert-routes.js';
import type { EventsTables } from '../../events/alerts/tables.js';
import { SEARCH_EVENTS_ACTION } from '../../events/paths.js';
import type { EventStore } from '../../events/store/event-store.js';
import { LIST_HOSTS_ACTION } from '../../hosts/api.js';
import type { HostsTables } from '../../hosts/tables.js';
import { LIST_HOST_VULNERABILITIES_ACTION, hostResource } from '../../agent/vuln/paths.js';
import type { Authorizer } from '../../iam/authorizer.js';
import type { Caller } from '../../iam/caller.js';
import { GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_RESOURCE } from '../../posture/report-service.js';
import type { Storage } from '../../storage/database.js';
import { alertsSection, type AlertsSection } from './alerts.js';
import { hostsSection, vulnerabilitySection, type HostsSection, type VulnerabilitySection } from './hosts.js';
import { postureSection, type PostureScore } from './posture.js';
import { resolveRange, type DashboardInput } from './range.js';
import { trafficSection, type TrafficSection } from './traffic.js';

/**
 * The security overview of one account for a time range. A section is null when the caller may not
 * read what it summarises (the same RAM action as the page that lists it), so the dashboard never
 * shows more than its reader could look up one by one.
 */
export interface Dashboard {
  range: { from: string; to: string; intervalMs: number };
  traffic: TrafficSection | null;
  hosts: HostsSection | null;
  vulnerabilities: VulnerabilitySection | null;
  alerts: AlertsSection | null;
  posture: PostureScore[] | null;
}

/** Which read each section needs (action, resource). */
export const SECTION_PERMISSIONS = {
  traffic: [SEARCH_EVENTS_ACTION, 'acs:bulwark:*:*:events/search'],
  hosts: [LIST_HOSTS_ACTION, 'acs:bulwark:*:*:host/*'],
  vulnerabilities: [LIST_HOST_VULNERABILITIES_ACTION, hostResource('*')],
  alerts: [LIST_ALERTS_ACTION, 'acs:bulwark:*:*:events/alert/*'],
  posture: [GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_RESOURCE],
} as const;

export interface DashboardDeps {
  storage: Storage;
  clock: Clock;
  events: EventStore;
  authorizer: Pick<Authorizer, 'authorize'>;
}

/** Builds the dashboard (reads only). */
export async function buildDashboard(deps: DashboardDeps, caller: Caller, input: DashboardInput): Promise<Dashboard> {
  const now = deps.clock.now().getTime();
  const range = resolveRange(input, now);
  const may = async (section: keyof typeof SECTION_PERMISSIONS): Promise<boolean> => {
    const [action, resource] = SECTION_PERMISSIONS[section];
    return (await deps.authorizer.authorize(caller, { action, resource })).allowed;
  };
  const { accountId } = caller;
  const db = <T>() => deps.storage.db<T>() as Kysely<T>;
  const [traffic, hosts, vulnerabilities, alerts, posture] = await Promise.all([
    // the event store answers one query at a time: its section runs alone, beside the SQL ones
    (await may('traffic')) ? trafficSection(deps.events, accountId, range, input.top) : null,
    (await may('hosts')) ? hostsSection(db<HostsTables & VulnTables>(), accountId, now) : null,
    (await may('vulnerabilities')) ? vulnerabilitySection(db<VulnTables>(), accountId) : null,
    (await may('alerts')) ? alertsSection(db<EventsTables>(), accountId, range) : null,
    (await may('posture')) ? postureSection(deps.storage, deps.clock, accountId) : null,
  ]);
  return { range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), intervalMs: range.intervalMs }, traffic, hosts, vulnerabilities, alerts, posture };
}
