import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost, type AccessKey } from '../events/client.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { signedClient } from '../openapi/test-support/signed-client.js';
import type { ComplianceReport } from './compliance/compliance-report.js';
import { GET_POSTURE_REPORT_ACTION, POSTURE_REPORT_PATH } from './routes.js';

let ts: TestServer;
let root: AccessKey;

const post = (key: AccessKey, body: unknown) => signedPost(ts.server.url, POSTURE_REPORT_PATH, Buffer.from(JSON.stringify(body)), 'application/json', key, GET_POSTURE_REPORT_ACTION);
const requirement = (report: ComplianceReport, id: string) => report.requirements.find((r) => r.id === id)!;

beforeAll(async () => {
  ts = await startTestServer();
  root = { accessKeyId: ts.root.accessKeyId, accessKeySecret: ts.root.accessKeySecret };
  const ram = signedClient(ts.server.app, root);
  await ram.ok('CreateUser', { UserName: 'alice' });
  await ram.ok('CreateLoginProfile', { UserName: 'alice', Password: 'Correct-Horse-42' });
  await ram.ok('CreateUser', { UserName: 'reader' });
});
afterAll(async () => {
  await ts.close();
});

describe('POST /api/posture/report', () => {
  it("scores the caller's account: root AccessKey and a console user without MFA fail CIS 1.2 and 1.4", async () => {
    const r = await post(root, { framework: 'cis-alibaba-2.0' });
    expect(r.status).toBe(200);
    const report = (r.json as { Report: ComplianceReport }).Report;
    expect(report).toMatchObject({ accountId: ts.root.accountId, framework: { id: 'cis-alibaba-2.0' }, sources: { iac: { evaluated: false } } });
    expect(report.requirements).toHaveLength(85);
    expect(requirement(report, '1.2').status).toBe('failed');
    expect(requirement(report, '1.4')).toMatchObject({ status: 'failed', evidence: [expect.objectContaining({ checkId: 'BWK-RAM-102', status: 'fail', resource: { id: 'bulwark:ram-user/alice', type: 'bulwark:ram-user' } })] });
    expect(requirement(report, '1.1').status).toBe('manual');
    expect(requirement(report, '5.1')).toMatchObject({ status: 'not_applicable', reason: 'not evaluated: no IaC scanned (--iac PATH)' });
    expect(report.findings.map((f) => f.checkId)).toContain('BWK-RAM-101');
  });

  it('merges IaC results the client scanned and refuses ids that are not IaC checks', async () => {
    const result = { checkId: 'BWK-OSS-010', status: 'fail', resource: { id: 'alicloud_oss_bucket.logs', type: 'alicloud_oss_bucket', file: 'main.tf', line: 3 }, message: 'public-read ACL', evidence: { acl: 'public-read' } };
    const r = await post(root, { framework: 'cis-alibaba-2.0', iac: { paths: ['main.tf'], resources: 1, results: [result] } });
    expect(r.status).toBe(200);
    const report = (r.json as { Report: ComplianceReport }).Report;
    expect(requirement(report, '5.1')).toMatchObject({ status: 'failed', evidence: [expect.objectContaining({ resource: expect.objectContaining({ file: 'main.tf', line: 3 }) })] });
    expect((await post(root, { framework: 'cis-alibaba-2.0', iac: { paths: [], resources: 0, results: [{ ...result, checkId: 'BWK-RAM-101' }] } })).status).toBe(400);
  });

  it('answers HTML when asked', async () => {
    const r = await post(root, { framework: 'mlps2-l3', format: 'html' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
  });

  it('answers SARIF 2.1.0 when asked, one result per failed resource', async () => {
    const r = await post(root, { framework: 'cis-alibaba-2.0', format: 'sarif' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/sarif+json');
    const doc = r.json as { version: string; runs: Array<{ results: Array<{ ruleId: string; properties: { requirements: string[] } }> }> };
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs[0]!.results).toContainEqual(expect.objectContaining({ ruleId: 'BWK-RAM-102', properties: expect.objectContaining({ requirements: expect.arrayContaining(['1.4']) }) }));
  });

  it('rejects unknown frameworks and callers without bulwark:GetPostureReport', async () => {
    const bad = await post(root, { framework: 'sox' });
    expect(bad).toMatchObject({ status: 400, json: { Code: 'InvalidParameter' } });
    const ram = signedClient(ts.server.app, root);
    const created = (await ram.ok('CreateAccessKey', { UserName: 'reader' })).AccessKey as { AccessKeyId: string; AccessKeySecret: string };
    const denied = await post({ accessKeyId: created.AccessKeyId, accessKeySecret: created.AccessKeySecret }, { framework: 'cis-alibaba-2.0' });
    expect(denied).toMatchObject({ status: 403, json: { Code: 'NoPermission' } });
  });
});
