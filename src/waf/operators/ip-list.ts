import { BlockList, isIP } from 'node:net';

/** Builds a set of IPv4/IPv6 addresses and CIDR ranges; invalid entries are reported by the caller. */
export function buildIpList(entries: readonly string[]): { list: BlockList; invalid: string[] } {
  const list = new BlockList();
  const invalid: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [addr, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(addr);
    if (family === 0) { invalid.push(entry); continue; }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, parseInt(bits, 10), type);
  }
  return { list, invalid };
}

/** True when the value is an IP address inside the list. */
export function ipInList(list: BlockList, value: string): boolean {
  const family = isIP(value);
  if (family === 0) return false;
  return list.check(value, family === 6 ? 'ipv6' : 'ipv4');
}
