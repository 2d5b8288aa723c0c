import type { BanBody, DecisionAction } from './api.js';

/** What the ban form holds: the target, how long, what to do and why. */
export interface BanFormValues {
  ip: string;
  amount: number;
  unit: 'm' | 'h';
  type: DecisionAction;
  reason: string;
}

export const BAN_DEFAULTS: BanFormValues = { ip: '', amount: 4, unit: 'h', type: 'ban', reason: '' };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(value) || value.split('::').length > 2) return false;
  const groups = value.split(':');
  const last = groups[groups.length - 1] ?? '';
  const embedded = last.includes('.');
  if (embedded && !IPV4.test(last)) return false;
  const hex = (embedded ? groups.slice(0, -1) : groups).filter((g) => g !== '');
  if (hex.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (embedded ? 2 : 0);
  return value.includes('::') ? count < 8 : count === 8;
}

/** Whether a value is an IPv4/IPv6 address or CIDR block (the server normalises and checks again). */
export function isTarget(value: string): boolean {
  const [addr = '', bits, extra] = value.trim().split('/');
  if (extra !== undefined) return false;
  const v4 = IPV4.test(addr);
  if (!v4 && !isIpv6(addr)) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (v4 ? 32 : 128);
}

/** The `ban` request body of the form's values (`reason` defaults to "manual" as the CLI does). */
export function banBody(v: BanFormValues): BanBody {
  return { ip: v.ip.trim(), duration: `${Math.round(v.amount)}${v.unit}`, type: v.type, reason: v.reason.trim() || 'manual' };
}

/** A decision's evidence as short "key: value" parts (objects as JSON), for a table cell. */
export function evidenceParts(evidence: Record<string, unknown> | undefined): string[] {
  return Object.entries(evidence ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}

/** Time left until a decision expires, in the largest sensible unit (`{n, unit}`; 0 minutes once expired). */
export function remaining(until: string, now: number): { n: number; unit: 'd' | 'h' | 'm' } {
  const ms = Math.max(0, new Date(until).getTime() - now);
  if (ms >= 48 * 3600_000) return { n: Math.floor(ms / 86_400_000), unit: 'd' };
  if (ms >= 3600_000) return { n: Math.floor(ms / 3600_000), unit: 'h' };
  return { n: Math.ceil(ms / 60_000), unit: 'm' };
}
