import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchHostPackages } from '../agent/vuln/host-findings.js';
import { FEEDS_PATH, IMPORT_FEED_ACTION } from '../agent/vuln/paths.js';
import { fixture, pkg } from '../agent/vuln/test-support/fixtures.js';
import { createLogger } from '../core/logger.js';
import { signedPost } from '../events/client.js';
import { initAccount } from '../iam/bootstrap.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { signedClient } from '../openapi/test-support/signed-client.js';
import { openPlatform } from '../server/platform.js';
import { runCli } from './test-support/run-cli.js';
import { registerVuln } from './vuln.js';

/** Runs `bulwark vuln …` in-process with extra environment variables. */
async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const r = await runCli(registerVuln, args);
    return { code: r.exitCode ?? 0, stdout: r.stdout, stderr: r.stderr };
  } finally {
    process.env = saved;
  }
}

describe('bulwark vuln feed (offline, --data-dir)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-cli-vuln-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs an account in the data directory', async () => {
    const r = await run(['vuln', 'feed', 'import', fixture('osv-dsa.json'), '--data-dir', join(dir, 'empty')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bulwark init');
  });

  it('imports (progress on stderr, counts as JSON), lists, and audits', async () => {
    const dataDir = join(dir, 'data');
    const platform = await openPlatform({ dataDir, logger: createLogger({ level: 'silent' }) });
    const account = await initAccount(platform);
    await platform.storage.close();

    const tracker = await run(['vuln', 'feed', 'import', fixture('debian-tracker.json'), '--data-dir', dataDir, '--format', 'json']);
    expect(tracker.code).toBe(0);
    expect(JSON.parse(tracker.stdout)).toMatchObject({ format: 'debian', advisories: 5, ranges: 6, notAffected: 1, skipped: 1, source: fixture('debian-tracker.json') });
    expect(tracker.stderr).toContain('imported 5/5 advisories');
    const folder = await run(['vuln', 'feed', 'import', fixture('osv-folder'), '--data-dir', dataDir, '--format', 'osv', '--format', 'json']);
    expect(JSON.parse(folder.stdout)).toMatchObject({ format: 'osv', advisories: 6 });
    const wrong = await run(['vuln', 'feed', 'import', fixture('osv-dsa.json'), '--data-dir', dataDir, '--format', 'debian']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Vuln.InvalidFeed');

    const list = await run(['vuln', 'feed', 'list', '--data-dir', dataDir, '--format', 'json']);
    expect((JSON.parse(list.stdout) as { feeds: Array<{ format: string; importedBy: string }> }).feeds.map((f) => [f.format, f.importedBy]).sort()).toEqual([['debian', 'bulwark-cli'], ['osv', 'bulwark-cli']]);
    const text = await run(['vuln', 'feed', 'list', '--data-dir', dataDir]);
    expect(text.stdout).toContain('osv-folder');

    const reopened = await openPlatform({ dataDir, logger: createLogger({ level: 'silent' }) });
    try {
      const audit = await reopened.audit.list({ accountId: account.accountId, limit: 10 });
      expect(audit.filter((r) => r.event.eventName === 'ImportVulnerabilityFeed').map((r) => r.event.eventType)).toEqual(['SystemEvent', 'SystemEvent']);
    } finally {
      await reopened.storage.close();
    }
  });
});

describe('bulwark vuln against a server (--server)', () => {
  let t: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await startTestServer();
    env = { BULWARK_ACCESS_KEY_ID: t.root.accessKeyId, BULWARK_ACCESS_KEY_SECRET: t.root.accessKeySecret };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports through the signed route, lists, and the import is audited with the caller', async () => {
    const r = await run(['vuln', 'feed', 'import', fixture('osv-dsa.json'), '--server', t.server.url, '--format', 'json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'osv', advisories: 1, ranges: 2, source: fixture('osv-dsa.json') });
    const list = await run(['vuln', 'feed', 'list', '--server', t.server.url, '--format', 'json'], env);
    expect((JSON.parse(list.stdout) as { feeds: unknown[] }).feeds).toEqual([expect.objectContaining({ format: 'osv', advisories: 1, importedBy: t.root.accountId })]);
    const audit = await t.server.platform.audit.list({ accountId: t.root.accountId, limit: 20 });
    expect(audit.find((e) => e.event.eventName === 'ImportVulnerabilityFeed')?.event).toMatchObject({ eventType: 'ApiCall', userIdentity: { type: 'root-account', accessKeyId: t.root.accessKeyId }, responseElements: { advisories: 1 } });
  });

  it('an invalid feed is rejected with a coded error and nothing is stored', async () => {
    const r = await run(['vuln', 'feed', 'import', fixture('empty-policy.yml'), '--server', t.server.url], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Vuln.InvalidFeed');
    // the server validates what it is sent, too
    const key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
    const bad = await signedPost(t.server.url, `${FEEDS_PATH}/import`, Buffer.from(JSON.stringify({ source: 'bad.json', feed: [{ id: 'X', modified: 'now', affected: [{ package: { ecosystem: 'Debian:12' } }] }] })), 'application/json', key, IMPORT_FEED_ACTION);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ Code: 'Vuln.InvalidFeed', Message: expect.stringContaining('0.affected.0.package.name') });
    const list = await run(['vuln', 'feed', 'list', '--server', t.server.url, '--format', 'json'], env);
    expect((JSON.parse(list.stdout) as { feeds: unknown[] }).feeds).toHaveLength(1);
  });

  it('a RAM user without permission is denied', async () => {
    const client = signedClient(t.server.app, { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret });
    await client.ok('CreateUser', { UserName: 'reader' });
    const key = (await client.ok('CreateAccessKey', { UserName: 'reader' })).AccessKey as { AccessKeyId: string; AccessKeySecret: string };
    const r = await run(['vuln', 'feed', 'import', fixture('osv-dsa.json'), '--server', t.server.url], { BULWARK_ACCESS_KEY_ID: key.AccessKeyId, BULWARK_ACCESS_KEY_SECRET: key.AccessKeySecret });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NoPermission|Forbidden/);
  });

  it('lists a host\'s findings', async () => {
    await t.server.platform.storage.transaction((trx) =>
      matchHostPackages(trx, { accountId: t.root.accountId, hostId: 'h-42', os: { id: 'debian', versionId: '12', versionCodename: 'bookworm', prettyName: '' }, packages: [pkg('dpkg', 'libssl3', '3.0.11-1~deb12u2', 'openssl')], now: '2026-11-29T01:00:00Z' }),
    );
    const r = await run(['vuln', 'findings', '--host', 'h-42', '--server', t.server.url, '--format', 'json'], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ host: 'h-42', findings: [{ advisoryId: 'DSA-5764-1', package: 'libssl3', fixedVersion: '3.0.14-1~deb12u2', remediation: 'apt-get install --only-upgrade libssl3', status: 'open' }] });
    const text = await run(['vuln', 'findings', '--host', 'h-42', '--server', t.server.url], env);
    expect(text.stdout).toContain('apt-get install --only-upgrade libssl3');
  });
});
