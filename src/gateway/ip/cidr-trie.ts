import { parseCidr, parseIp, type IpBytes } from './ip-address.js';

/**
 * Longest-prefix-match table of CIDR blocks (IPv4 and IPv6), a binary trie stored in typed arrays.
 * A lookup walks at most 32 (IPv4) or 128 (IPv6) nodes whatever the number of entries, so a
 * 100k-entry deny list costs the same per request as a 10-entry one.
 */
export class CidrTrie<T> {
  private zero = new Int32Array(1024);
  private one = new Int32Array(1024);
  private valueAt = new Int32Array(1024);
  private used = 2; // node 0 = IPv4 root, node 1 = IPv6 root
  private readonly values: T[] = [];
  private count = 0;

  constructor() {
    this.valueAt.fill(-1);
  }

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const n = this.zero.length * 2;
    const z = new Int32Array(n);
    z.set(this.zero);
    const o = new Int32Array(n);
    o.set(this.one);
    const v = new Int32Array(n).fill(-1);
    v.set(this.valueAt);
    this.zero = z;
    this.one = o;
    this.valueAt = v;
  }

  /** Adds a block; a later insert of the same block replaces its value. Returns false for bad text. */
  insert(cidr: string, value: T): boolean {
    const block = parseCidr(cidr);
    if (!block) return false;
    let node = block.bytes.length === 4 ? 0 : 1;
    for (let i = 0; i < block.bits; i++) {
      const bit = ((block.bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
      const children = bit === 0 ? this.zero : this.one;
      let next = children[node] as number;
      if (next === 0) {
        if (this.used >= this.zero.length) this.grow();
        next = this.used++;
        (bit === 0 ? this.zero : this.one)[node] = next;
      }
      node = next;
    }
    const existing = this.valueAt[node] as number;
    if (existing >= 0) {
      this.values[existing] = value;
    } else {
      this.valueAt[node] = this.values.length;
      this.values.push(value);
      this.count++;
    }
    return true;
  }

  /** The value of the longest block containing the address, with its prefix length. */
  lookupBytes(bytes: IpBytes): { value: T; bits: number } | undefined {
    let node = bytes.length === 4 ? 0 : 1;
    let best = this.valueAt[node] as number;
    let bestBits = 0;
    const total = bytes.length * 8;
    for (let i = 0; i < total; i++) {
      const bit = ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
      node = (bit === 0 ? this.zero : this.one)[node] as number;
      if (node === 0) break;
      const v = this.valueAt[node] as number;
      if (v >= 0) {
        best = v;
        bestBits = i + 1;
      }
    }
    return best >= 0 ? { value: this.values[best] as T, bits: bestBits } : undefined;
  }

  lookup(ip: string): { value: T; bits: number } | undefined {
    const bytes = parseIp(ip);
    return bytes ? this.lookupBytes(bytes) : undefined;
  }

  has(ip: string): boolean {
    return this.lookup(ip) !== undefined;
  }
}
