import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext } from '../console/test-support/root-context.js';
import { createLogger } from '../core/logger.js';
import { attachPolicy } from '../iam/attachments.js';
import { initAccount } from '../iam/bootstrap.js';
import { createLoginProfile } from '../iam/login-profiles.js';
import { createUser } from '../iam/users.js';
import { buildApp } from '../server/app.js';
import { openPlatform, type Platform } from '../server/platform.js';
import type { ComplianceReport } from './compliance/compliance-report.js';

const PASSWORD = 'Correct-Horse-9';

describe('console posture report', () => {
  let dir: string;
  let platform: Platform;
  let app: FastifyInstance;
  let accountId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-console-posture-'));
    platform = await openPlatform({ dataDir: dir, logger: createLogger({ level: 'silent' }) });
    app = await buildApp({ platform });
    accountId = (await initAccount(platform)).accountId;
    const root = rootContext(platform, accountId);
    for (const [name, policy] of [['auditor', 'AdministratorAccess'], ['reader', 'AliyunRAMReadOnlyAccess']] as const) {
      await createUser(root, { UserName: name });
      await createLoginProfile(root, { UserName: name, Password: PASSWORD });
      await attachPolicy(root, 'User', { PolicyType: 'System', PolicyName: policy, PrincipalName: name });
    }
  });
  afterAll(async () => {
    await app.close();
    await platform.storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cookieOf(userName: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/console/api/session', payload: { account: accountId, userName, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }

  it("returns the session account's report as JSON or as an HTML download", async () => {
    const cookie = await cookieOf('auditor');
    const res = await app.inject({ method: 'GET', url: '/console/api/posture/report?framework=pci-dss-4.0', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const report = (res.json() as { Report: ComplianceReport }).Report;
    expect(report).toMatchObject({ accountId, framework: { id: 'pci-dss-4.0' } });
    // the console users have passwords and no MFA; the auditor holds AdministratorAccess directly
    expect(report.findings.map((f) => `${f.checkId} ${f.resource.id}`)).toEqual(expect.arrayContaining(['BWK-RAM-102 bulwark:ram-user/auditor', 'BWK-RAM-114 bulwark:ram-user/auditor']));
    const html = await app.inject({ method: 'GET', url: '/console/api/posture/report?framework=pci-dss-4.0&format=html', headers: { cookie } });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-disposition']).toContain('bulwark-pci-dss-4.0.html');
  });

  it('downloads the report as SARIF 2.1.0 and as a JSON file', async () => {
    const cookie = await cookieOf('auditor');
    const sarif = await app.inject({ method: 'GET', url: '/console/api/posture/report?framework=cis-alibaba-2.0&format=sarif', headers: { cookie } });
    expect(sarif.statusCode).toBe(200);
    expect(sarif.headers['content-type']).toContain('application/sarif+json');
    expect(sarif.headers['content-disposition']).toContain('bulwark-cis-alibaba-2.0.sarif');
    const doc = sarif.json() as { version: string; runs: Array<{ results: Array<{ ruleId: string; message: { text: string } }>; properties: { framework: { id: string } } }> };
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs[0]!.properties.framework.id).toBe('cis-alibaba-2.0');
    expect(doc.runs[0]!.results).toContainEqual(expect.objectContaining({ ruleId: 'BWK-RAM-102', message: expect.objectContaining({ text: expect.stringContaining('bulwark:ram-user/auditor') }) }));
    const json = await app.inject({ method: 'GET', url: '/console/api/posture/report?framework=iso27001-2022&download=1', headers: { cookie } });
    expect(json.headers['content-disposition']).toContain('bulwark-iso27001-2022.json');
    expect(json.json()).toMatchObject({ accountId, framework: { id: 'iso27001-2022' }, summary: expect.any(Object) });
  });

  it('names a bad framework and refuses users without bulwark:GetPostureReport', async () => {
    const auditor = await cookieOf('auditor');
    expect((await app.inject({ method: 'GET', url: '/console/api/posture/report?framework=sox', headers: { cookie: auditor } })).json()).toMatchObject({ Code: 'InvalidParameter', Field: 'framework' });
    const reader = await cookieOf('reader');
    const denied = await app.inject({ method: 'GET', url: '/console/api/posture/report?framework=cis-alibaba-2.0', headers: { cookie: reader } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ Code: 'NoPermission' });
    expect((await app.inject({ method: 'GET', url: '/console/api/posture/report?framework=cis-alibaba-2.0' })).statusCode).toBe(401);
  });
});
