import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
