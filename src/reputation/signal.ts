import { isIP } from 'node:net';
import type { SignalType } from './settings.js';

/** One piece of evidence against an address, read from an event. */
export interface Signal {
  type: SignalType;
  ip: string;
  at: number;
  /** the event's id (`event.id`) or request id, to explain decisions */
  eventId: string;
  /** path probed (probe), user tried (ssh), rule (waf) … */
  detail?: string;
}

type Doc = Record<string, unknown>;
const get = (doc: Doc, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Doc)[k] : undefined), doc);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const SSH_ALERTS = new Set(['ssh-bruteforce', 'ssh-slow-bruteforce', 'ssh-password-spraying']);

/** Events the reputation service reads (pre-filter for the event store query). */
export const SIGNAL_QUERY = 'bulwark.blocked:true or http.response.status_code:(403 or 404) or event.category:authentication or event.kind:alert';

/**
 * What an event says about its source address, if anything: WAF blocks, anti-CC refusals and
 * 403/404 probing from gateways; failed SSH logins and SSH alerts from agents; leaked-credential
 * alerts. Bans the gateway itself enforced are ignored (no feedback loop).
 */
export function signalOf(doc: Doc): Signal | undefined {
  const ip = str(get(doc, 'source.ip'));
  if (!ip || isIP(ip) === 0) return undefined;
  const at = Date.parse(str(get(doc, '@timestamp')) ?? '');
  if (!Number.isFinite(at)) return undefined;
  const eventId = str(get(doc, 'event.id')) ?? str(get(doc, 'bulwark.request_id')) ?? '';
  const ruleId = str(get(doc, 'rule.id')) ?? '';
  const dataset = str(get(doc, 'event.dataset')) ?? '';
  const base = { ip, at, eventId };
  if (dataset === 'bulwark.gateway') {
    const reason = str(get(doc, 'bulwark.reason'));
    if (reason === 'reputation ban') return undefined;
    if (get(doc, 'bulwark.blocked') === true && ruleId.startsWith('waf:')) return { ...base, type: 'waf', detail: ruleId };
    if (get(doc, 'bulwark.blocked') === true && reason === 'rate limit') return { ...base, type: 'cc', detail: ruleId };
    const status = get(doc, 'http.response.status_code');
    if (status === 404 || status === 403) return { ...base, type: 'probe', detail: str(get(doc, 'url.path')) ?? '/' };
    return undefined;
  }
  if (ruleId === 'ssh-success-after-failure') return { ...base, type: 'success-after-failure', detail: str(get(doc, 'user.name')) ?? '' };
  if (SSH_ALERTS.has(ruleId)) return { ...base, type: 'ssh-alert', detail: ruleId };
  if (str(get(doc, 'rule.category')) === 'leaked-credential') return { ...base, type: 'leaked-credential', detail: ruleId };
  if (str(get(doc, 'event.category')) === 'authentication' && str(get(doc, 'event.outcome')) === 'failure' && (dataset === 'agent.ssh' || str(get(doc, 'network.protocol')) === 'ssh')) {
    return { ...base, type: 'ssh-failure', detail: str(get(doc, 'user.name')) ?? '' };
  }
  return undefined;
}
