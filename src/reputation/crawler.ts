import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';

/** Reverse-DNS suffixes of the major search-engine crawlers (their published verification method). */
export const DEFAULT_CRAWLER_SUFFIXES: readonly string[] = ['.googlebot.com', '.google.com', '.search.msn.com', '.crawl.yahoo.net', '.crawl.baidu.com', '.crawl.baidu.jp', '.applebot.apple.com', '.yandex.com', '.yandex.net', '.yandex.ru', '.sogou.com'];

export interface Resolver {
  reverse(ip: string): Promise<string[]>;
  lookup(host: string): Promise<string[]>;
}

export const systemResolver: Resolver = {
  reverse: (ip) => dns.reverse(ip),
  lookup: async (host) => (await dns.lookup(host, { all: true })).map((a) => a.address),
};

/**
 * Forward-confirmed reverse DNS: the address's PTR name ends in a crawler suffix **and** that name
 * resolves back to the address (a PTR alone can be set by anyone who owns the address block).
 * Lookups fail closed (not a crawler); results are cached for an hour.
 */
export class CrawlerVerifier {
  private readonly cache = new Map<string, { ok: boolean; at: number }>();

  constructor(
    private readonly suffixes: readonly string[] = DEFAULT_CRAWLER_SUFFIXES,
    private readonly resolver: Resolver = systemResolver,
    private readonly now: () => number = Date.now,
  ) {}

  async isCrawler(ip: string): Promise<boolean> {
    if (isIP(ip) === 0) return false;
    const hit = this.cache.get(ip);
    if (hit && this.now() - hit.at < 3_600_000) return hit.ok;
    let ok = false;
    try {
      const names = await this.resolver.reverse(ip);
      for (const name of names.slice(0, 4)) {
        const host = name.toLowerCase().replace(/\.$/, '');
        if (!this.suffixes.some((s) => host.endsWith(s))) continue;
        if ((await this.resolver.lookup(host)).some((a) => a.toLowerCase() === ip.toLowerCase())) {
          ok = true;
          break;
        }
      }
    } catch {
      ok = false;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(ip, { ok, at: this.now() });
    return ok;
  }
}
