import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VulnTables } from '../../agent/vuln/tables.js';
import { fixedClock } from '../../core/clock.js';
import type { EventsTables } from '../../events/alerts/tables.js';
import { DuckDbEventStore } from '../../events/store/duckdb-store.js';
import { events } from '../../events/test-support/events.js';
import type { HostsTables } from '../../hosts/tables.js';
import { Authorizer } from '../../iam/authorizer.js';
import { initAccount } from '../../iam/bootstrap.js';
import { systemCaller, type Caller } from '../../iam/caller.js';
import type { IamTables } from '../../iam/tables.js';
import { openTestPlatform, testDialects } from '../../openapi/test-support/iam-fixture.js';
import type { Platform } from '../../server/platform.js';
import { buildDashboard, type Dashboard } from './dashboard.js';
import { syntheticEvents } from './test-support/synthetic-events.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const HOUR = 3_600_000;
const at = (msAgo: number) => new Date(NOW.getTime() - msAgo).toISOString();

function access(ip: string, site: string, path: string, msAgo: number, attack?: { category?: string; blocked: boolean }, account?: string): Record<string, unknown> {
  return {
    '@timestamp': at(msAgo),
    event: { dataset: 'bulwark.gateway', category: 'web', kind: attack ? 'alert' : 'event' },
    source: { ip },
    url: { path },
    ...(attack ? { rule: { id: 'waf:949110', ...(attack.category ? { category: attack.category } : {}) } } : {}),
    bulwark: { site, blocked: attack?.blocked ?? false },
    ...(account ? { cloud: { account: { id: account } } } : {}),
  };
}

describe.each(testDialects())('security dashboard (%s)', (dialect) => {
  let platform: Platform;
  let dispose: () => Promise<void>;
  let store: DuckDbEventStore;
  let root: Caller;
  let dashboard: Dashboard;

  beforeAll(async () => {
    ({ platform, dispose } = await openTestPlatform(dialect, fixedClock(NOW)));
    const accountId = (await initAccount(platform)).accountId;
    root = systemCaller(accountId, 'req-dash');
    store = await DuckDbEventStore.open({ path: ':memory:' });
    const mine = (d: Record<string, unknown>) => ({ ...d, cloud: { account: { id: accountId } } });
    const docs = [
      // 6 SQL injections from one address, blocked, on /login of "shop"
      ...Array.from({ length: 6 }, (_, i) => mine(access('203.0.113.7', 'shop', '/login', (i + 1) * HOUR, { category: 'sqli', blocked: true }))),
      // 2 XSS attempts detected only, 1 attack without a class (a custom rule without tag)
      mine(access('198.51.100.2', 'api', '/search', 2 * HOUR, { category: 'xss', blocked: false })),
      mine(access('198.51.100.2', 'api', '/search', 3 * HOUR, { category: 'xss', blocked: false })),
      mine(access('192.0.2.50', 'api', '/admin', 30 * 60_000, { blocked: true })),
      // 10 plain requests
      ...Array.from({ length: 10 }, (_, i) => mine(access(`10.0.0.${i}`, 'shop', '/', i * HOUR + 1000))),
      // outside the range, another account's, and a host event: none of them counts
      mine(access('203.0.113.99', 'shop', '/login', 30 * HOUR, { category: 'rce', blocked: true })),
      access('203.0.113.98', 'shop', '/login', HOUR, { category: 'rce', blocked: true }, 'other-account'),
      mine({ '@timestamp': at(HOUR), event: { dataset: 'agent.ssh', kind: 'alert' }, source: { ip: '203.0.113.97' } }),
    ];
    await store.append(events(docs, NOW.getTime()));

    const db = platform.storage.db<HostsTables & VulnTables & EventsTables>() as Kysely<HostsTables & VulnTables & EventsTables>;
    const host = (id: string, lastSeen: string | null) => ({ id, account_id: accountId, hostname: id, label: '', user_id: `u-${id}`, user_name: `host-${id}`, os: 'debian 12', agent_version: '1', enrolled_at: at(48 * HOUR), last_seen_at: lastSeen });
    await db.insertInto('hosts_hosts').values([host('h-online', at(60_000)), host('h-offline', at(2 * HOUR)), host('h-never', null)]).execute();
    await db.insertInto('hosts_inventories').values(['h-online', 'h-offline'].map((h) => ({ host_id: h, account_id: accountId, collected_at: at(HOUR), received_at: at(HOUR), inventory: '{}' }))).execute();
    await db.insertInto('vuln_feeds').values({ id: 'feed-1', account_id: accountId, format: 'osv', source: 'test', advisories: 3, ranges: 3, not_affected: 0, skipped: 0, imported_by: 'root', imported_at: at(HOUR) }).execute();
    const finding = (hostId: string, advisory: string, severity: string, status: 'open' | 'resolved') => ({ account_id: accountId, host_id: hostId, advisory_id: advisory, package: 'xz-utils', source_package: 'xz-utils', installed_version: '5.6.0', fixed_version: '5.6.2', severity, score: null, rating: null, aliases: '[]', summary: '', remediation: null, status, first_seen: at(HOUR), last_seen: at(HOUR), resolved_at: null });
    await db.insertInto('vuln_host_findings').values([finding('h-online', 'CVE-1', 'critical', 'open'), finding('h-online', 'CVE-2', 'medium', 'open'), finding('h-offline', 'CVE-3', 'high', 'resolved'), finding('h-offline', 'CVE-4', 'low', 'open')]).execute();
    const policy = (hostId: string, passed: number, failed: number) => ({ host_id: hostId, policy_id: 'cis-debian-12', account_id: accountId, name: 'CIS Debian 12', passed, failed, not_applicable: 1, pass_rate: 0, skipped: null, scanned_at: at(HOUR) });
    await db.insertInto('hosts_baseline_policies').values([policy('h-online', 30, 10), policy('h-offline', 15, 5)]).execute();
    const alert = (id: string, severity: number, status: string, msAgo: number, account: string | null = accountId) => ({ alert_id: id, account_id: account, rule_id: 'r1', dedupe_key: id, status, severity, title: id, group_json: '{}', event_count: 1, first_ms: NOW.getTime() - msAgo, last_ms: NOW.getTime() - msAgo, created_ms: NOW.getTime() - msAgo, updated_ms: NOW.getTime() - msAgo, notified: 0 });
    await db.insertInto('event_alerts').values([alert('a1', 99, 'open', HOUR), alert('a2', 73, 'acknowledged', 2 * HOUR), alert('a3', 47, 'closed', 3 * HOUR), alert('a4', 99, 'open', 72 * HOUR), alert('a5', 10, 'open', HOUR, 'other-account'), alert('a6', 99, 'open', HOUR, null)]).execute();

    const authorizer = new Authorizer(() => platform.storage.db<IamTables>() as Kysely<IamTables>);
    dashboard = await buildDashboard({ storage: platform.storage, clock: platform.clock, events: store, authorizer }, root, { from: '-24h', to: 'now', top: 5 });
  });
  afterAll(async () => {
    await store.close();
    await dispose();
  });

  it('counts requests blocked and passed, attacks by class and attackers, over half-hour buckets (48 in a day)', () => {
    const t = dashboard.traffic!;
    expect(dashboard.range).toEqual({ from: at(24 * HOUR), to: NOW.toISOString(), intervalMs: HOUR / 2 });
    expect(t).toMatchObject({ requests: 19, blocked: 7, passed: 12, attacks: 9, attackers: 3 });
    expect(t.attackTypes).toEqual([{ category: 'sqli', count: 6 }, { category: 'xss', count: 2 }, { category: 'other', count: 1 }]);
    expect(t.buckets).toHaveLength(48);
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(t.blockedOverTime)).toBe(7);
    expect(sum(t.passedOverTime)).toBe(12);
    const series = Object.fromEntries(t.attacksOverTime.map((s) => [s.category, s.counts]));
    expect(Object.keys(series)).toEqual(['sqli', 'xss', 'other']);
    expect(sum(series.sqli!)).toBe(6);
    // the unclassified attack 30 minutes ago sits in the last bucket of "other"
    expect(series.other!.at(-1)).toBe(1);
    expect(sum(series.other!)).toBe(1);
  });

  it('lists the top attacking addresses and attacked site paths', () => {
    const t = dashboard.traffic!;
    expect(t.topSources).toEqual([{ ip: '203.0.113.7', count: 6 }, { ip: '198.51.100.2', count: 2 }, { ip: '192.0.2.50', count: 1 }]);
    expect(t.topTargets[0]).toEqual({ site: 'shop', path: '/login', count: 6 });
    expect(t.topTargets).toContainEqual({ site: 'api', path: '/search', count: 2 });
  });

  it('summarises agents, host risk, open vulnerabilities and the baseline pass rate', () => {
    expect(dashboard.hosts).toEqual({
      total: 3,
      status: { online: 1, offline: 1, never: 1 },
      risk: { critical: 1, high: 0, medium: 0, low: 1, none: 0, unknown: 1 },
      baseline: { hosts: 2, passed: 45, failed: 15, notApplicable: 2, passRate: 75 },
    });
    expect(dashboard.vulnerabilities).toEqual({ critical: 1, high: 0, medium: 1, low: 1, negligible: 0, unknown: 0, hosts: 2 });
  });

  it('counts the account\'s alerts raised in the range by severity band and status, and those still unresolved (not other accounts\' nor account-less ones)', () => {
    expect(dashboard.alerts).toEqual({
      unresolved: 3,
      bySeverity: [
        { severity: 'critical', open: 1, acknowledged: 0, closed: 0 },
        { severity: 'high', open: 0, acknowledged: 1, closed: 0 },
        { severity: 'medium', open: 0, acknowledged: 0, closed: 1 },
        { severity: 'low', open: 0, acknowledged: 0, closed: 0 },
      ],
    });
  });

  it('scores the live posture against all four frameworks', () => {
    expect(dashboard.posture!.map((p) => p.framework.id)).toEqual(['cis-alibaba-2.0', 'mlps2-l3', 'iso27001-2022', 'pci-dss-4.0']);
    for (const p of dashboard.posture!) {
      expect(p.failed).toBeGreaterThan(0); // a fresh account has a root AccessKey and no MFA enforcement
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThan(100);
    }
  });

  it('aggregates a larger synthetic mix consistently (classes sum to the attacks)', async () => {
    const big = await DuckDbEventStore.open({ path: ':memory:' });
    try {
      const docs = syntheticEvents({ count: 5000, from: NOW.getTime() - 24 * HOUR, to: NOW.getTime() }).map((d): Record<string, unknown> => ({ ...d, cloud: { account: { id: root.accountId } } }));
      await big.append(events(docs, NOW.getTime()));
      const authorizer = new Authorizer(() => platform.storage.db<IamTables>() as Kysely<IamTables>);
      const d = await buildDashboard({ storage: platform.storage, clock: platform.clock, events: big, authorizer }, root, { from: '-24h', to: 'now', top: 10 });
      const t = d.traffic!;
      const gateway = docs.filter((e) => (e.event as { dataset: string }).dataset === 'bulwark.gateway');
      expect(t.requests).toBe(gateway.length);
      expect(t.attacks).toBe(gateway.filter((e) => (e.event as { kind: string }).kind === 'alert').length);
      expect(t.attackTypes.reduce((n, c) => n + c.count, 0)).toBe(t.attacks);
      expect(t.attacksOverTime.flatMap((s) => s.counts).reduce((a, b) => a + b, 0)).toBe(t.attacks);
      expect(t.blocked + t.passed).toBe(t.requests);
      expect(t.topSources).toHaveLength(10);
      expect(t.topSources[0]!.count).toBeGreaterThanOrEqual(t.topSources[9]!.count);
    } finally {
      await big.close();
    }
  });
});
