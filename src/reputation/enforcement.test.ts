import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BanSync } from '../agent/reputation/ban-sync.js';
import { loadIntrusionConfig } from '../agent/intrusion/intrusion-config.js';
import { KnownLogins } from '../agent/intrusion/ssh/known-logins.js';
import { detectSshLog } from '../agent/intrusion/ssh/read-log.js';
import { SshDetector } from '../agent/intrusion/ssh/ssh-detector.js';
import { listBlocked } from '../agent/respond/nftables.js';
import { managedGatewayConfig } from '../config/gateway.js';
import { createLogger } from '../core/logger.js';
import { signedPost, type AccessKey } from '../events/client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from '../events/paths.js';
import { ConfigPoller, applyManagedUpdate, type ManagedSites } from '../gateway/managed/config-poller.js';
import { startGateway } from '../gateway/gateway.js';
import { withManagedSites } from '../gateway/load-config.js';
import { MemoryAccessLog, http, startOrigin, type TestOrigin } from '../gateway/test-support/harness.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { PUT_SITE_ACTION, SITES_PATH } from '../sites/paths.js';
import { REPUTATION_ACTIONS as A, REPUTATION_PATH } from './paths.js';
import { until } from '../core/test-support/until.js';

const logger = createLogger({ level: 'silent' });
const NETNS = `bwrep${process.pid}`;
const hasNft = (() => {
  try {
    execFileSync('nft', ['--version'], { stdio: 'ignore' });
    execFileSync('ip', ['netns', 'add', NETNS], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasNft) console.warn('[reputation] nft or ip netns unavailable (apt nftables iproute2, root): skipping the host-firewall part');

let t: TestServer;
let key: AccessKey;
let origin: TestOrigin;
const dir = mkdtempSync(join(tmpdir(), 'bw-rep-e2e-'));

const api = async (op: string, body: unknown, action: string) => (await signedPost(t.server.url, `${REPUTATION_PATH}/${op}`, Buffer.from(JSON.stringify(body)), 'application/json', key, action)).json as Record<string, unknown>;

/** An auth.log of one host: `n` failed root logins from `ip`, timestamped now (syslog has no year or zone). */
function authLog(ip: string, n: number): string {
  const now = new Date();
  const stamp = `${now.toLocaleString('en-US', { month: 'short' })} ${String(now.getDate()).padStart(2, ' ')} ${now.toTimeString().slice(0, 8)}`;
  return Array.from({ length: n }, (_, i) => `${stamp} web-1 sshd[${4000 + i}]: Failed password for root from ${ip} port ${50000 + i} ssh2\n`).join('');
}

/** What an agent sends: the SSH detector's events over a log file. */
async function agentEvents(ip: string, n: number): Promise<Record<string, unknown>[]> {
  const file = join(dir, `auth-${ip}.log`);
  writeFileSync(file, authLog(ip, n));
  const config = loadIntrusionConfig(undefined);
  const detector = new SshDetector({ config: config.ssh, knownLogins: await KnownLogins.open(undefined, 10), emitAuthEvents: true, host: 'web-1' });
  return (await detectSshLog(file, 'syslog', detector)) as Record<string, unknown>[];
}

beforeAll(async () => {
  process.env.BULWARK_REPUTATION_INTERVAL_MS = '100';
  t = await startTestServer();
  key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  origin = await startOrigin('app');
});
afterAll(async () => {
  delete process.env.BULWARK_REPUTATION_INTERVAL_MS;
  await origin.stop();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
  if (hasNft) execFileSync('ip', ['netns', 'delete', NETNS]);
});

describe('reputation end to end', () => {
  it('an SSH brute force seen by one agent is refused by a running gateway and blocked by another host; allowlisted sources never are; bans expire', async () => {
    await api('settings', { settings: { banSeconds: 4 } }, A.settings);
    await api('allowlist/add', { ip: '10.20.0.0/16', comment: 'office' }, A.allowlist);
    await signedPost(t.server.url, `${SITES_PATH}/put`, Buffer.from(JSON.stringify({ site: { name: 'shop', upstreams: [origin.url] } })), 'application/json', key, PUT_SITE_ACTION);

    // A managed gateway that believes X-Forwarded-For from 127.0.0.1 (so the test can speak as any client).
    const base = managedGatewayConfig.parse({ listen: [{ address: '127.0.0.1:0' }], trustedProxies: ['127.0.0.1/32'], accessLog: { stdout: false }, logLevel: 'silent' });
    const gw = await startGateway(base, { accessLog: new MemoryAccessLog(), drainMs: 100 });
    const state: { current: ManagedSites } = { current: { revision: 0, sites: [], bans: [] } };
    const poller = new ConfigPoller({ server: t.server.url, key, logger, waitSeconds: 20, apply: (u) => applyManagedUpdate(state, u, (next) => gw.reload(withManagedSites(base, next.sites, t.server.url, next.bans))) });
    await poller.first();
    poller.start();
    // The second host's agent, enforcing bans in its own network namespace.
    const sync = hasNft ? new BanSync({ server: t.server.url, key, logger, netns: NETNS, waitSeconds: 20 }) : undefined;
    await sync?.start();
    const url = gw.urls[0] as string;
    const as = (ip: string) => http(`${url}/account`, { headers: { 'x-forwarded-for': ip } });
    try {
      expect((await as('198.51.100.23')).status).toBe(200);

      const attack = await agentEvents('198.51.100.23', 12);
      const office = await agentEvents('10.20.0.5', 30);
      expect(attack.filter((e) => (e.event as { outcome?: string }).outcome === 'failure').length).toBeGreaterThanOrEqual(12);
      const ingest = await signedPost(t.server.url, INGEST_PATH, Buffer.from([...attack, ...office].map((d) => JSON.stringify(d)).join('\n')), 'application/x-ndjson', key, PUT_EVENTS_ACTION);
      expect(ingest.status).toBe(200);

      const decision = await until(async () => ((await api('show', { ip: '198.51.100.23' }, A.get)).active as Array<Record<string, unknown>>).find((d) => d.action === 'ban'));
      const decidedAt = Date.now();
      expect(decision).toMatchObject({ origin: 'bulwark', scenario: expect.stringMatching(/^(ssh-|score$)/) });
      expect((decision.evidence as { signals: Array<{ type: string }> }).signals.some((s) => s.type === 'ssh-failure')).toBe(true);
      const refused = await until(async () => {
        const r = await as('198.51.100.23');
        return r.status === 403 ? r : undefined;
      });
      const gatewayMs = Date.now() - decidedAt;
      expect(refused.text).toContain('reputation');
      expect((await as('192.0.2.1')).status).toBe(200);
      let hostMs = 0;
      if (sync) {
        await until(async () => ((await listBlocked({ netns: NETNS })).some((b) => b.ip === '198.51.100.23') ? true : undefined));
        hostMs = Date.now() - decidedAt;
        const entry = (await listBlocked({ netns: NETNS })).find((b) => b.ip === '198.51.100.23')!;
        expect(entry.expiresInSeconds).toBeLessThanOrEqual(4);
      }
      console.log(`[reputation] propagation after the decision was visible: gateway ${gatewayMs} ms, host firewall ${hostMs} ms`);
      // the office address was never banned, however much it failed
      expect((await api('show', { ip: '10.20.0.5' }, A.get)).active).toEqual([]);

      // The ban lapses: the gateway lets the address in again and the host set empties.
      await until(async () => ((await as('198.51.100.23')).status === 200 ? true : undefined), 15_000);
      if (sync) await until(async () => ((await listBlocked({ netns: NETNS })).length === 0 ? true : undefined), 15_000);
    } finally {
      await sync?.stop();
      await poller.stop();
      await gw.stop();
    }
  });
});
