import { CidrTrie } from './cidr-trie.js';
import { parseIp } from './ip-address.js';

export type IpVerdict = 'allow' | 'deny' | 'none';

/**
 * Allow/deny CIDR lists in one longest-prefix trie. The most specific matching block decides
 * (a /32 allow inside a /8 deny lets that address in); on an equal prefix deny wins. When the
 * allow list is non-empty, addresses that match nothing are denied.
 */
export class IpAccessList {
  private readonly trie = new CidrTrie<'allow' | 'deny'>();
  private readonly allowOnly: boolean;

  constructor(lists: { allow: readonly string[]; deny: readonly string[] }) {
    for (const c of lists.allow) this.trie.insert(c, 'allow');
    for (const c of lists.deny) this.trie.insert(c, 'deny');
    this.allowOnly = lists.allow.length > 0;
  }

  get empty(): boolean {
    return this.trie.size === 0;
  }

  /** `none` = no list applies (nothing configured, or unparseable address with no allow list). */
  check(ip: string): IpVerdict {
    if (this.trie.size === 0) return 'none';
    const bytes = parseIp(ip);
    const hit = bytes ? this.trie.lookupBytes(bytes) : undefined;
    if (hit) return hit.value;
    return this.allowOnly ? 'deny' : 'none';
  }
}
