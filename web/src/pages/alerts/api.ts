import { api } from '../../api/client.js';

/** Shapes of the alerts API (`/console/api/events/rules|alerts|channels/...`, same as the signed `/api/...`). */
export type AlertStatus = 'open' | 'acknowledged' | 'closed';
export type SeverityLabel = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly SeverityLabel[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface Alert {
  id: string;
  ruleId: string;
  status: AlertStatus;
  severity: number;
  title: string;
  group: Record<string, string | number | boolean | null>;
  count: number;
  first: number;
  last: number;
  created: number;
  updated: number;
}

export type RuleDefinition =
  | { kind: 'threshold'; query: string; groupBy: string[]; window: string; threshold: number }
  | { kind: 'new_value'; query: string; field: string; groupBy: string[]; learn: string }
  | { kind: 'sigma'; yaml: string };

export interface Rule {
  id: string;
  name: string;
  kind: RuleDefinition['kind'];
  definition: RuleDefinition;
  enabled: boolean;
  severity: number;
  title?: string;
  createdAt: string;
  updatedAt: string;
}

export interface AlertDetail {
  alert: Alert;
  rule: { id: string; name: string; kind: string; definition: RuleDefinition } | null;
  query: { text: string; exact: boolean; from: string; to: string };
  events: Array<Record<string, unknown>>;
  total: number;
}

export type ChannelType = 'webhook' | 'dingtalk' | 'wecom' | 'lark' | 'slack' | 'email';
export const CHANNEL_TYPES: readonly ChannelType[] = ['webhook', 'dingtalk', 'wecom', 'lark', 'slack', 'email'];

export interface Channel {
  channelId: string;
  name: string;
  type: ChannelType;
  enabled: boolean;
  settings: Record<string, unknown>;
  urlHint?: string;
  secretSet: boolean;
  passwordSet: boolean;
  headerNames: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Delivery {
  ok: boolean;
  attempts: number;
  error?: string;
}

export interface Validation {
  valid: boolean;
  title?: string;
  severity?: number;
  error?: { code: string; message: string; field?: string; line?: number; column?: number };
}

/** The label of a 0–100 severity (same bands as the server and the notification messages). */
export function severityLabel(severity: number): SeverityLabel {
  if (severity >= 90) return 'critical';
  if (severity >= 70) return 'high';
  if (severity >= 40) return 'medium';
  if (severity >= 20) return 'low';
  return 'info';
}

export const SEVERITY_COLOR: Record<SeverityLabel, string> = { critical: 'magenta', high: 'red', medium: 'orange', low: 'blue', info: 'default' };

export const alertsApi = {
  listAlerts: (filter: { status?: AlertStatus; severity?: SeverityLabel; limit: number; offset: number }) => api.post<{ alerts: Alert[]; total: number }>('/events/alerts', filter),
  alert: (alertId: string) => api.post<AlertDetail>('/events/alerts/get', { alertId }),
  setStatus: (alertId: string, status: 'acknowledged' | 'closed') => api.post<{ alert: Alert }>('/events/alerts/status', { alertId, status }),
  listRules: (filter: { limit: number; offset: number }) => api.post<{ rules: Rule[]; total: number }>('/events/rules/list', filter),
  createRule: (rule: { name: string; definition: RuleDefinition; severity?: number; enabled?: boolean }) => api.post<{ rule: Rule }>('/events/rules', rule),
  updateRule: (ruleId: string, change: { name?: string; definition?: RuleDefinition; severity?: number; enabled?: boolean }) => api.post<{ rule: Rule }>('/events/rules/update', { ruleId, ...change }),
  deleteRule: (ruleId: string) => api.post('/events/rules/delete', { ruleId }),
  validateRule: (name: string, definition: RuleDefinition) => api.post<Validation>('/events/rules/validate', { name, definition }),
  listChannels: () => api.post<{ channels: Channel[] }>('/events/channels/list', {}),
  createChannel: (channel: Record<string, unknown>, enabled: boolean) => api.post<{ channel: Channel }>('/events/channels/create', { channel, enabled }),
  updateChannel: (channelId: string, channel: Record<string, unknown> | undefined, enabled: boolean) => api.post<{ channel: Channel }>('/events/channels/update', { channelId, channel, enabled }),
  deleteChannel: (channelId: string) => api.post('/events/channels/delete', { channelId }),
  testChannel: (channelId: string) => api.post<{ delivery: Delivery }>('/events/channels/test', { channelId }),
};

/** The event search page showing an alert's events (its URL state: `q`, `from`, `to`). */
export function eventsLink(query: AlertDetail['query']): string {
  const p = new URLSearchParams();
  if (query.text) p.set('q', query.text);
  p.set('from', query.from);
  p.set('to', query.to);
  return `/security/events?${p.toString()}`;
}
