import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertStore } from '../../events/alerts/alert-store.js';
import { initAccount } from '../../iam/bootstrap.js';
import { expectOk, signedPost, type AccessKey } from '../../events/client.js';
import { startTestServer, type TestServer } from '../../openapi/test-support/server.js';
import { callRpc, signedClient } from '../../openapi/test-support/signed-client.js';
import { leakFingerprint } from './detector.js';
import { FINDINGS_PATH, REPORT_ACTION, reportFindings, type KeyVerdict } from './report.js';
import { LEAK_RESPONSE_PATH, SET_LEAK_RESPONSE_ACTION } from './routes.js';
import { scanSecrets } from './scanner.js';
import { TestRepo } from './test-support/git-repo.js';

let ts: TestServer;
let root: AccessKey;

async function createUserKey(name: string, admin: boolean, key: AccessKey = root): Promise<AccessKey> {
  const client = signedClient(ts.server.app, key);
  await client.ok('CreateUser', { UserName: name });
  if (admin) await client.ok('AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'AdministratorAccess', UserName: name });
  const created = (await client.ok('CreateAccessKey', { UserName: name })).AccessKey as { AccessKeyId: string; AccessKeySecret: string };
  return { accessKeyId: created.AccessKeyId, accessKeySecret: created.AccessKeySecret };
}

function report(key: AccessKey, findings: unknown[]) {
  return signedPost(ts.server.url, FINDINGS_PATH, Buffer.from(JSON.stringify({ source: 'test', findings })), 'application/json', key, REPORT_ACTION);
}

const finding = (leaked: AccessKey, secret = leaked.accessKeySecret) => ({ accessKeyId: leaked.accessKeyId, fingerprints: [leakFingerprint(leaked.accessKeyId, secret)], ruleId: 'alibaba-access-key-pair', file: 'app.js', line: 1, commit: 'abcdef1234567' });

beforeAll(async () => {
  ts = await startTestServer();
  root = { accessKeyId: ts.root.accessKeyId, accessKeySecret: ts.root.accessKeySecret };
});
afterAll(async () => {
  await ts.close();
});

describe('leaked AccessKey, end to end', () => {
  const repo = new TestRepo();
  afterAll(() => repo.cleanup());

  it('an active key committed to a repository is found with its commit, reported, set Inactive, alerted and audited', async () => {
    const leaked = await createUserKey('ci-bot', true);
    expect((await callRpc(ts.server.app, leaked, 'GetUser', { UserName: 'ci-bot' })).status).toBe(200);

    repo.write('README.md', '# service\n');
    repo.commit('init');
    repo.write('src/oss.js', `const client = new OSS({\n  accessKeyId: '${leaked.accessKeyId}',\n  accessKeySecret: '${leaked.accessKeySecret}',\n});\n`);
    const commit = repo.commit('upload helper');
    repo.remove('src/oss.js');
    repo.commit('oops, remove the key');

    const scanned = await scanSecrets({ path: repo.dir, git: true, threads: 1 });
    expect(scanned.findings).toHaveLength(1);
    expect(scanned.findings[0]).toMatchObject({ ruleId: 'alibaba-access-key-pair', path: 'src/oss.js', line: 2, commit, secret: leaked.accessKeyId });

    // what `bulwark scan secrets --git --report-to URL` does
    const verdicts = await reportFindings(ts.server.url, scanned.findings, 'git:service', root);
    expect(verdicts).toEqual([expect.objectContaining({ accessKeyId: leaked.accessKeyId, verdict: 'deactivated', owner: 'user ci-bot' })]);

    // the key stops working at once
    const denied = await callRpc(ts.server.app, leaked, 'GetUser', { UserName: 'ci-bot' });
    expect(denied.body.Code).toBe('InvalidAccessKeyId.Inactive');
    const keys = (await signedClient(ts.server.app, root).ok('ListAccessKeys', { UserName: 'ci-bot' })) as { AccessKeys: { AccessKey: Array<{ AccessKeyId: string; Status: string }> } };
    expect(keys.AccessKeys.AccessKey.find((k) => k.AccessKeyId === leaked.accessKeyId)?.Status).toBe('Inactive');

    // audit trail: the change, the critical alert naming owner, file and commit, and the call itself
    const records = await ts.server.platform.audit.list({ accountId: ts.root.accountId, limit: 20 });
    const names = records.map((r) => r.event.eventName);
    expect(names).toEqual(expect.arrayContaining(['DeactivateLeakedAccessKey', 'LeakedCredentialAlert', 'ReportLeakedCredentials']));
    const alert = records.find((r) => r.event.eventName === 'LeakedCredentialAlert')!.event;
    expect(alert.requestParameters).toMatchObject({ severity: 'critical', accessKeyId: leaked.accessKeyId, owner: 'user ci-bot', verdict: 'deactivated', locations: [{ file: 'src/oss.js', line: 2, commit }] });
    expect(String(alert.requestParameters!.title)).toContain(`src/oss.js:2 (commit ${commit.slice(0, 12)})`);
    const deactivation = records.find((r) => r.event.eventName === 'DeactivateLeakedAccessKey')!;
    expect(deactivation.event.requestId).toBe(alert.requestId);
    expect(JSON.stringify(records)).not.toContain(leaked.accessKeySecret);

    // and a critical security-center alert, listed with the account's alerts (and notified like any other)
    const alerts = await new AlertStore(ts.server.platform.storage).listAlerts({ accountId: ts.root.accountId });
    const leakAlert = alerts.find((a) => a.ruleId === 'system:leaked-credentials');
    expect(leakAlert).toMatchObject({ severity: 100, status: 'open', group: { 'user.name': 'user ci-bot', 'file.path': 'src/oss.js', 'bulwark.commit': commit } });
    expect(JSON.stringify(alerts)).not.toContain(leaked.accessKeySecret);
  });

  it('reporting again answers already-inactive', async () => {
    const leaked = await createUserKey('again', false);
    expect((expectOk(await report(root, [finding(leaked)])) as { keys: KeyVerdict[] }).keys[0]!.verdict).toBe('deactivated');
    expect((expectOk(await report(root, [finding(leaked)])) as { keys: KeyVerdict[] }).keys[0]!.verdict).toBe('already-inactive');
  });
});

describe('leak response rules', () => {
  it('an id whose secret was not found next to it is alerted, not deactivated', async () => {
    const key = await createUserKey('id-only', true);
    const body = expectOk(await report(root, [finding(key, 'x'.repeat(30)), { ...finding(key), fingerprints: [] }])) as { keys: KeyVerdict[] };
    expect(body.keys).toEqual([expect.objectContaining({ verdict: 'unconfirmed', owner: 'user id-only' })]);
    expect((await callRpc(ts.server.app, key, 'GetUser', { UserName: 'id-only' })).status).toBe(200);
  });

  it('another account cannot see or switch off this account\'s keys', async () => {
    const victim = await createUserKey('victim', true);
    const other = await initAccount(ts.server.platform, { additional: true });
    const otherRoot = { accessKeyId: other.accessKeyId, accessKeySecret: other.accessKeySecret };
    const body = expectOk(await report(otherRoot, [finding(victim)])) as { keys: KeyVerdict[] };
    expect(body.keys).toEqual([{ accessKeyId: victim.accessKeyId, verdict: 'unknown' }]);
    expect((await callRpc(ts.server.app, victim, 'GetUser', { UserName: 'victim' })).status).toBe(200);
    const otherAudit = await ts.server.platform.audit.list({ accountId: other.accountId, limit: 10 });
    expect(otherAudit.map((r) => r.event.eventName)).not.toContain('LeakedCredentialAlert');
  });

  it('with the account policy "ask" the key stays active and the alert asks for action', async () => {
    const set = expectOk(await signedPost(ts.server.url, LEAK_RESPONSE_PATH, Buffer.from('{"mode":"ask"}'), 'application/json', root, SET_LEAK_RESPONSE_ACTION)) as { mode: string };
    expect(set.mode).toBe('ask');
    try {
      const key = await createUserKey('asked', true);
      const body = expectOk(await report(root, [finding(key)])) as { keys: KeyVerdict[] };
      expect(body.keys[0]!.verdict).toBe('pending-approval');
      expect((await callRpc(ts.server.app, key, 'GetUser', { UserName: 'asked' })).status).toBe(200);
    } finally {
      expectOk(await signedPost(ts.server.url, LEAK_RESPONSE_PATH, Buffer.from('{"mode":"automatic"}'), 'application/json', root, SET_LEAK_RESPONSE_ACTION));
    }
  });

  it('needs bulwark:ReportLeakedCredentials', async () => {
    const plain = await createUserKey('no-rights', false);
    const target = await createUserKey('target', false);
    const res = await report(plain, [finding(target)]);
    expect(res.status).toBe(403);
    expect((res.json as { Code: string }).Code).toBe('NoPermission');
  });

  it('rejects malformed reports naming the field, and too many findings', async () => {
    const bad = await report(root, [{ accessKeyId: 'not-a-key', ruleId: 'x', file: 'a', line: 1 }]);
    expect(bad.status).toBe(400);
    expect((bad.json as { Code: string; Message: string }).Code).toBe('Scan.InvalidFindings');
    expect((bad.json as { Message: string }).Message).toContain('findings.0.accessKeyId');
    const many = await report(root, Array.from({ length: 1001 }, () => ({ accessKeyId: 'LTAI' + 'a'.repeat(20), ruleId: 'x', file: 'a', line: 1 })));
    expect(many.status).toBe(413);
    const unsigned = await fetch(new URL(FINDINGS_PATH, ts.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"findings":[]}' });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
  });
});
