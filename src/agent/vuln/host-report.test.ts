import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.js';
import { initAccount } from '../../iam/bootstrap.js';
import { systemCaller, type Caller } from '../../iam/caller.js';
import type { IamTables } from '../../iam/tables.js';
import { rootContext } from '../../console/test-support/root-context.js';
import { HostService } from '../../hosts/service.js';
import { createLoginProfile } from '../../iam/login-profiles.js';
import { inventoryOf } from '../../hosts/test-support/inventory.js';
import { openTestPlatform, testDialects } from '../../openapi/test-support/iam-fixture.js';
import type { Platform } from '../../server/platform.js';
import { importFeed } from './feed-import.js';
import { readFeed } from './feed-source.js';
import { listHostFindings } from './host-findings.js';
import type { VulnTables } from './tables.js';
import { fixture, pkg } from './test-support/fixtures.js';

const meta = { requestId: 'req-1', sourceIp: '10.0.0.1' };

describe.each(testDialects())('inventory reports update vulnerability findings on %s', (dialect) => {
  let platform: Platform;
  let dispose: () => Promise<void>;
  let service: HostService;
  let root: Caller;
  let clock: ReturnType<typeof fixedClock>;
  const events: Array<Record<string, unknown>> = [];

  beforeEach(async () => {
    clock = fixedClock(new Date('2026-01-01T00:00:00Z'));
    ({ platform, dispose } = await openTestPlatform(dialect, clock));
    root = systemCaller((await initAccount(platform)).accountId, 'req-0');
    events.length = 0;
    service = new HostService({ storage: platform.storage, audit: platform.audit, clock, sealer: platform.sealer, logger: platform.logger, events: { ingest: async (docs) => void events.push(...(docs as Array<Record<string, unknown>>)) }, invalidate: () => undefined });
  });
  afterEach(async () => dispose());

  it('a report opens findings, a later feed import re-matches the stored inventory, an upgrade resolves them (with events)', async () => {
    await importFeed(platform, root, await readFeed(fixture('osv-dsa.json')), 'osv-dsa.json');
    const token = await service.createToken(root, meta, { ttlSeconds: 3600, label: 'prod' });
    const e = await service.enroll(meta, { token: token.Token, hostname: 'web-1', os: 'Debian 12', agentVersion: '0.1.0' });
    const user = await (platform.storage.db<IamTables>() as Kysely<IamTables>).selectFrom('iam_users').select(['id', 'name']).where('name', '=', e.UserName).executeTakeFirstOrThrow();
    const host: Caller = { ...root, principalType: 'user', principalId: user.id, principalName: user.name, accessKeyId: e.AccessKeyId };
    const db = () => platform.storage.db<VulnTables>() as Kysely<VulnTables>;

    await service.reportInventory(host, meta, e.HostId, inventoryOf([pkg('dpkg', 'libssl3', '3.0.11-1~deb12u2', 'openssl'), pkg('dpkg', 'curl', '7.88.1-10+deb12u5'), pkg('dpkg', 'libc6', '2.36-9+deb12u7', 'glibc')], []));
    expect((await listHostFindings(db(), root.accountId, e.HostId)).map((f) => f.advisoryId)).toEqual(['DSA-5764-1']);
    // a feed imported later applies to the stored inventory at once
    const imported = await importFeed(platform, root, await readFeed(fixture('debian-tracker.json')), 'debian-tracker.json');
    expect(imported.hosts).toEqual({ hosts: 1, opened: 2, resolved: 0 });
    expect((await listHostFindings(db(), root.accountId, e.HostId)).map((f) => [f.advisoryId, f.package, f.fixedVersion])).toEqual([
      ['CVE-2024-2379', 'curl', null],
      ['CVE-2024-5535', 'libssl3', '3.0.14-1~deb12u2'],
      ['DSA-5764-1', 'libssl3', '3.0.14-1~deb12u2'],
    ]);
    const opened = events.filter((d) => d['event.action'] === 'vulnerability-opened');
    expect(opened.map((d) => d['vulnerability.id']).sort()).toEqual(['DSA-5764-1']);
    expect(opened.find((d) => d['vulnerability.id'] === 'DSA-5764-1')).toMatchObject({ 'host.id': e.HostId, 'package.name': 'libssl3', 'package.version': '3.0.11-1~deb12u2' });

    events.length = 0;
    clock.advance(3_600_000);
    await service.reportInventory(host, meta, e.HostId, inventoryOf([pkg('dpkg', 'libssl3', '3.0.14-1~deb12u2', 'openssl'), pkg('dpkg', 'curl', '7.88.1-10+deb12u5'), pkg('dpkg', 'libc6', '2.36-9+deb12u7', 'glibc')], [], '2026-01-01T01:00:00.000Z'));
    expect((await listHostFindings(db(), root.accountId, e.HostId)).map((f) => f.advisoryId)).toEqual(['CVE-2024-2379']);
    expect((await listHostFindings(db(), root.accountId, e.HostId, { status: 'resolved' })).map((f) => [f.advisoryId, f.package])).toEqual([
      ['CVE-2024-5535', 'libssl3'],
      ['DSA-5764-1', 'libssl3'],
    ]);
    expect(events.filter((d) => d['event.action'] === 'vulnerability-resolved').map((d) => d['vulnerability.id']).sort()).toEqual(['CVE-2024-5535', 'DSA-5764-1']);
  });

  it('deleting a host removes its findings (open and resolved) in the same transaction, and only its own', async () => {
    await importFeed(platform, root, await readFeed(fixture('osv-dsa.json')), 'osv-dsa.json');
    await importFeed(platform, root, await readFeed(fixture('debian-tracker.json')), 'debian-tracker.json');
    const db = () => platform.storage.db<VulnTables>() as Kysely<VulnTables>;
    const enroll = async (hostname: string) => {
      const token = await service.createToken(root, meta, { ttlSeconds: 3600, label: hostname });
      const e = await service.enroll(meta, { token: token.Token, hostname, os: 'Debian 12', agentVersion: '0.1.0' });
      const user = await (platform.storage.db<IamTables>() as Kysely<IamTables>).selectFrom('iam_users').select(['id', 'name']).where('name', '=', e.UserName).executeTakeFirstOrThrow();
      const host: Caller = { ...root, principalType: 'user', principalId: user.id, principalName: user.name, accessKeyId: e.AccessKeyId };
      await service.reportInventory(host, meta, e.HostId, inventoryOf([pkg('dpkg', 'libssl3', '3.0.11-1~deb12u2', 'openssl'), pkg('dpkg', 'curl', '7.88.1-10+deb12u5')], []));
      return { e, host };
    };
    const gone = await enroll('gone-1');
    const kept = await enroll('kept-1');
    // one finding resolved, so both statuses are stored for the deleted host
    await service.reportInventory(gone.host, meta, gone.e.HostId, inventoryOf([pkg('dpkg', 'libssl3', '3.0.14-1~deb12u2', 'openssl'), pkg('dpkg', 'curl', '7.88.1-10+deb12u5')], [], '2026-01-01T01:00:00.000Z'));
    const all = (hostId: string) => listHostFindings(db(), root.accountId, hostId, { status: 'all' });
    const goneFindings = (await all(gone.e.HostId)).length;
    expect(new Set((await all(gone.e.HostId)).map((f) => f.status))).toEqual(new Set(['open', 'resolved']));
    const keptFindings = (await all(kept.e.HostId)).map((f) => f.advisoryId);
    expect(keptFindings.length).toBeGreaterThan(0);

    // a deletion that fails (the host's RAM user was given a console password) keeps everything
    await createLoginProfile(rootContext(platform, root.accountId), { UserName: gone.e.UserName, Password: 'Correct-Horse-42' });
    await expect(service.deleteHost(root, meta, 'gone-1')).rejects.toMatchObject({ code: expect.any(String) });
    expect(await all(gone.e.HostId)).toHaveLength(goneFindings);
    await (platform.storage.db<IamTables>() as Kysely<IamTables>).deleteFrom('iam_login_profiles').execute();

    await service.deleteHost(root, meta, 'gone-1');
    expect(await db().selectFrom('vuln_host_findings').select('advisory_id').where('host_id', '=', gone.e.HostId).execute()).toEqual([]);
    expect((await all(kept.e.HostId)).map((f) => f.advisoryId)).toEqual(keptFindings);
    const deleted = (await platform.audit.list({ accountId: root.accountId, limit: 50 })).find((r) => r.event.eventName === 'DeleteHost');
    expect(deleted?.event).toMatchObject({ requestParameters: { HostId: gone.e.HostId }, responseElements: { VulnFindings: goneFindings } });
  });
});
