/** Maps a Host header or SNI name to a value: exact names first, then the longest `*.suffix`, then `*`. */
export class SiteRouter<T> {
  private readonly exact = new Map<string, T>();
  private readonly wildcards: Array<{ suffix: string; value: T }> = [];
  private fallback: T | undefined;

  add(pattern: string, value: T): void {
    const p = pattern.toLowerCase();
    if (p === '*') {
      this.fallback ??= value;
    } else if (p.startsWith('*.')) {
      this.wildcards.push({ suffix: p.slice(1), value });
      this.wildcards.sort((a, b) => b.suffix.length - a.suffix.length);
    } else if (!this.exact.has(p)) {
      this.exact.set(p, value);
    }
  }

  match(host: string | undefined): T | undefined {
    if (!host) return this.fallback;
    const name = hostnameOf(host);
    const hit = this.exact.get(name);
    if (hit !== undefined) return hit;
    for (const w of this.wildcards) if (name.endsWith(w.suffix) && name.length > w.suffix.length) return w.value;
    return this.fallback;
  }
}

/** `Example.com:8080` → `example.com`; `[::1]:80` → `[::1]`. */
export function hostnameOf(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(0, end + 1);
  }
  const colon = h.indexOf(':');
  const name = colon < 0 ? h : h.slice(0, colon);
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
