/**
 * IP addresses and CIDR blocks for the IpAddress / NotIpAddress operators. IPv4 addresses are
 * unsigned 32-bit numbers, IPv6 addresses 128-bit bigints; IPv4-mapped IPv6 addresses
 * (`::ffff:192.0.2.1`) count as IPv4 so one policy block covers both spellings.
 */
export type ParsedIp = { readonly v: 4; readonly n: number } | { readonly v: 6; readonly n: bigint };

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** Dotted-quad IPv4 (no leading zeros) → uint32, parsed by hand: this runs for every IP condition. */
function parseV4(text: string): number | null {
  const len = text.length;
  if (len < 7 || len > 15) return null;
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || dots === 3) return null;
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return null; // no leading zeros (ambiguous octal)
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return n * 256 + octet;
}

function parseV6(text: string): bigint | null {
  if (text.length < 2 || text.length > 45) return null;
  let head: string[];
  let tail: string[];
  const gap = text.indexOf('::');
  if (gap >= 0) {
    if (text.indexOf('::', gap + 1) >= 0) return null;
    const left = text.slice(0, gap);
    const right = text.slice(gap + 2);
    head = left === '' ? [] : left.split(':');
    tail = right === '' ? [] : right.split(':');
  } else {
    head = text.split(':');
    tail = [];
  }
  const words: number[] = [];
  const all = [...head, ...tail];
  // an embedded IPv4 address may end the address (e.g. ::ffff:10.0.0.1)
  let v4Tail: number | null = null;
  const lastPart = all[all.length - 1];
  if (lastPart !== undefined && lastPart.includes('.')) {
    v4Tail = parseV4(lastPart);
    if (v4Tail === null) return null;
    if (tail.length > 0) tail = tail.slice(0, -1);
    else head = head.slice(0, -1);
  }
  const wordsNeeded = v4Tail === null ? 8 : 6;
  for (const part of [...head, ...tail]) if (!HEXTET.test(part)) return null;
  const present = head.length + tail.length;
  if (gap >= 0) {
    if (present >= wordsNeeded) return null;
    for (const part of head) words.push(parseInt(part, 16));
    for (let i = present; i < wordsNeeded; i++) words.push(0);
    for (const part of tail) words.push(parseInt(part, 16));
  } else {
    if (present !== wordsNeeded) return null;
    for (const part of head) words.push(parseInt(part, 16));
  }
  if (v4Tail !== null) words.push(Math.floor(v4Tail / 65536), v4Tail % 65536);
  let n = 0n;
  for (const w of words) n = (n << 16n) | BigInt(w);
  return n;
}

const MAPPED_PREFIX = 0xffffn << 32n;
const LOW32 = 0xffffffffn;

/** Parses a literal IPv4 or IPv6 address (an IPv6 zone such as `%eth0` is ignored); null when invalid. */
export function parseIp(text: string): ParsedIp | null {
  const v4 = parseV4(text);
  if (v4 !== null) return { v: 4, n: v4 };
  if (!text.includes(':')) return null;
  const zone = text.indexOf('%');
  const v6 = parseV6(zone >= 0 ? text.slice(0, zone) : text);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { v: 4, n: Number(v6 & LOW32) };
  return { v: 6, n: v6 };
}

let lastText: string | undefined;
let lastParsed: ParsedIp | null = null;

/** parseIp with a one-entry memo: one request's source IP is usually tested by several statements. */
export function parseIpMemo(text: string): ParsedIp | null {
  if (text !== lastText) {
    lastParsed = parseIp(text);
    lastText = text;
  }
  return lastParsed;
}

/** A CIDR block as an inclusive range. */
export type IpRange = { readonly v: 4; readonly lo: number; readonly hi: number } | { readonly v: 6; readonly lo: bigint; readonly hi: bigint };

/** Parses `a.b.c.d[/len]` or `x:y::z[/len]`; a bare address is a /32 or /128; host bits are masked. */
export function parseCidr(text: string): IpRange | null {
  const slash = text.indexOf('/');
  const addr = slash >= 0 ? text.slice(0, slash) : text;
  const lenText = slash >= 0 ? text.slice(slash + 1) : undefined;
  if (addr.includes('%')) return null;
  if (lenText !== undefined && !/^\d{1,3}$/.test(lenText)) return null;
  const v4 = parseV4(addr);
  if (v4 !== null) {
    const len = lenText === undefined ? 32 : Number(lenText);
    if (len > 32) return null;
    const size = 2 ** (32 - len);
    const lo = Math.floor(v4 / size) * size;
    return { v: 4, lo, hi: lo + size - 1 };
  }
  if (!addr.includes(':')) return null;
  const v6 = parseV6(addr);
  if (v6 === null) return null;
  const len = lenText === undefined ? 128 : Number(lenText);
  if (len > 128) return null;
  const hostBits = BigInt(128 - len);
  const lo = (v6 >> hostBits) << hostBits;
  const hi = lo | ((1n << hostBits) - 1n);
  // an IPv4-mapped block (::ffff:a.b.c.d/len, len ≥ 96) is an IPv4 block
  if (len >= 96 && lo >> 32n === 0xffffn) return { v: 4, lo: Number(lo & LOW32), hi: Number(hi & LOW32) };
  return { v: 6, lo, hi };
}

/**
 * A set of CIDR blocks, merged into sorted disjoint ranges and searched by bisection: O(log n) per
 * address whatever the number of blocks.
 */
export class IpRangeSet {
  private readonly v4lo: Float64Array;
  private readonly v4hi: Float64Array;
  private readonly v6lo: readonly bigint[];
  private readonly v6hi: readonly bigint[];

  constructor(ranges: readonly IpRange[]) {
    const v4: Array<[number, number]> = [];
    const v6: Array<[bigint, bigint]> = [];
    for (const r of ranges) {
      if (r.v === 4) v4.push([r.lo, r.hi]);
      else {
        v6.push([r.lo, r.hi]);
        // an IPv6 block covering the IPv4-mapped space also covers those IPv4 addresses
        const mappedLo = MAPPED_PREFIX;
        const mappedHi = MAPPED_PREFIX | LOW32;
        if (r.lo <= mappedHi && r.hi >= mappedLo) {
          const lo = r.lo > mappedLo ? Number(r.lo & LOW32) : 0;
          const hi = r.hi < mappedHi ? Number(r.hi & LOW32) : 0xffffffff;
          v4.push([lo, hi]);
        }
      }
    }
    const m4 = mergeRanges(v4, (a, b) => a - b, (hi) => hi + 1);
    this.v4lo = Float64Array.from(m4.map((r) => r[0]));
    this.v4hi = Float64Array.from(m4.map((r) => r[1]));
    const m6 = mergeRanges(v6, (a, b) => (a < b ? -1 : a > b ? 1 : 0), (hi) => hi + 1n);
    this.v6lo = m6.map((r) => r[0]);
    this.v6hi = m6.map((r) => r[1]);
  }

  get size(): number {
    return this.v4lo.length + this.v6lo.length;
  }

  contains(ip: ParsedIp): boolean {
    if (ip.v === 4) {
      const lo = this.v4lo;
      let a = 0;
      let b = lo.length - 1;
      while (a <= b) {
        const mid = (a + b) >>> 1;
        if (lo[mid]! <= ip.n) a = mid + 1;
        else b = mid - 1;
      }
      return b >= 0 && ip.n <= this.v4hi[b]!;
    }
    const lo = this.v6lo;
    let a = 0;
    let b = lo.length - 1;
    while (a <= b) {
      const mid = (a + b) >>> 1;
      if (lo[mid]! <= ip.n) a = mid + 1;
      else b = mid - 1;
    }
    return b >= 0 && ip.n <= this.v6hi[b]!;
  }
}

function mergeRanges<T extends number | bigint>(ranges: Array<[T, T]>, cmp: (a: T, b: T) => number, next: (hi: T) => T): Array<[T, T]> {
  const sorted = [...ranges].sort((x, y) => cmp(x[0], y[0]));
  const out: Array<[T, T]> = [];
  for (const [lo, hi] of sorted) {
    const prev = out[out.length - 1];
    if (prev && cmp(lo, next(prev[1])) <= 0) {
      if (cmp(hi, prev[1]) > 0) prev[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}
