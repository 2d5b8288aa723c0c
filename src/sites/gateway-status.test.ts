import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost, type AccessKey } from '../events/client.js';
import { signedClient } from '../openapi/test-support/signed-client.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { GatewayStatusStore, ONLINE_WINDOW_MS } from './gateway-status-store.js';
import type { GatewayView } from './gateway-status.js';
import { GATEWAY_STATUS_PATH, LIST_GATEWAYS_ACTION, REPORT_GATEWAY_STATUS_ACTION } from './paths.js';

let t: TestServer;
let admin: AccessKey;
let gatewayKey: AccessKey;
const post = (path: string, body: unknown, action: string, k: AccessKey) => signedPost(t.server.url, path, Buffer.from(JSON.stringify(body)), 'application/json', k, action);
const report = (gatewayId: string, extra: Record<string, unknown> = {}) => ({
  gatewayId,
  version: '1.2.3',
  listeners: [{ address: '0.0.0.0:443', tls: true, http2: true }],
  sites: [{ name: 'shop', upstreams: [{ url: 'http://10.0.0.1:8080', healthy: true, ejected: false, inFlight: 2 }, { url: 'http://10.0.0.2:8080', healthy: false }] }],
  ...extra,
});
const list = async (k: AccessKey = admin) => (await post(`${GATEWAY_STATUS_PATH}/list`, {}, LIST_GATEWAYS_ACTION, k)).json as { gateways: GatewayView[] };

beforeAll(async () => {
  t = await startTestServer();
  admin = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  // A gateway identity holding only the system policy BulwarkGatewayAccess.
  const ram = signedClient(t.server.app, admin);
  await ram.ok('CreateUser', { UserName: 'gw-status' });
  await ram.ok('AttachPolicyToUser', { UserName: 'gw-status', PolicyType: 'System', PolicyName: 'BulwarkGatewayAccess' });
  const created = (await ram.ok('CreateAccessKey', { UserName: 'gw-status' })) as { AccessKey: { AccessKeyId: string; AccessKeySecret: string } };
  gatewayKey = { accessKeyId: created.AccessKey.AccessKeyId, accessKeySecret: created.AccessKey.AccessKeySecret };
});
afterAll(() => t.close());

describe('managed gateway status reports', () => {
  it('a gateway identity reports; the latest report replaces the previous one and is listed online, without an audit record', async () => {
    const auditCount = async () => (await t.server.platform.storage.db<{ audit_events: { event_name: string } }>().selectFrom('audit_events').select('event_name').execute()).length;
    const before = await auditCount();
    const first = await post(GATEWAY_STATUS_PATH, report('edge-1.1234'), REPORT_GATEWAY_STATUS_ACTION, gatewayKey);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ gatewayId: 'edge-1.1234' });
    const second = await post(GATEWAY_STATUS_PATH, report('edge-1.1234', { version: '1.2.4', health: 'unknown', sites: [{ name: 'shop', upstreams: [{ url: 'http://10.0.0.1:8080' }] }] }), REPORT_GATEWAY_STATUS_ACTION, gatewayKey);
    expect(second.status).toBe(200);
    const { gateways } = await list();
    expect(gateways).toHaveLength(1);
    expect(gateways[0]).toMatchObject({ gatewayId: 'edge-1.1234', version: '1.2.4', health: 'unknown', online: true, listeners: [{ address: '0.0.0.0:443', tls: true, http2: true }], sites: [{ name: 'shop', upstreams: [{ url: 'http://10.0.0.1:8080' }] }] });
    expect(Date.parse(gateways[0]!.lastSeen)).not.toBeNaN();
    // Telemetry: no audit record per report.
    expect(await auditCount()).toBe(before);
  });

  it('health defaults to reported and keeps per-upstream state', async () => {
    await post(GATEWAY_STATUS_PATH, report('edge-2'), REPORT_GATEWAY_STATUS_ACTION, gatewayKey);
    const edge2 = (await list()).gateways.find((g) => g.gatewayId === 'edge-2');
    expect(edge2).toMatchObject({ health: 'reported', sites: [{ upstreams: [{ healthy: true, ejected: false, inFlight: 2 }, { healthy: false }] }] });
  });

  it('a gateway not seen within three report intervals is offline', async () => {
    const past = new Date(Date.now() - ONLINE_WINDOW_MS - 5000);
    const store = new GatewayStatusStore({ storage: t.server.platform.storage, clock: { now: () => past } });
    const accountId = await accountOf();
    await store.report(accountId, { ...report('edge-old'), health: 'reported' });
    const views = (await list()).gateways;
    expect(views.find((g) => g.gatewayId === 'edge-old')).toMatchObject({ online: false });
    expect(views.find((g) => g.gatewayId === 'edge-2')).toMatchObject({ online: true });
    // Online gateways are listed first.
    expect(views[views.length - 1]!.gatewayId).toBe('edge-old');
  });

  it('rejects invalid reports naming the field and refuses callers without the permission', async () => {
    const badListener = await post(GATEWAY_STATUS_PATH, report('edge-3', { listeners: [{ address: '0.0.0.0:80', tls: 'yes', http2: false }] }), REPORT_GATEWAY_STATUS_ACTION, gatewayKey);
    expect(badListener.status).toBe(400);
    expect(badListener.json).toMatchObject({ Code: 'InvalidParameter' });
    expect((badListener.json as { Message: string }).Message).toContain('listeners.0.tls');
    const badId = await post(GATEWAY_STATUS_PATH, report('edge 3/../x'), REPORT_GATEWAY_STATUS_ACTION, gatewayKey);
    expect((badId.json as { Message: string }).Message).toContain('gatewayId');
    const tooMany = await post(GATEWAY_STATUS_PATH, report('edge-3', { listeners: Array.from({ length: 65 }, () => ({ address: 'a:1', tls: false, http2: false })) }), REPORT_GATEWAY_STATUS_ACTION, gatewayKey);
    expect(tooMany.status).toBe(400);
    const unknownField = await post(GATEWAY_STATUS_PATH, report('edge-3', { secret: 'x' }), REPORT_GATEWAY_STATUS_ACTION, gatewayKey);
    expect(unknownField.status).toBe(400);
    expect((await list()).gateways.find((g) => g.gatewayId === 'edge-3')).toBeUndefined();
    // The gateway's identity may report but not list.
    const listedByGateway = await post(`${GATEWAY_STATUS_PATH}/list`, {}, LIST_GATEWAYS_ACTION, gatewayKey);
    expect(listedByGateway.status).toBe(403);
    const unsigned = await fetch(`${t.server.url}${GATEWAY_STATUS_PATH}`, { method: 'POST', body: JSON.stringify(report('edge-4')), headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
  });
});

/** The account of the test server's root key, read from the stored reports. */
async function accountOf(): Promise<string> {
  const row = await t.server.platform.storage.db<{ gateway_status: { account_id: string } }>().selectFrom('gateway_status').select('account_id').executeTakeFirstOrThrow();
  return row.account_id;
}
