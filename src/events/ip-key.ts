import { isIP } from 'node:net';

/**
 * IP addresses are stored twice: as written and as a sortable key, 32 hex digits of the 128-bit
 * address (IPv4 as `::ffff:a.b.c.d`), so equality, ranges and CIDR blocks are string comparisons.
 */
function ipv4Bits(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Bits(ip: string): bigint {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Bits(text.slice(lastColon + 1));
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = `${text.slice(0, lastColon + 1)}${text.endsWith('::') ? '' : ''}`;
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const parse = (s: string): bigint[] => (s === '' ? [] : s.split(':').map((h) => BigInt(parseInt(h, 16))));
  const left = parse(head);
  const right = [...(rest === undefined ? [] : parse(rest)), ...tail];
  const groups = rest === undefined ? [...left, ...tail] : [...left, ...new Array<bigint>(8 - left.length - right.length).fill(0n), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

function bitsOf(ip: string): bigint | undefined {
  const family = isIP(ip);
  if (family === 4) return 0xffff00000000n | ipv4Bits(ip);
  if (family === 6) return ipv6Bits(ip);
  return undefined;
}

function hex(bits: bigint): string {
  return bits.toString(16).padStart(32, '0');
}

/** The sortable key of an address, or undefined when it is not an IP. */
export function ipKey(ip: string): string | undefined {
  const bits = bitsOf(ip);
  return bits === undefined ? undefined : hex(bits);
}

/** The inclusive key range of a CIDR block (`10.0.0.0/8`, `2001:db8::/32`), or undefined. */
export function cidrKeyRange(cidr: string): { low: string; high: string } | undefined {
  const slash = cidr.indexOf('/');
  if (slash < 0) return undefined;
  const address = cidr.slice(0, slash);
  const prefixText = cidr.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const family = isIP(address);
  const bits = bitsOf(address);
  if (bits === undefined) return undefined;
  const prefix = Number(prefixText) + (family === 4 ? 96 : 0);
  if (prefix > 128) return undefined;
  const hostBits = BigInt(128 - prefix);
  const mask = ((1n << 128n) - 1n) ^ ((1n << hostBits) - 1n);
  const low = bits & mask;
  const high = low | ((1n << hostBits) - 1n);
  return { low: hex(low), high: hex(high) };
}
