import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { ALERTS_PATH, GET_ALERT_ACTION, LIST_ALERTS_ACTION, UPDATE_ALERT_ACTION } from '../events/alert-routes.js';
import { SEVERITY_LABELS, type AlertDetail } from '../events/alerts/alert-service.js';
import type { Alert } from '../events/alerts/alert-store.js';
import { callJson, formatFlag, printJson, table, withServer, type ServerFlags } from './remote.js';
import { action } from './run.js';

const STATUSES = ['open', 'acknowledged', 'closed'] as const;

/** The band of a severity, as the API filters it (critical ≥ 90, high 70–89, medium 40–69, low 20–39, info). */
function label(severity: number): string {
  if (severity >= 90) return 'critical';
  if (severity >= 70) return 'high';
  if (severity >= 40) return 'medium';
  if (severity >= 20) return 'low';
  return 'info';
}

const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** An alert as printed in JSON: the API's view plus readable times. */
const withTimes = (a: Alert) => ({ ...a, firstAt: iso(a.first), lastAt: iso(a.last) });

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new BulwarkError('InvalidParameter', { field, reason: `expected ${allowed.join(', ')}` });
  return value as T;
}

function page(value: string, field: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new BulwarkError('InvalidParameter', { field, reason: `expected an integer from ${min} to ${max}` });
  return n;
}

/** The alert, its rule, the search that shows its events and the first of them. */
function describeAlert(d: AlertDetail): string {
  const a = d.alert;
  const group = Object.entries(a.group).map(([k, v]) => `${k}=${v === null ? '(absent)' : String(v)}`).join(' ');
  const lines = [
    `${a.id}  ${a.title}`,
    `  status     ${a.status}`,
    `  severity   ${label(a.severity)} (${a.severity})`,
    `  count      ${a.count}, first ${iso(a.first)}, last ${iso(a.last)}`,
    `  group      ${group || '-'}`,
    `  rule       ${d.rule ? `${d.rule.id} "${d.rule.name}" (${d.rule.kind})` : '-'}`,
    `  search     bulwark events query '${d.query.text}' --from ${d.query.from} --to ${d.query.to}${d.query.exact ? '' : '   (group only: Sigma detections have no search form)'}`,
    '',
  ];
  const cell = (doc: Record<string, unknown>, path: string): unknown => (path in doc ? doc[path] : path.split('.').reduce<unknown>((n, p) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[p] : undefined), doc));
  const columns = ['@timestamp', 'event.action', 'host.name', 'source.ip', 'user.name', 'message'];
  return `${lines.join('\n')}\n${table(columns.map((c) => c.toUpperCase()), d.events.map((e) => columns.map((c) => cell(e, c))))}${d.events.length} of ${d.total} event(s)\n`;
}

/** `bulwark events alerts list|get|ack|close` (docs/events.md, Command line). */
export function registerAlerts(events: Command): void {
  const alerts = events.command('alerts').description('alerts raised by the rules on a server: list, detail, acknowledge, close');

  withServer(alerts.command('list').description('alerts of the account, newest first'))
    .option('--status <status>', STATUSES.join(', '))
    .option('--severity <label>', SEVERITY_LABELS.join(', '))
    .option('--rule <ruleId>', 'alerts of one rule')
    .option('--limit <n>', 'alerts per page (1–1000)', '50')
    .option('--offset <n>', 'alerts to skip', '0')
    .action(
      action(async (flags: ServerFlags & { status?: string; severity?: string; rule?: string; limit: string; offset: string }) => {
        const format = formatFlag(flags);
        const status = oneOf(flags.status, STATUSES, '--status');
        const severity = oneOf(flags.severity, SEVERITY_LABELS, '--severity');
        const body = { ...(status ? { status } : {}), ...(severity ? { severity } : {}), ...(flags.rule ? { ruleId: flags.rule } : {}), limit: page(flags.limit, '--limit', 1, 1000), offset: page(flags.offset, '--offset', 0, 1_000_000) };
        const r = await callJson<{ alerts: Alert[]; total: number }>(flags.server, ALERTS_PATH, body, LIST_ALERTS_ACTION);
        if (format === 'json') return void printJson({ alerts: r.alerts.map(withTimes), total: r.total });
        if (r.total === 0) return void process.stdout.write('no alert\n');
        process.stdout.write(table(['ID', 'STATUS', 'SEVERITY', 'COUNT', 'FIRST', 'LAST', 'TITLE'], r.alerts.map((a) => [a.id, a.status, `${label(a.severity)} (${a.severity})`, a.count, iso(a.first), iso(a.last), a.title])));
        process.stdout.write(`${r.alerts.length} of ${r.total} alert(s)\n`);
      }),
    );

  withServer(alerts.command('get').description('an alert with its rule, the search that shows its events, and the first of them').argument('<alertId>'))
    .option('--size <n>', 'events to show (0–200)', '20')
    .action(
      action(async (alertId: string, flags: ServerFlags & { size: string }) => {
        const format = formatFlag(flags);
        const detail = await callJson<AlertDetail>(flags.server, `${ALERTS_PATH}/get`, { alertId, size: page(flags.size, '--size', 0, 200) }, GET_ALERT_ACTION);
        if (format === 'json') printJson({ ...detail, alert: withTimes(detail.alert) });
        else process.stdout.write(describeAlert(detail));
      }),
    );

  for (const [verb, status] of [['ack', 'acknowledged'], ['close', 'closed']] as const) {
    withServer(alerts.command(verb).description(verb === 'ack' ? 'acknowledge an alert (someone is on it)' : 'close an alert (the next occurrence raises a new one)').argument('<alertId>')).action(
      action(async (alertId: string, flags: ServerFlags) => {
        const format = formatFlag(flags);
        const { alert } = await callJson<{ alert: Alert }>(flags.server, `${ALERTS_PATH}/status`, { alertId, status }, UPDATE_ALERT_ACTION);
        if (format === 'json') printJson({ alert: withTimes(alert) });
        else process.stdout.write(`alert ${alert.id} ${alert.status}: ${alert.title}\n`);
      }),
    );
  }
}
