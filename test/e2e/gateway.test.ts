import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, spawnGateway, tempDir } from './support.js';

beforeAll(() => assertBuilt());

const REDIS = process.env.BULWARK_REDIS_URL ?? 'redis://127.0.0.1:6379';
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function origin(name: string): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ origin: name }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

function yaml(upstream: string, extra = '', workers = 1): string {
  return `workers: ${workers}
listen:
  - address: 127.0.0.1:0
accessLog: { stdout: false }
logLevel: info
sites:
  - name: demo
    upstreams: ["${upstream}"]
${extra}`;
}

/** Keeps `concurrency` requests in flight until stopped; counts answers by status and failures. */
function load(url: string, concurrency = 8): { stop: () => Promise<{ ok: number; failed: number; origins: Set<string> }> } {
  const agent = new Agent({ connections: concurrency });
  let running = true;
  let ok = 0;
  let failed = 0;
  const origins = new Set<string>();
  const worker = async (): Promise<void> => {
    while (running) {
      try {
        const r = await request(`${url}/load`, { dispatcher: agent });
        const body = await r.body.text();
        if (r.statusCode === 200) {
          ok++;
          origins.add((JSON.parse(body) as { origin: string }).origin);
        } else failed++;
      } catch {
        failed++;
      }
    }
  };
  const workers = Array.from({ length: concurrency }, () => worker());
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
      await agent.close();
      return { ok, failed, origins };
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (the machine may be busy: no fixed sleeps for outcomes). */
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('bulwark gateway (built CLI)', () => {
  it('validates the config file with --check and names the bad field', { timeout: 90_000 }, () => {
    const dir = tempDir();
    const good = join(dir, 'good.yaml');
    writeFileSync(good, yaml('http://127.0.0.1:1'));
    const ok = runCli(['gateway', '--config', good, '--check', '--format', 'json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, sites: ['demo'] });
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, yaml('http://127.0.0.1:1', '    balance: random\n'));
    const r = runCli(['gateway', '--config', bad, '--check']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sites.0.balance');
  });

  it('holds a combined rate limit across two gateway processes sharing one Redis', { timeout: 90_000 }, async () => {
    const o = await origin('o');
    const dir = tempDir();
    const file = join(dir, 'gw.yaml');
    writeFileSync(file, yaml(o.url, `    rateLimits: [ { key: ip, limit: 15, window: 60s } ]\nredisPrefix: "e2e:${randomUUID().slice(0, 8)}:"\n`));
    const [a, b] = await Promise.all([spawnGateway(['--config', file], cleanup, { BULWARK_REDIS_URL: REDIS }), spawnGateway(['--config', file], cleanup, { BULWARK_REDIS_URL: REDIS })]);
    const agent = new Agent();
    cleanup.push(() => agent.close());
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => request(`${(i % 2 === 0 ? a : b).url}/x`, { dispatcher: agent }).then(async (r) => (await r.body.dump(), r.statusCode))),
    );
    expect(statuses.filter((s) => s === 200).length).toBe(15);
    expect(statuses.filter((s) => s === 429).length).toBe(25);
    expect(o.hits()).toBe(15);
  });

  it('reloads on SIGHUP under load with zero failed requests', { timeout: 90_000 }, async () => {
    const [o1, o2] = [await origin('o1'), await origin('o2')];
    const dir = tempDir();
    const file = join(dir, 'gw.yaml');
    writeFileSync(file, yaml(o1.url));
    const g = await spawnGateway(['--config', file], cleanup);
    const l = load(g.url);
    await until(() => o1.hits() > 5, 'traffic on o1');
    writeFileSync(file, yaml(o2.url));
    g.child.kill('SIGHUP');
    await until(() => o2.hits() > 5, 'traffic on o2 after SIGHUP');
    writeFileSync(file, yaml(o1.url, '    balance: [broken\n'));
    g.child.kill('SIGHUP'); // invalid: refused, the current config stays
    await until(() => /reload refused/.test(g.stderr()), 'the refusal');
    const before = o2.hits();
    await until(() => o2.hits() > before + 5, 'traffic still on o2');
    const r = await l.stop();
    expect(r.failed).toBe(0);
    expect(r.origins).toEqual(new Set(['o1', 'o2']));
  });

  it('runs workers via node:cluster: SIGHUP swaps config and SIGUSR2 replaces workers one by one, with zero failed requests', async () => {
    const [o1, o2] = [await origin('o1'), await origin('o2')];
    const dir = tempDir();
    const file = join(dir, 'gw.yaml');
    writeFileSync(file, yaml(o1.url, '', 2));
    const g = await spawnGateway(['--config', file], cleanup);
    const l = load(g.url);
    await until(() => o1.hits() > 5, 'traffic on o1');
    writeFileSync(file, yaml(o2.url, '', 2));
    g.child.kill('SIGHUP');
    await until(() => o2.hits() > 5, 'traffic on o2 after SIGHUP');
    g.child.kill('SIGUSR2');
    await until(() => /workers replaced/.test(g.stderr()), 'the rolling replacement', 60_000);
    const before = o2.hits();
    await until(() => o2.hits() > before + 5, 'traffic on the new workers');
    const r = await l.stop();
    expect(r.failed).toBe(0);
    expect(r.origins).toEqual(new Set(['o1', 'o2']));
  }, 180_000);
});
