import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VulnTables } from '../../agent/vuln/tables.js';
import type { HostsTables } from '../../hosts/tables.js';
import { iamFixture, testDialects, type IamFixture } from '../../openapi/test-support/iam-fixture.js';
import { SiteStore } from '../../sites/site-store.js';
import { seedAccount } from './test-support/seed.js';
import { takeSnapshot } from './take-snapshot.js';

describe.each(testDialects())('platform snapshot on %s', (dialect) => {
  let f: IamFixture;
  beforeEach(async () => {
    f = await iamFixture({ dialect });
  });
  afterEach(async () => f.close());

  it('reads RAM, KMS, sites and alerts of the account without writing', async () => {
    const ctx = f.ctx();
    await seedAccount(ctx, f.platform.storage);
    await new SiteStore(f.platform).put(ctx.caller, { name: 'shop', upstreams: ['http://127.0.0.1:8001'], waf: { mode: 'detect' } });
    const yaml = join(f.platform.dataDir, 'gateway.yaml');
    writeFileSync(yaml, 'listen:\n  - address: 0.0.0.0:8080\nsites:\n  - name: blog\n    upstreams: [http://127.0.0.1:8002]\n    waf: { mode: block }\n    rateLimits: [{ key: ip, limit: 10, window: 1s }]\n');
    const auditBefore = await f.platform.storage.db<{ audit_events: { seq: number } }>().selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    const s = await takeSnapshot({ storage: f.platform.storage, clock: f.clock, accountId: f.accountId, gatewayConfigFile: yaml });

    expect(s.ram.root.accessKeys).toHaveLength(1);
    const alice = s.ram.users.find((u) => u.name === 'alice')!;
    expect(alice).toMatchObject({ console: { mfaBindRequired: false }, mfa: null, policies: [{ name: 'AdministratorAccess', type: 'System' }], groups: [] });
    expect(alice.accessKeys).toEqual([expect.objectContaining({ status: 'Active', lastUsedAt: null })]);
    expect(s.ram.users.find((u) => u.name === 'bob')).toMatchObject({ mfa: { serialNumber: expect.stringContaining('mfa/bob-phone') }, groups: ['ops'], policies: [] });
    expect(s.ram.users.find((u) => u.name === 'ci')).toMatchObject({ console: null });
    expect(s.ram.groups).toEqual([{ id: expect.any(String), name: 'ops', policies: [{ name: 'ReadOnlyAccess', type: 'System' }] }]);
    expect(s.ram.policies.map((p) => `${p.type}:${p.name}`).sort()).toEqual(['Custom:Everything', 'System:AdministratorAccess', 'System:ReadOnlyAccess']);
    expect(s.ram.policies.find((p) => p.name === 'Everything')?.document).toMatchObject({ Statement: [{ Action: '*' }] });
    expect(s.ram.passwordPolicy.MinimumPasswordLength).toBe(8);
    expect(s.kms.keys.map((k) => [k.id, k.state, k.automaticRotation, k.symmetric])).toEqual(expect.arrayContaining([['key-norotate', 'Enabled', 'Disabled', true], ['key-doomed', 'PendingDeletion', 'Disabled', true]]));
    expect(s.sites).toMatchObject({ available: true, items: [{ name: 'shop', listeners: null, wafMode: 'detect', rateLimits: 0 }, { name: 'blog', listeners: [{ address: '0.0.0.0:8080', tls: false }], wafMode: 'block', rateLimits: 1 }] });
    expect(s.hosts).toMatchObject({ available: true, items: [] });
    expect(s.alerts).toMatchObject({ available: true, items: [{ title: 'Leaked AccessKey', severity: 100, status: 'open' }] });

    const auditAfter = await f.platform.storage.db<{ audit_events: { seq: number } }>().selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  it("does not read another account's state", async () => {
    await seedAccount(f.ctx(), f.platform.storage);
    const s = await takeSnapshot({ storage: f.platform.storage, clock: f.clock, accountId: '9999999999999999' });
    expect(s.ram.users).toEqual([]);
    expect(s.ram.root.accessKeys).toEqual([]);
    expect(s.kms.keys).toEqual([]);
    expect(s.alerts).toMatchObject({ items: [] });
  });
});

describe('hosts in the platform snapshot', () => {
  let f: IamFixture;
  beforeEach(async () => {
    f = await iamFixture();
  });
  afterEach(async () => f.close());

  it('reads failed baseline items and open critical vulnerabilities; unknown until scanned', async () => {
    const db = f.platform.storage.db<HostsTables & VulnTables>();
    const a = f.accountId;
    const at = '2026-01-01T00:00:00Z';
    const host = (id: string, hostname: string) => ({ id, account_id: a, hostname, label: '', user_id: `u-${id}`, user_name: `host-${id}`, os: 'debian 12', agent_version: '1', enrolled_at: at, last_seen_at: at });
    await db.insertInto('hosts_hosts').values([host('h1', 'web-1'), host('h2', 'web-2'), host('h3', 'fresh')]).execute();
    for (const id of ['h1', 'h2']) {
      await db.insertInto('hosts_baseline_policies').values({ host_id: id, policy_id: 'cis_debian12', account_id: a, name: 'CIS Debian 12', passed: 10, failed: id === 'h1' ? 1 : 0, not_applicable: 0, pass_rate: 90, skipped: null, scanned_at: at }).execute();
      await db.insertInto('hosts_inventories').values({ host_id: id, account_id: a, collected_at: at, received_at: at, inventory: '{}' }).execute();
    }
    const result = (check: string, r: 'passed' | 'failed') => ({ host_id: 'h1', policy_id: 'cis_debian12', check_id: check, account_id: a, title: `check ${check}`, result: r, reason: null, remediation: null, compliance: '[]', since: at });
    await db.insertInto('hosts_baseline_results').values([result('1.1', 'failed'), result('1.2', 'passed')]).execute();
    await db.insertInto('vuln_feeds').values({ id: 'feed-1', account_id: a, format: 'osv', source: 'test', advisories: 1, ranges: 1, not_affected: 0, skipped: 0, imported_by: 'root', imported_at: at }).execute();
    const finding = (advisory: string, severity: string, status: 'open' | 'resolved') => ({ account_id: a, host_id: 'h1', advisory_id: advisory, package: 'xz-utils', source_package: 'xz-utils', installed_version: '5.6.0', fixed_version: '5.6.2', severity, score: null, rating: null, aliases: '[]', summary: '', remediation: null, status, first_seen: at, last_seen: at, resolved_at: null });
    await db.insertInto('vuln_host_findings').values([finding('DSA-1', 'critical', 'open'), finding('DSA-2', 'high', 'open'), finding('DSA-3', 'critical', 'resolved')]).execute();

    const s = await takeSnapshot({ storage: f.platform.storage, clock: f.clock, accountId: a });
    expect(s.hosts).toEqual({
      available: true,
      source: 'hosts_hosts',
      items: [
        { id: 'h3', name: 'fresh', baselineFailures: null, criticalVulnerabilities: null },
        { id: 'h1', name: 'web-1', baselineFailures: [{ policy: 'cis_debian12', id: '1.1', title: 'check 1.1' }], criticalVulnerabilities: [{ id: 'DSA-1', package: 'xz-utils' }] },
        { id: 'h2', name: 'web-2', baselineFailures: [], criticalVulnerabilities: [] },
      ],
    });
  });
});
