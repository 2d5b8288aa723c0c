/** Pure logic of the backtracking timeline: the query for a target, and what each event was. */
import { quoteValue, valueAt } from '../events/query-edit.js';

export type TargetKind = 'ip' | 'host';

/** Where an event came from, as the timeline groups it. */
export type Category = 'waf' | 'gateway' | 'host' | 'identity' | 'other';
export const CATEGORIES: readonly Category[] = ['waf', 'gateway', 'host', 'identity', 'other'];

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `ip` when the text reads as an IPv4 or IPv6 address, else `host`. */
export function guessKind(text: string): TargetKind {
  const v = text.trim();
  return IPV4.test(v) || (v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v)) ? 'ip' : 'host';
}

/** Every event that names the address (as source, destination or host) or the host (id or names). */
export function targetQuery(kind: TargetKind, value: string): string {
  const v = quoteValue(value.trim());
  return kind === 'ip' ? `source.ip:${v} OR destination.ip:${v} OR host.ip:${v}` : `host.id:${v} OR host.name:${v} OR host.hostname:${v}`;
}

const str = (doc: Record<string, unknown>, field: string): string | undefined => {
  const v = valueAt(doc, field);
  return v === undefined || v === null ? undefined : String(v);
};

/** WAF decisions, other gateway requests, host agents, identity and API audit, anything else. */
export function categoryOf(doc: Record<string, unknown>): Category {
  const dataset = str(doc, 'event.dataset') ?? '';
  if (dataset === 'bulwark.gateway') return str(doc, 'rule.id') !== undefined || str(doc, 'event.kind') === 'alert' || str(doc, 'bulwark.blocked') === 'true' ? 'waf' : 'gateway';
  if (dataset.startsWith('agent.')) return 'host';
  if (dataset === 'bulwark.audit') return 'identity';
  return 'other';
}

/** One line saying what happened: the request, the command, the API call or the message. */
export function summaryOf(doc: Record<string, unknown>): string {
  const parts: string[] = [];
  const method = str(doc, 'http.request.method');
  const url = str(doc, 'url.original') ?? str(doc, 'url.path');
  if (url) parts.push([method, url, str(doc, 'http.response.status_code')].filter(Boolean).join(' '));
  const rule = str(doc, 'rule.name') ?? str(doc, 'rule.id');
  if (rule) parts.push(rule);
  const command = str(doc, 'process.command_line') ?? str(doc, 'file.path');
  if (command) parts.push(command);
  if (parts.length === 0) parts.push(str(doc, 'message') ?? str(doc, 'event.action') ?? '');
  return parts.filter(Boolean).join(' · ');
}

/** Events per category, in the timeline's group order (only categories that occur). */
export function countByCategory(docs: readonly Record<string, unknown>[]): Array<{ category: Category; count: number }> {
  const counts = new Map<Category, number>();
  for (const d of docs) counts.set(categoryOf(d), (counts.get(categoryOf(d)) ?? 0) + 1);
  return CATEGORIES.filter((c) => counts.has(c)).map((c) => ({ category: c, count: counts.get(c) as number }));
}

const IP_FIELDS = new Set(['source.ip', 'destination.ip', 'host.ip']);
const HOST_FIELDS = new Set(['host.id', 'host.name', 'host.hostname']);

/** The timeline of a field's value, when the field names an address (source, destination, host) or a host. */
export function investigateHref(field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (IP_FIELDS.has(field)) return `/security/incidents?ip=${encodeURIComponent(value)}`;
  if (HOST_FIELDS.has(field)) return `/security/incidents?host=${encodeURIComponent(value)}`;
  return undefined;
}
