import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost, type AccessKey } from '../../events/client.js';
import { attachPolicy } from '../../iam/attachments.js';
import { createPolicy } from '../../iam/policies.js';
import { startTestServer, type TestServer } from '../../openapi/test-support/server.js';
import { openConsoleApp, type ConsoleTestApp, type Signed } from '../test-support/console-app.js';
import type { Dashboard } from './dashboard.js';
import { DASHBOARD_PATH, GET_DASHBOARD_ACTION } from './routes.js';

const PASSWORD = 'Correct-Horse-9';

function attack(ip: string, category: string, minutesAgo: number): Record<string, unknown> {
  return {
    '@timestamp': new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    event: { dataset: 'bulwark.gateway', category: 'web', kind: 'alert' },
    source: { ip },
    url: { path: '/login' },
    rule: { id: 'waf:949110', category },
    bulwark: { site: 'shop', blocked: true },
  };
}

describe('dashboard for console sessions (/console/api/dashboard)', () => {
  let t: ConsoleTestApp;
  let admin: Signed;
  let analyst: Signed;
  let reader: Signed;

  beforeAll(async () => {
    t = await openConsoleApp();
    await t.users(['admin', 'analyst', 'reader'], PASSWORD);
    await attachPolicy(t.root, 'User', { PolicyType: 'System', PolicyName: 'AdministratorAccess', PrincipalName: 'admin' });
    await createPolicy(t.root, { PolicyName: 'traffic-only', PolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: [GET_DASHBOARD_ACTION, 'bulwark:SearchEvents'], Resource: '*' }] }) });
    await attachPolicy(t.root, 'User', { PolicyType: 'Custom', PolicyName: 'traffic-only', PrincipalName: 'analyst' });
    await attachPolicy(t.root, 'User', { PolicyType: 'System', PolicyName: 'AliyunRAMReadOnlyAccess', PrincipalName: 'reader' });
    [admin, analyst, reader] = [await t.signIn('admin', PASSWORD), await t.signIn('analyst', PASSWORD), await t.signIn('reader', PASSWORD)];
    const docs = [attack('203.0.113.7', 'sqli', 5), attack('203.0.113.7', 'sqli', 65), attack('198.51.100.2', 'xss', 10)];
    await t.app.events.ingest.ingest(docs, { 'cloud.account.id': t.accountId });
    await t.app.events.ingest.ingest([attack('192.0.2.1', 'rce', 5)], { 'cloud.account.id': 'another-account' });
  });
  afterAll(() => t.close());

  it("answers the session account's dashboard with every section the user may read", async () => {
    const res = await t.call(admin, 'POST', '/dashboard', { from: '-6h' });
    expect(res.statusCode).toBe(200);
    const d = (res.json() as { Dashboard: Dashboard }).Dashboard;
    expect(d.traffic).toMatchObject({ attacks: 3, attackers: 2, blocked: 3, attackTypes: [{ category: 'sqli', count: 2 }, { category: 'xss', count: 1 }], topSources: [{ ip: '203.0.113.7', count: 2 }, { ip: '198.51.100.2', count: 1 }] });
    expect(d.range.intervalMs).toBe(10 * 60_000);
    expect(d.hosts).toMatchObject({ total: 0 });
    expect(d.alerts).toMatchObject({ unresolved: 0 });
    expect(d.posture).toHaveLength(4);
  });

  it('leaves out the sections the user may not read, and refuses users without the dashboard action', async () => {
    const d = ((await t.call(analyst, 'POST', '/dashboard', {})).json() as { Dashboard: Dashboard }).Dashboard;
    expect(d.traffic?.attacks).toBe(3);
    expect([d.hosts, d.vulnerabilities, d.alerts, d.posture]).toEqual([null, null, null, null]);
    const denied = await t.call(reader, 'POST', '/dashboard', {});
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ Code: 'NoPermission' });
  });

  it('names the bad field and needs the CSRF token', async () => {
    const bad = await t.call(admin, 'POST', '/dashboard', { from: 'now', to: '-1h' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ Code: 'InvalidParameter', Field: 'from' });
    expect((await t.call(admin, 'POST', '/dashboard', { top: 500 })).json()).toMatchObject({ Code: 'InvalidParameter', Field: 'top' });
    expect((await t.call(admin, 'POST', '/dashboard', {}, false)).json()).toMatchObject({ Code: 'Console.CsrfMismatch' });
  });
});

describe('POST /api/dashboard (signed)', () => {
  let ts: TestServer;
  let root: AccessKey;
  beforeAll(async () => {
    ts = await startTestServer();
    root = { accessKeyId: ts.root.accessKeyId, accessKeySecret: ts.root.accessKeySecret };
  });
  afterAll(() => ts.close());

  it('answers an AccessKey caller, with empty traffic on a fresh account', async () => {
    const r = await signedPost(ts.server.url, DASHBOARD_PATH, Buffer.from(JSON.stringify({ from: '-1h' })), 'application/json', root, GET_DASHBOARD_ACTION);
    expect(r.status).toBe(200);
    const d = (r.json as { Dashboard: Dashboard }).Dashboard;
    expect(d.traffic).toMatchObject({ requests: 0, attacks: 0, topSources: [], attacksOverTime: [] });
    // one-minute buckets; the first is partial unless the range starts on a minute
    expect(d.traffic!.buckets.length).toBeGreaterThanOrEqual(60);
    expect(d.traffic!.buckets.length).toBeLessThanOrEqual(61);
    expect(d.posture!.map((p) => p.framework.id)).toContain('pci-dss-4.0');
  });
});
