import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { createLogger } from '../core/logger.js';
import { initAccount } from '../iam/bootstrap.js';
import { systemCaller } from '../iam/caller.js';
import type { IamTables } from '../iam/tables.js';
import type { ComplianceReport } from '../posture/compliance/compliance-report.js';
import { seedAccount } from '../posture/snapshot/test-support/seed.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { openPlatform } from '../server/platform.js';
import { registerPosture } from './posture.js';
import { runCli } from './test-support/run-cli.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runCli(registerPosture, args);
  return { code: r.exitCode ?? 0, stdout: r.stdout, stderr: r.stderr };
}

describe('bulwark posture report (offline, over a seeded data dir)', () => {
  let dir: string;
  let accountId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-cli-posture-'));
    const platform = await openPlatform({ dataDir: join(dir, 'data'), logger: createLogger({ level: 'silent' }) });
    try {
      accountId = (await initAccount(platform)).accountId;
      const ctx = { db: platform.storage.db<IamTables>() as Kysely<IamTables>, caller: systemCaller(accountId, 'seed'), clock: systemClock, sealer: platform.sealer, invalidate: () => undefined };
      await seedAccount(ctx, platform.storage);
    } finally {
      await platform.storage.close();
    }
    writeFileSync(join(dir, 'main.tf'), 'resource "alicloud_oss_bucket" "public" {\n  bucket = "shared-files"\n  acl    = "public-read"\n}\n');
    writeFileSync(join(dir, 'gateway.yaml'), 'listen:\n  - address: 0.0.0.0:8080\nsites:\n  - name: blog\n    upstreams: [http://127.0.0.1:8002]\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores CIS over the live state and the scanned Terraform, as one JSON document', async () => {
    const r = await run(['posture', 'report', '--framework', 'cis-alibaba-2.0', '--format', 'json', '--data-dir', join(dir, 'data'), '--iac', join(dir, 'main.tf'), '--gateway-config', join(dir, 'gateway.yaml')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ComplianceReport;
    const status = Object.fromEntries(report.requirements.map((q) => [q.id, q.status]));
    expect(report.accountId).toBe(accountId);
    expect(report.sources.iac).toMatchObject({ evaluated: true, resources: 1 });
    // root AccessKey, alice without MFA, weak default password policy, custom *:* policy, direct attachment, public bucket
    expect(status).toMatchObject({ '1.1': 'manual', '1.2': 'failed', '1.4': 'failed', '1.11': 'failed', '1.14': 'passed', '1.15': 'failed', '1.16': 'failed', '5.1': 'failed' });
    expect(report.requirements.find((q) => q.id === '5.1')?.evidence[0]).toMatchObject({ checkId: 'BWK-OSS-010', resource: { file: expect.stringContaining('main.tf'), line: expect.any(Number) } });
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ checkId: 'BWK-RAM-102', resource: { id: 'bulwark:ram-user/alice', type: 'bulwark:ram-user' }, requirements: ['1.4'] })]));
    expect(report.summary.manual).toBe(report.requirements.filter((q) => q.checks.length === 0).length);
    expect(report.summary.score).toBeGreaterThan(0);
  });

  it('reports the platform checks of every framework (sites from the gateway YAML, KMS, alerts)', async () => {
    const r = await run(['posture', 'report', '--framework', 'pci-dss-4.0', '--data-dir', join(dir, 'data'), '--gateway-config', join(dir, 'gateway.yaml')]);
    const report = JSON.parse(r.stdout) as ComplianceReport;
    const failing = new Set(report.findings.map((f) => f.checkId));
    for (const id of ['BWK-WAF-101', 'BWK-WAF-102', 'BWK-WAF-103', 'BWK-KMS-101', 'BWK-KMS-102', 'BWK-SOC-101', 'BWK-RAM-114', 'BWK-RAM-115']) expect(failing, id).toContain(id);
    expect(report.requirements.find((q) => q.id === '12.1.1')).toMatchObject({ status: 'manual' });
  });

  it('writes a self-contained HTML report with --output', async () => {
    const out = join(dir, 'iso.html');
    const r = await run(['posture', 'report', '--framework', 'iso27001-2022', '--format', 'html', '--data-dir', join(dir, 'data'), '--output', out]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toMatch(/ISO\/IEC 27001:2022 Annex A: score [\d.]+% — \d+ passed, \d+ failed, \d+ manual/);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('8.24');
    expect(page).not.toMatch(/<script|src="http/);
  });

  it('prints SARIF 2.1.0 with --format sarif', async () => {
    const r = await run(['posture', 'report', '--framework', 'pci-dss-4.0', '--format', 'sarif', '--data-dir', join(dir, 'data')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { version: string; runs: Array<{ tool: { driver: { name: string } }; results: unknown[]; properties: { framework: { id: string } } }> };
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs[0]).toMatchObject({ tool: { driver: { name: 'bulwark-posture' } }, properties: { framework: { id: 'pci-dss-4.0' } } });
    expect(doc.runs[0]!.results.length).toBeGreaterThan(0);
  });

  it('exits 1 below --fail-under and 0 at or above it', async () => {
    const args = ['posture', 'report', '--framework', 'cis-alibaba-2.0', '--data-dir', join(dir, 'data')];
    const score = (JSON.parse((await run(args)).stdout) as ComplianceReport).summary.score!;
    expect((await run([...args, '--fail-under', String(score + 1)])).code).toBe(1);
    expect((await run([...args, '--fail-under', String(score)])).code).toBe(0);
    expect((await run([...args, '--fail-under', '101'])).code).toBe(2);
  });

  it('lists every check with its framework mappings', async () => {
    const r = await run(['posture', 'checks', '--format', 'json']);
    const { checks } = JSON.parse(r.stdout) as { checks: { id: string; source: string; mappings: { framework: string; requirement: string }[] }[] };
    expect(checks.find((c) => c.id === 'BWK-RAM-102')).toMatchObject({ source: 'platform', mappings: expect.arrayContaining([{ framework: 'cis-alibaba-2.0', requirement: '1.4', title: expect.any(String) }]) });
    expect(checks.find((c) => c.id === 'BWK-OSS-010')).toMatchObject({ source: 'iac', mappings: expect.arrayContaining([expect.objectContaining({ framework: 'cis-alibaba-2.0', requirement: '5.1' })]) });
    expect((await run(['posture', 'checks'])).stdout).toMatch(/BWK-RAM-101 +high +platform +The root account has no AccessKey {2}\[CIS 1\.2, /);
  });

  it('rejects an unknown framework and a missing account as coded errors', async () => {
    expect(await run(['posture', 'report', '--framework', 'sox', '--data-dir', join(dir, 'data')])).toMatchObject({ code: 2, stderr: expect.stringContaining('--framework') });
    expect(await run(['posture', 'report', '--framework', 'mlps2-l3', '--data-dir', join(dir, 'data'), '--account-id', '1'])).toMatchObject({ code: 1, stderr: expect.stringContaining('Posture.AccountNotFound') });
  });
});

describe('bulwark posture report --server', () => {
  let ts: TestServer;
  let dir: string;
  beforeAll(async () => {
    ts = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'bw-cli-posture-server-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "alicloud_oss_bucket" "public" {\n  bucket = "shared-files"\n  acl    = "public-read-write"\n}\n');
  });
  afterAll(async () => {
    delete process.env.BULWARK_ACCESS_KEY_ID;
    delete process.env.BULWARK_ACCESS_KEY_SECRET;
    await ts.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("asks the server for the key's account and merges the Terraform scanned locally", async () => {
    process.env.BULWARK_ACCESS_KEY_ID = ts.root.accessKeyId;
    process.env.BULWARK_ACCESS_KEY_SECRET = ts.root.accessKeySecret;
    const r = await run(['posture', 'report', '--framework', 'cis-alibaba-2.0', '--server', ts.server.url, '--iac', join(dir, 'main.tf')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ComplianceReport;
    expect(report).toMatchObject({ accountId: ts.root.accountId, sources: { iac: { evaluated: true, resources: 1 } } });
    expect(report.requirements.find((q) => q.id === '1.2')?.status).toBe('failed');
    expect(report.requirements.find((q) => q.id === '5.1')?.status).toBe('failed');
    expect(await run(['posture', 'report', '--framework', 'cis-alibaba-2.0', '--server', ts.server.url, '--gateway-config', 'gw.yaml'])).toMatchObject({ code: 2 });
  });
});
