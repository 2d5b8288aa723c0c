import type { Alert } from '../alerts/alert-store.js';

/** Human-readable text of alerts shared by the chat formats. */
export function severityLabel(severity: number): string {
  if (severity >= 90) return 'critical';
  if (severity >= 70) return 'high';
  if (severity >= 40) return 'medium';
  if (severity >= 20) return 'low';
  return 'info';
}

export function headline(alerts: readonly Alert[]): string {
  return alerts.length === 1 ? `[Bulwark] ${severityLabel((alerts[0] as Alert).severity)}: ${(alerts[0] as Alert).title}` : `[Bulwark] ${alerts.length} new alerts`;
}

export function alertLine(a: Alert): string {
  return `${severityLabel(a.severity).toUpperCase()} ${a.title} — ${a.count} event(s), ${new Date(a.first).toISOString()} → ${new Date(a.last).toISOString()} (alert ${a.id})`;
}

export function markdown(alerts: readonly Alert[]): string {
  return [`### ${headline(alerts)}`, '', ...alerts.map((a) => `- **${severityLabel(a.severity)}** ${a.title}  \n  ${a.count} event(s), first ${new Date(a.first).toISOString()}, last ${new Date(a.last).toISOString()}, id \`${a.id}\``)].join('\n');
}

export function plainText(alerts: readonly Alert[]): string {
  return [headline(alerts), '', ...alerts.map(alertLine)].join('\n');
}
