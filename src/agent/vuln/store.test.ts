import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditMigrations } from '../../audit/migrations.js';
import { AuditTrail } from '../../audit/trail.js';
import { hostsMigrations } from '../../hosts/migrations.js';
import { systemCaller } from '../../iam/caller.js';
import { migrate } from '../../storage/migrations.js';
import { storageTargets, type OpenedTarget } from '../../storage/test-support/targets.js';
import { importFeed, type FeedImportDeps } from './feed-import.js';
import { readFeed } from './feed-source.js';
import { listFeeds, storedTotals } from './feed-store.js';
import { listHostFindings, matchHostPackages } from './host-findings.js';
import type { HostOs, InstalledPackage } from './installed-package.js';
import { vulnMigrations } from './migrations.js';
import type { VulnTables } from './tables.js';
import { fixture, pkg } from './test-support/fixtures.js';

const ACCOUNT = '1000000000000001';
const OTHER = '1000000000000002';
const bookworm: HostOs = { id: 'debian', versionId: '12', versionCodename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)' };
const clock = { now: () => new Date('2026-11-29T01:00:00Z') };

const packages = (ssl: string): InstalledPackage[] => [pkg('dpkg', 'libssl3', ssl, 'openssl'), pkg('dpkg', 'curl', '7.88.1-10+deb12u5'), pkg('dpkg', 'libc6', '2.36-9+deb12u7', 'glibc'), pkg('dpkg', 'zlib1g', '1:1.2.13.dfsg-1', 'zlib')];

for (const target of storageTargets()) {
  describe(`vulnerability feeds and host findings on ${target.dialect}`, () => {
    let t: OpenedTarget;
    let deps: FeedImportDeps;
    const db = () => t.storage.db<VulnTables>() as Kysely<VulnTables>;
    const match = (pk: InstalledPackage[], now: string, accountId = ACCOUNT) => t.storage.transaction((trx) => matchHostPackages(trx, { accountId, hostId: 'h-1', os: bookworm, packages: pk, now }));

    beforeAll(async () => {
      t = await target.open();
      await migrate(t.storage, [auditMigrations, hostsMigrations, vulnMigrations]);
      deps = { storage: t.storage, audit: new AuditTrail(t.storage, clock), clock };
    });
    afterAll(async () => {
      await t.dispose();
    });

    it('imports feeds normalized into tables, listed and audited', async () => {
      const caller = systemCaller(ACCOUNT, 'req-import-1');
      const progress: number[] = [];
      const tracker = await importFeed(deps, caller, await readFeed(fixture('debian-tracker.json')), 'debian-tracker.json', { onProgress: (done) => progress.push(done) });
      expect(tracker).toMatchObject({ format: 'debian', advisories: 5, ranges: 6, notAffected: 1, skipped: 1, hosts: { hosts: 0, opened: 0, resolved: 0 } });
      expect(progress.at(-1)).toBe(5);
      const osv = await importFeed(deps, caller, await readFeed(fixture('osv-array.json')), 'osv-array.json');
      expect(osv).toMatchObject({ format: 'osv', advisories: 1, ranges: 1, skipped: 1 });
      expect((await listFeeds(db(), ACCOUNT)).map((f) => [f.format, f.source, f.advisories])).toEqual(expect.arrayContaining([['debian', 'debian-tracker.json', 5], ['osv', 'osv-array.json', 1]]));
      expect(await listFeeds(db(), OTHER)).toEqual([]);
      const audit = await deps.audit.list({ accountId: ACCOUNT, limit: 10 });
      expect(audit.filter((r) => r.event.eventName === 'ImportVulnerabilityFeed').map((r) => r.event.requestParameters)).toEqual([
        { format: 'osv', source: 'osv-array.json' },
        { format: 'debian', source: 'debian-tracker.json' },
      ]);
    });

    it('importing the same feed again replaces instead of duplicating', async () => {
      const before = await storedTotals(db(), ACCOUNT);
      await importFeed(deps, systemCaller(ACCOUNT, 'req-import-2'), await readFeed(fixture('debian-tracker.json')), 'again');
      expect(await storedTotals(db(), ACCOUNT)).toEqual(before);
    });

    it('matches a host, stores its findings (fixed, no fix yet) and resolves them when the package is upgraded', async () => {
      const first = await match(packages('3.0.11-1~deb12u2'), '2026-11-29T01:00:00Z');
      expect(first.supported).toBe(true);
      expect(first.opened.map((f) => [f.advisoryId, f.package, f.fixedVersion])).toEqual([
        ['DEBIAN-CVE-2023-45853', 'zlib1g', null],
        ['CVE-2024-2379', 'curl', null],
        ['CVE-2024-5535', 'libssl3', '3.0.14-1~deb12u2'],
      ]);
      const open = await listHostFindings(db(), ACCOUNT, 'h-1');
      expect(open.find((f) => f.package === 'zlib1g')).toMatchObject({ score: 9.8, severity: 'critical', status: 'open', aliases: ['CVE-2023-45853'], firstSeen: '2026-11-29T01:00:00Z' });
      expect(open.find((f) => f.package === 'libssl3')).toMatchObject({ remediation: 'apt-get install --only-upgrade libssl3', installedVersion: '3.0.11-1~deb12u2' });

      // the same report again changes nothing
      const again = await match(packages('3.0.11-1~deb12u2'), '2026-11-29T02:00:00Z');
      expect(again).toMatchObject({ opened: [], resolved: [], open: 3 });

      // libssl3 upgraded past the fix: its finding is resolved, the others stay open
      const upgraded = await match(packages('3.0.14-1~deb12u2'), '2026-11-29T03:00:00Z');
      expect(upgraded).toMatchObject({ opened: [], resolved: [{ advisoryId: 'CVE-2024-5535', package: 'libssl3', installedVersion: '3.0.11-1~deb12u2' }], open: 2 });
      expect((await listHostFindings(db(), ACCOUNT, 'h-1')).map((f) => f.package)).toEqual(['zlib1g', 'curl']);
      expect(await listHostFindings(db(), ACCOUNT, 'h-1', { status: 'resolved' })).toEqual([expect.objectContaining({ package: 'libssl3', resolvedAt: '2026-11-29T03:00:00Z', lastSeen: '2026-11-29T02:00:00Z' })]);

      // downgraded again: reopened
      const downgraded = await match(packages('3.0.11-1~deb12u2'), '2026-11-29T04:00:00Z');
      expect(downgraded.opened.map((f) => f.package)).toEqual(['libssl3']);
      expect((await listHostFindings(db(), ACCOUNT, 'h-1', { status: 'all' })).find((f) => f.package === 'libssl3')).toMatchObject({ status: 'open', resolvedAt: null, firstSeen: '2026-11-29T01:00:00Z' });
    });

    it('a feed saying "not affected" later clears stored ranges and the host finding resolves', async () => {
      const cleared = { curl: { 'CVE-2024-2379': { description: 'x', releases: { bookworm: { status: 'resolved', fixed_version: '0', urgency: 'low' } } } } };
      const { parseFeed } = await import('./feed-source.js');
      await importFeed(deps, systemCaller(ACCOUNT, 'req-import-3'), parseFeed(cleared, 'inline'), 'inline');
      const r = await match(packages('3.0.11-1~deb12u2'), '2026-11-29T05:00:00Z');
      expect(r.resolved.map((f) => f.package)).toEqual(['curl']);
    });

    it('another account sees no advisories; an unsupported OS changes nothing', async () => {
      expect((await match(packages('3.0.11-1~deb12u2'), '2026-11-29T06:00:00Z', OTHER)).opened).toEqual([]);
      const arch = await t.storage.transaction((trx) => matchHostPackages(trx, { accountId: ACCOUNT, hostId: 'h-1', os: { id: 'arch', versionId: '', versionCodename: '', prettyName: 'Arch Linux' }, packages: [], now: '2026-11-29T07:00:00Z' }));
      expect(arch).toEqual({ supported: false, opened: [], resolved: [], open: 0 });
      expect((await listHostFindings(db(), ACCOUNT, 'h-1')).length).toBe(2);
    });
  });
}
