import { networkInterfaces } from 'node:os';
import type { Collector } from './collector.js';
import type { Address } from './inventory.js';
import { readText } from './read.js';

/** IPv6 addresses from /proc/net/if_inet6 (`addr ifindex prefixlen scope flags name`). */
export function parseIfInet6(text: string): Address[] {
  const out: Address[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || !/^[0-9a-f]{32}$/i.test(f[0] as string)) continue;
    const hex = (f[0] as string).toLowerCase();
    const groups = hex.match(/.{4}/g) as string[];
    out.push({ interface: f[5] as string, address: compressIPv6(groups), family: 'IPv6', prefixLength: parseInt(f[2] as string, 16), mac: null, internal: f[5] === 'lo' });
  }
  return out;
}

/** Local IPv4 addresses from /proc/net/fib_trie: the leaves marked `/32 host LOCAL`. */
export function parseFibTrie(text: string): Address[] {
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!/^\s*\/32 host LOCAL/.test(lines[i] as string)) continue;
    const m = /\|--\s+(\d+\.\d+\.\d+\.\d+)/.exec(lines[i - 1] as string);
    if (m) seen.add(m[1] as string);
  }
  return [...seen].map((address) => ({ interface: '', address, family: 'IPv4', prefixLength: null, mac: null, internal: address.startsWith('127.') }));
}

/** Shortest textual form of eight 16-bit hex groups (RFC 5952). */
export function compressIPv6(groups: readonly string[]): string {
  const parts = groups.map((g) => parseInt(g, 16).toString(16));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < parts.length; ) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < parts.length && parts[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return parts.join(':');
  return `${parts.slice(0, best).join(':')}::${parts.slice(best + bestLen).join(':')}`;
}

function liveAddresses(): Address[] {
  const out: Address[] = [];
  for (const [name, infos] of Object.entries(networkInterfaces())) {
    for (const info of infos ?? []) {
      const prefix = info.cidr ? Number(info.cidr.split('/')[1]) : null;
      out.push({ interface: name, address: info.address, family: info.family, prefixLength: prefix, mac: info.mac && info.mac !== '00:00:00:00:00:00' ? info.mac : null, internal: info.internal });
    }
  }
  return out;
}

/** Host addresses: the interfaces of this machine, or /proc/net of a fixture root. */
export const addressesCollector: Collector = {
  name: 'addresses',
  sections: ['addresses'],
  collect(ctx) {
    if (ctx.live) return { addresses: liveAddresses() };
    return { addresses: [...parseFibTrie(readText(ctx.at('/proc/net/fib_trie')) ?? ''), ...parseIfInet6(readText(ctx.at('/proc/net/if_inet6')) ?? '')] };
  },
};
