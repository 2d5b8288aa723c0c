import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { until } from '../../src/core/test-support/until.js';
import { signedPost } from '../../src/events/client.js';
import { assertBuilt, runCliAsync, spawnGateway, tempDir } from './support.js';

let t: TestServer;
let origin: Server;
let originUrl: string;
const cleanup: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  assertBuilt();
  t = await startTestServer();
  origin = createServer((req, res) => res.end(JSON.stringify({ origin: 'e2e', url: req.url })));
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
});
afterAll(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
  origin.closeAllConnections();
  await new Promise<void>((r) => origin.close(() => r()));
  await t.close();
});

const env = (): NodeJS.ProcessEnv => ({ BULWARK_ACCESS_KEY_ID: t.root.accessKeyId, BULWARK_ACCESS_KEY_SECRET: t.root.accessKeySecret });

describe('bulwark gateway --server (managed mode, built CLI)', () => {
  it('starts without sites, picks up sites put with `bulwark sites put` across two workers, reports their upstream health, and drops deleted ones', { timeout: 90_000 }, async () => {
    const { url } = await spawnGateway(['--server', t.server.url, '--listen', '127.0.0.1:0', '--workers', '2'], cleanup, env());
    expect((await fetch(`${url}/`)).status).toBe(404);

    const dir = tempDir();
    const file = join(dir, 'sites.yaml');
    writeFileSync(file, `sites:\n  - name: e2e\n    upstreams: ["${originUrl}"]\n`);
    const put = await runCliAsync(['sites', 'put', file, '--server', t.server.url, '--format', 'json'], env());
    expect(put.status).toBe(0);
    expect(JSON.parse(put.stdout)).toMatchObject({ sites: [{ name: 'e2e', created: true }] });
    // Both workers apply it: every one of several requests (spread over connections) is proxied.
    await until(async () => {
      const codes = await Promise.all(Array.from({ length: 6 }, () => fetch(`${url}/x`, { headers: { connection: 'close' } }).then((r) => r.status)));
      return codes.every((c) => c === 200) ? true : undefined;
    }, 20_000);

    // The primary reports the listener and the upstream's health gathered from its two workers (every 15 s).
    const report = await until(async () => {
      const r = await signedPost(t.server.url, '/api/gateway/status/list', Buffer.from('{}'), 'application/json', { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret }, 'bulwark:ListGateways');
      const g = (r.json as { gateways: { health: string; listeners: { address: string }[]; sites: { name: string; upstreams: { url: string; healthy?: boolean }[] }[] }[] }).gateways[0];
      return g?.sites.some((s) => s.name === 'e2e') ? g : undefined;
    }, 40_000);
    expect(report).toMatchObject({ health: 'reported', listeners: [{ address: new URL(url).host }], sites: [{ name: 'e2e', upstreams: [{ url: originUrl, healthy: true }] }] });

    const listed = await runCliAsync(['sites', 'list', '--server', t.server.url, '--format', 'json'], env());
    expect(JSON.parse(listed.stdout)).toMatchObject({ sites: [{ name: 'e2e' }] });
    expect((await runCliAsync(['sites', 'delete', 'e2e', '--server', t.server.url], env())).status).toBe(0);
    await until(async () => ((await fetch(`${url}/x`, { headers: { connection: 'close' } })).status === 404 ? true : undefined), 20_000);
  });

  it('refuses to start managed without credentials, with a coded error', async () => {
    const r = await runCliAsync(['gateway', '--server', t.server.url], { BULWARK_ACCESS_KEY_ID: '', BULWARK_ACCESS_KEY_SECRET: '' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('BULWARK_ACCESS_KEY_ID');
  });
});
