import { BlockList, isIP } from 'node:net';
import { BulwarkError } from '../core/errors.js';

export interface Target {
  /** `203.0.113.9`, or a CIDR block `203.0.113.0/24` */
  value: string;
  scope: 'Ip' | 'Range';
}

function split(value: string): { ip: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [ip = '', bits] = value.trim().toLowerCase().split('/');
  const v = isIP(ip);
  if (v === 0) return undefined;
  const max = v === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return undefined;
  return { ip, prefix, family: v === 4 ? 'ipv4' : 'ipv6' };
}

/** Validates an address or CIDR block; a full-length prefix is an address. */
export function normalizeTarget(value: string): Target {
  const p = split(value);
  if (!p) throw new BulwarkError('InvalidParameter', { field: 'ip', reason: `"${value.slice(0, 64)}" is not an IPv4/IPv6 address or CIDR block` });
  const max = p.family === 'ipv4' ? 32 : 128;
  return p.prefix === max ? { value: p.ip, scope: 'Ip' } : { value: `${p.ip}/${p.prefix}`, scope: 'Range' };
}

/** Whether `outer` (address or CIDR) covers `inner` (address or CIDR). */
export function targetContains(outer: string, inner: string): boolean {
  const o = split(outer);
  const i = split(inner);
  if (!o || !i || o.family !== i.family || i.prefix < o.prefix) return false;
  const list = new BlockList();
  list.addSubnet(o.ip, o.prefix, o.family);
  return list.check(i.ip, i.family);
}
