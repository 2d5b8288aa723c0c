import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfig, managedGatewayConfig } from '../../config/gateway.js';
import { createLogger } from '../../core/logger.js';
import { until } from '../../core/test-support/until.js';
import { signedPost, type AccessKey } from '../../events/client.js';
import { signedClient } from '../../openapi/test-support/signed-client.js';
import { startTestServer, type TestServer } from '../../openapi/test-support/server.js';
import type { GatewayView } from '../../sites/gateway-status.js';
import { GATEWAY_STATUS_PATH, LIST_GATEWAYS_ACTION, PUT_SITE_ACTION, SITES_PATH } from '../../sites/paths.js';
import { startGateway, type RunningGateway } from '../gateway.js';
import { withManagedSites } from '../load-config.js';
import { MemoryAccessLog, startOrigin, type TestOrigin } from '../test-support/harness.js';
import { ConfigPoller, applyManagedUpdate } from './config-poller.js';
import { StatusReporter, reportFromConfig, reportFromGateway } from './status-reporter.js';

const logger = createLogger({ level: 'silent' });
let t: TestServer;
let admin: AccessKey;
let gatewayKey: AccessKey;
let origin: TestOrigin;

const post = (path: string, body: unknown, action: string) => signedPost(t.server.url, path, Buffer.from(JSON.stringify(body)), 'application/json', admin, action);
const gateways = async () => ((await post(`${GATEWAY_STATUS_PATH}/list`, {}, LIST_GATEWAYS_ACTION)).json as { gateways: GatewayView[] }).gateways;

beforeAll(async () => {
  t = await startTestServer();
  admin = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  const ram = signedClient(t.server.app, admin);
  await ram.ok('CreateUser', { UserName: 'gateway-status' });
  await ram.ok('AttachPolicyToUser', { UserName: 'gateway-status', PolicyType: 'System', PolicyName: 'BulwarkGatewayAccess' });
  const created = (await ram.ok('CreateAccessKey', { UserName: 'gateway-status' })) as { AccessKey: { AccessKeyId: string; AccessKeySecret: string } };
  gatewayKey = { accessKeyId: created.AccessKey.AccessKeyId, accessKeySecret: created.AccessKey.AccessKeySecret };
  origin = await startOrigin('status-origin');
});
afterAll(async () => {
  await origin.stop();
  await t.close();
});

describe('managed gateway status reports', () => {
  it('a managed gateway reports its listeners and upstream health, and keeps reporting as health changes', async () => {
    // One live origin, one dead one; active health checks mark the dead one unhealthy.
    const dead = 'http://127.0.0.1:9';
    expect((await post(`${SITES_PATH}/put`, { site: { name: 'shop', upstreams: [origin.url, dead], healthCheck: { interval: 100, timeout: 100, unhealthyThreshold: 1 } } }, PUT_SITE_ACTION)).status).toBe(200);
    const base = managedGatewayConfig.parse({ listen: [{ address: '127.0.0.1:0' }], accessLog: { stdout: false }, logLevel: 'silent' });
    const state = { current: { revision: 0, sites: [] as unknown[], bans: [] as string[] } };
    const poller = new ConfigPoller({ server: t.server.url, key: gatewayKey, logger, waitSeconds: 5, apply: (update) => applyManagedUpdate(state, update, (next) => gw.reload(withManagedSites(base, next.sites, t.server.url, next.bans))) });
    const gw: RunningGateway = await startGateway(base, { accessLog: new MemoryAccessLog(), drainMs: 100 });
    const reporter = new StatusReporter({ server: t.server.url, key: gatewayKey, logger, intervalMs: 100, collect: () => reportFromGateway(gw.status()) });
    try {
      expect(await poller.first()).toBe(true);
      // Once at start, after the first apply.
      expect(await reporter.reportNow()).toBe(true);
      const first = (await gateways()).find((g) => g.gatewayId === reporter.gatewayId);
      const port = new URL(gw.urls[0] as string).port;
      expect(first).toMatchObject({ online: true, health: 'reported', listeners: [{ address: `127.0.0.1:${port}`, tls: false, http2: false }], sites: [{ name: 'shop', upstreams: [{ url: origin.url }, { url: dead }] }] });
      expect(first?.version).toMatch(/^\d+\.\d+\.\d+/);
      // Then every interval: the dead upstream turns unhealthy in a later report.
      reporter.start();
      const later = await until(async () => {
        const g = (await gateways()).find((x) => x.gatewayId === reporter.gatewayId);
        const ups = g?.sites[0]?.upstreams ?? [];
        return ups.find((u) => u.url === dead)?.healthy === false ? ups : undefined;
      });
      expect(later.find((u) => u.url === origin.url)).toMatchObject({ healthy: true, inFlight: 0 });
      expect(reporter.reported).toBeGreaterThan(1);
    } finally {
      await reporter.stop();
      await poller.stop();
      await gw.stop();
    }
  });

  it('a report the server cannot take is logged and reported false, never thrown', async () => {
    const unreachable = new StatusReporter({ server: 'http://127.0.0.1:9', key: gatewayKey, logger, collect: () => ({ health: 'unknown', listeners: [], sites: [] }) });
    expect(await unreachable.reportNow()).toBe(false);
    const refused = new StatusReporter({ server: t.server.url, key: { ...gatewayKey, accessKeySecret: 'x'.repeat(30) }, logger, collect: () => ({ health: 'unknown', listeners: [], sites: [] }) });
    expect(await refused.reportNow()).toBe(false);
    const broken = new StatusReporter({ server: t.server.url, key: gatewayKey, logger, collect: () => { throw new Error('config unreadable'); } });
    expect(await broken.reportNow()).toBe(false);
    expect(unreachable.reported + refused.reported + broken.reported).toBe(0);
  });

  it('a cluster primary reports its configured listeners and sites with health unknown', () => {
    const config = gatewayConfig.parse({ listen: [{ address: '0.0.0.0:8443', tls: { cert: 'c.pem', key: 'k.pem', http2: true } }, { address: '0.0.0.0:8080' }], sites: [{ name: 'shop', upstreams: ['http://10.0.0.1:80/', { url: 'http://10.0.0.2:80', weight: 2 }] }] });
    expect(reportFromConfig(config)).toEqual({
      health: 'unknown',
      listeners: [{ address: '0.0.0.0:8443', tls: true, http2: true }, { address: '0.0.0.0:8080', tls: false, http2: false }],
      sites: [{ name: 'shop', upstreams: [{ url: 'http://10.0.0.1:80' }, { url: 'http://10.0.0.2:80' }] }],
    });
  });
});
