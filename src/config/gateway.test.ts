import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../gateway/load-config.js';
import { gatewayConfig } from './gateway.js';

function loadYaml(text: string, env: NodeJS.ProcessEnv = {}): ReturnType<typeof loadGatewayConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-gw-'));
  const file = join(dir, 'gateway.yaml');
  writeFileSync(file, text);
  return loadGatewayConfig(file, env);
}

describe('gateway config', () => {
  it('accepts the documented shape with units and defaults', () => {
    const { config } = loadYaml(`
workers: 2
listen:
  - address: 127.0.0.1:8081
sites:
  - name: demo
    hosts: ["*"]
    upstreams: ["http://127.0.0.1:8001", { url: "http://127.0.0.1:8002", weight: 3 }]
    balance: round_robin
    acl: { allow: [], deny: ["203.0.113.0/24", "2001:db8::/32"] }
    rules: []
    rateLimits: [ { key: ip, limit: 100, window: 10s, block: 60s } ]
    waf: { mode: off }
    maxBodySize: 1mb
`);
    expect(config.workers).toBe(2);
    const site = config.sites[0]!;
    expect(site.rateLimits[0]).toMatchObject({ window: 10_000, block: 60_000 });
    expect(site.maxBodySize).toBe(1024 * 1024);
    expect(site.waf.mode).toBe('off');
    expect(config.limits.headersTimeout).toBe(10_000);
  });

  it('names the bad field in the error', () => {
    const bad = (yaml: string): string => {
      try {
        loadYaml(yaml);
      } catch (e) {
        return `${(e as { code: string }).code}: ${(e as Error).message}`;
      }
      return 'no error';
    };
    const base = 'listen: [{ address: 127.0.0.1:0 }]\n';
    expect(bad(`${base}sites: [{ name: a, upstreams: [x] }]`)).toMatch(/InvalidConfig: .*"sites\.0\.upstreams\.0".*origin URL/);
    expect(bad(`${base}sites: [{ name: a, upstreams: ["http://h:1"], acl: { deny: ["300.1.1.1/8"] } }]`)).toMatch(/"sites\.0\.acl\.deny\.0"/);
    expect(bad(`${base}sites: [{ name: a, upstreams: ["http://h:1"], rateLimits: [{ key: ip, limit: 5, window: 10 parsecs }] }]`)).toMatch(/"sites\.0\.rateLimits\.0\.window"/);
    expect(bad(`${base}sites: [{ name: a, upstreams: ["http://h:1"], waf: { mode: maybe } }]`)).toMatch(/"sites\.0\.waf\.mode"/);
    expect(bad(`${base}sites: [{ name: a, upstreams: ["http://h:1"], colour: red }]`)).toMatch(/"sites\.0".*unknown field.*colour/);
    expect(bad(`${base}sites: [{ name: a, upstreams: ["http://h:1"] }, { name: a, upstreams: ["http://h:1"] }]`)).toMatch(/"sites\.1\.name".*duplicate/);
    expect(bad(`listen: [{ address: 127.0.0.1:0, tls: { cert: a, key: b, clientAuth: required } }]\nsites: [{ name: a, upstreams: ["http://h:1"] }]`)).toMatch(/"listen\.0\.tls\.clientCa"/);
    expect(bad(`${base}sites: [{ name: a, upstreams: ["http://h:1"], rules: [{ id: r1, action: block, when: { path: { prefix: /a, regex: b } } }] }]`)).toMatch(/"sites\.0\.rules\.0\.when\.path".*exactly one/);
  });

  it('accepts docs/gateway.example.yaml', () => {
    const { config } = loadGatewayConfig(new URL('../../docs/gateway.example.yaml', import.meta.url).pathname, {});
    expect(config.sites[0]!.rules.map((r) => r.id)).toEqual(['office-bypass', 'admin-post', 'sqli-id', 'hotlink', 'beta-users']);
    expect(config.sites[0]!.rateLimits[1]).toMatchObject({ key: 'ip_path', window: 60_000, block: 300_000 });
  });

  it('takes the Redis URL from BULWARK_REDIS_URL', () => {
    const { config } = loadYaml('listen: [{ address: 127.0.0.1:0 }]\nsites: [{ name: a, upstreams: ["http://h:1"] }]\n', { BULWARK_REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(gatewayConfig.safeParse({ listen: [{ address: '127.0.0.1:0' }], sites: [] }).success).toBe(false);
  });
});
