import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managedGatewayConfig } from '../../config/gateway.js';
import { createLogger } from '../../core/logger.js';
import { signedPost, type AccessKey } from '../../events/client.js';
import { SEARCH_EVENTS_ACTION, SEARCH_PATH } from '../../events/paths.js';
import { signedClient } from '../../openapi/test-support/signed-client.js';
import { startTestServer, type TestServer } from '../../openapi/test-support/server.js';
import { PUT_SITE_ACTION, SITES_PATH } from '../../sites/paths.js';
import { startGateway, type RunningGateway } from '../gateway.js';
import { withManagedSites } from '../load-config.js';
import { MemoryAccessLog, http, startOrigin, type TestOrigin } from '../test-support/harness.js';
import { ConfigPoller, applyManagedUpdate } from './config-poller.js';
import { IngestAccessLog } from './ingest-sink.js';
import { until } from '../../core/test-support/until.js';

const logger = createLogger({ level: 'silent' });
let t: TestServer;
let admin: AccessKey;
let gatewayKey: AccessKey;
let origin: TestOrigin;

const putSite = (site: Record<string, unknown>, key: AccessKey = admin) => signedPost(t.server.url, `${SITES_PATH}/put`, Buffer.from(JSON.stringify({ site })), 'application/json', key, PUT_SITE_ACTION);

beforeAll(async () => {
  t = await startTestServer();
  admin = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  // The gateway's own identity: a RAM user with only the system policy BulwarkGatewayAccess.
  const ram = signedClient(t.server.app, admin);
  await ram.ok('CreateUser', { UserName: 'gateway-1' });
  await ram.ok('AttachPolicyToUser', { UserName: 'gateway-1', PolicyType: 'System', PolicyName: 'BulwarkGatewayAccess' });
  const created = (await ram.ok('CreateAccessKey', { UserName: 'gateway-1' })) as { AccessKey: { AccessKeyId: string; AccessKeySecret: string } };
  gatewayKey = { accessKeyId: created.AccessKey.AccessKeyId, accessKeySecret: created.AccessKey.AccessKeySecret };
  origin = await startOrigin('managed-origin');
});
afterAll(async () => {
  await origin.stop();
  await t.close();
});

describe('managed gateway', () => {
  it('pulls sites from the server, applies changes without restart, keeps the last good config, and ships access events', async () => {
    const base = managedGatewayConfig.parse({ listen: [{ address: '127.0.0.1:0' }], accessLog: { stdout: false }, logLevel: 'silent' });
    const local = new MemoryAccessLog();
    const sink = new IngestAccessLog(local, { server: t.server.url, key: gatewayKey, logger, intervalMs: 100 });
    const state = { current: { revision: 0, sites: [] as unknown[], bans: [] as string[] } };
    const poller = new ConfigPoller({
      server: t.server.url,
      key: gatewayKey,
      logger,
      waitSeconds: 5,
      apply: (update) => applyManagedUpdate(state, update, (next) => gw.reload(withManagedSites(base, next.sites, t.server.url, next.bans))),
    });
    const gw: RunningGateway = await startGateway(base, { accessLog: sink, drainMs: 100 });
    const url = gw.urls[0] as string;
    try {
      expect(await poller.first()).toBe(true);
      poller.start();
      // No site yet: the gateway answers, but has nowhere to send the request.
      expect((await http(`${url}/`)).status).toBe(404);

      const waf = { mode: 'block', rules: ['SecRule ARGS "@contains attack" "id:1001,phase:2,deny,status:403,msg:\'test attack\'"'] };
      expect((await putSite({ name: 'shop', upstreams: [origin.url], waf })).status).toBe(200);
      const proxied = await until(async () => {
        const r = await http(`${url}/hello?x=1`);
        return r.status === 200 ? r : undefined;
      });
      expect(JSON.parse(proxied.text)).toMatchObject({ origin: 'managed-origin', url: '/hello?x=1' });
      expect(gw.config.sites.map((s) => s.name)).toEqual(['shop']);

      // A revision the gateway cannot load (its certificate file does not exist here) is refused; the old config stays.
      const applied = poller.applied;
      expect((await putSite({ name: 'shop', upstreams: [origin.url], waf, tls: { certificates: [{ cert: '/nonexistent/c.pem', key: '/nonexistent/k.pem' }] } })).status).toBe(200);
      await until(async () => (poller.applied === applied ? undefined : true), 3000).catch(() => undefined);
      expect(poller.applied).toBe(applied);
      expect((await http(`${url}/still`)).status).toBe(200);

      // Access events — attacks included — reach the server's event store, attributed to the account.
      expect((await http(`${url}/hello?q=attack`)).status).toBe(403);
      await until(async () => {
        const r = await signedPost(t.server.url, SEARCH_PATH, Buffer.from(JSON.stringify({ query: 'bulwark.site:shop and event.type:denied and rule.id:"waf:1001"' })), 'application/json', admin, SEARCH_EVENTS_ACTION);
        return (r.json as { total?: number }).total ? true : undefined;
      });
      expect(sink.shipped).toBeGreaterThan(0);

      // A reputation ban reaches the gateway through the same long-poll, and so does its removal.
      const reputation = (op: string, body: unknown, action: string) => signedPost(t.server.url, `/api/reputation/${op}`, Buffer.from(JSON.stringify(body)), 'application/json', admin, action);
      expect((await reputation('ban', { ip: '127.0.0.1', duration: '1h' }, 'bulwark:CreateReputationDecision')).status).toBe(200);
      const banned = await until(async () => {
        const r = await http(`${url}/after-ban`);
        return r.status === 403 ? r : undefined;
      });
      expect(banned.text).toContain(banned.headers['x-request-id'] as string);
      expect(gw.config.bans).toEqual(['127.0.0.1']);
      await reputation('unban', { ip: '127.0.0.1' }, 'bulwark:DeleteReputationDecision');
      await until(async () => ((await http(`${url}/after-unban`)).status === 200 ? true : undefined));
    } finally {
      await poller.stop();
      await gw.stop();
      await sink.close();
    }
  });

  it("the gateway's identity may read its configuration but not change sites", async () => {
    const r = await putSite({ name: 'evil', upstreams: ['http://127.0.0.1:1'] }, gatewayKey);
    expect(r.status).toBe(403);
  });
});
