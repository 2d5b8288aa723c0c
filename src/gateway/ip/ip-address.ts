/**
 * IP addresses as byte arrays: 4 bytes for IPv4, 16 for IPv6. IPv4-mapped IPv6 addresses
 * (`::ffff:192.0.2.1`, what a dual-stack socket reports) are normalised to their IPv4 form so one
 * rule covers both spellings.
 */
export type IpBytes = Uint8Array;

function parseV4(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string;
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function parseV6(text: string): IpBytes | undefined {
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const out = new Uint8Array(16);
  let tailV4: IpBytes | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) > 0) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (!tailV4) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : (halves[0] as string).split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : (halves[1] as string).split(':')) : [];
  const groups = halves.length === 2 ? head.length + tail.length : head.length;
  if (halves.length === 1 ? groups !== 8 : groups > 7) return undefined;
  const words = [...head, ...new Array<string>(8 - groups).fill('0'), ...tail];
  for (let i = 0; i < 8; i++) {
    const w = words[i] as string;
    if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return undefined;
    const n = Number.parseInt(w, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  }
  if (tailV4) out.set(tailV4, 12);
  return out;
}

function isV4Mapped(b: IpBytes): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/** Parses an IPv4 or IPv6 address; `undefined` when it is not one. */
export function parseIp(text: string): IpBytes | undefined {
  if (text.includes(':')) {
    const v6 = parseV6(text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text);
    return v6 && isV4Mapped(v6) ? v6.slice(12) : v6;
  }
  return parseV4(text);
}

/** Canonical text of an address (IPv4-mapped IPv6 → dotted IPv4). */
export function normalizeIp(text: string): string {
  if (!text.includes(':')) return text;
  const lower = text.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

export interface CidrBlock {
  bytes: IpBytes;
  bits: number;
}

/** `203.0.113.0/24` → bytes + prefix length; a bare address is a /32 or /128. */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const raw = parseIp(address);
  if (!raw) return undefined;
  const max = raw.length * 8;
  let bits = max;
  if (slash >= 0) {
    const b = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(b)) return undefined;
    bits = Number(b);
    // `::ffff:10.0.0.0/104` was normalised to IPv4: shift the prefix with it.
    if (raw.length === 4 && address.includes(':')) bits -= 96;
    if (bits < 0 || bits > max) return undefined;
  }
  return { bytes: raw, bits };
}
