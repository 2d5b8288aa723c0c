import { createServer, get as getUrl } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGateway } from './gateway.js';
import { config, gateway, http, raw, startOrigin, statusOf, type TestOrigin } from './test-support/harness.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function origins(n: number): Promise<TestOrigin[]> {
  const list = await Promise.all(Array.from({ length: n }, (_, i) => startOrigin(`o${i + 1}`)));
  for (const o of list) cleanup.push(() => o.stop());
  return list;
}

function track(gw: RunningGateway): void {
  cleanup.push(() => gw.stop());
}

describe('gateway proxy', () => {
  it('forwards requests with X-Forwarded-*, X-Real-IP and a request id, and logs one ECS event', async () => {
    const [o] = await origins(1);
    const { gw, log, url } = await gateway(config({ sites: [{ name: 'demo', upstreams: [o!.url] }] }));
    track(gw);
    const r = await http(`${url}/hello?x=1&password=hunter2`, { headers: { 'user-agent': 'vitest', 'x-forwarded-for': '6.6.6.6'} });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ origin: 'o1', url: '/hello?x=1&password=hunter2' });
    expect(r.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    const seen = o!.seen[0]!;
    // The client is not a trusted proxy: its X-Forwarded-For is replaced, not extended.
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-real-ip']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-request-id']).toMatch(/^[0-9A-F-]{36}$/);
    expect(r.headers['x-request-id']).toBe(seen.headers['x-request-id']);
    const ev = log.events[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- ECS event read in assertions
    expect(ev.source.ip).toBe('127.0.0.1');
    expect(ev.http.request.method).toBe('GET');
    expect(ev.http.request.id).toBe(seen.headers['x-request-id']);
    expect(ev.url.path).toBe('/hello');
    expect(ev.url.query).toBe('x=1&password=%5BREDACTED%5D');
    expect(ev.http.response.status_code).toBe(200);
    expect(ev.user_agent.original).toBe('vitest');
    expect(typeof ev.event.duration).toBe('number');
    expect(ev.bulwark).toMatchObject({ site: 'demo', action: 'proxy', rules: [] });
  });

  it('drops hop-by-hop headers and those named by Connection', async () => {
    const [o] = await origins(1);
    const { gw, url } = await gateway(config({ sites: [{ name: 'demo', upstreams: [o!.url] }] }));
    track(gw);
    const reply = await raw(url, 'GET /h HTTP/1.1\r\nHost: a\r\nConnection: close, x-drop\r\nX-Drop: y\r\nKeep-Alive: 5\r\nX-Keep: z\r\n\r\n');
    expect(statusOf(reply)).toBe(200);
    expect(o!.seen[0]!.headers['x-drop']).toBeUndefined();
    expect(o!.seen[0]!.headers['keep-alive']).toBeUndefined();
    expect(o!.seen[0]!.headers['x-keep']).toBe('z');
  });

  it('frames forwarded requests itself: Content-Length 0 for an empty POST, the upstream Host for HTTP/1.0 without one, hop-by-hop response headers dropped', async () => {
    const [o] = await origins(1);
    const { gw, url } = await gateway(config({ sites: [{ name: 'demo', upstreams: [o!.url] }] }));
    track(gw);
    const post = await raw(url, 'POST /empty HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    expect(statusOf(post)).toBe(200);
    expect(o!.seen[0]!.headers['content-length']).toBe('0');
    const old = await raw(url, 'GET /old HTTP/1.0\r\n\r\n');
    expect(statusOf(old)).toBe(200);
    expect(o!.seen[1]!.headers.host).toBe(new URL(o!.url).host);
    // node:http origins answer with Connection/Keep-Alive: neither reaches the client, the request id does.
    expect(post).not.toMatch(/^keep-alive:/im);
    expect(post).toMatch(/^x-request-id: [0-9A-F-]{36}\r$/im);
  });

  it('streams a large chunked body to a slow client intact (backpressure pauses the origin connection)', async () => {
    const block = Buffer.alloc(64 * 1024);
    for (let i = 0; i < block.length; i++) block[i] = i % 251;
    const big = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let n = 0;
      const pump = (): void => {
        while (n < 128) {
          n++;
          if (!res.write(block)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((r) => big.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => big.close(() => r())));
    const { gw, url } = await gateway(config({ sites: [{ name: 'big', upstreams: [`http://127.0.0.1:${(big.address() as AddressInfo).port}`] }] }));
    track(gw);
    const body = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      getUrl(`${url}/big`, (res) => {
        res.pause();
        setTimeout(() => res.resume(), 300); // the gateway buffers only up to the socket's high-water mark meanwhile
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    expect(body.length).toBe(128 * block.length);
    expect(body.equals(Buffer.concat(Array.from({ length: 128 }, () => block)))).toBe(true);
  });

  it('believes X-Forwarded-For only from trusted proxies', async () => {
    const [o] = await origins(1);
    const { gw, url } = await gateway(config({ trustedProxies: ['127.0.0.0/8'], sites: [{ name: 'demo', upstreams: [o!.url] }] }));
    track(gw);
    await http(`${url}/`, { headers: { 'x-forwarded-for': '198.51.100.9, 10.9.9.9', 'x-request-id': 'abcdef12-trusted' } });
    expect(o!.seen[0]!.headers['x-real-ip']).toBe('10.9.9.9');
    expect(o!.seen[0]!.headers['x-forwarded-for']).toBe('198.51.100.9, 10.9.9.9, 127.0.0.1');
    expect(o!.seen[0]!.headers['x-request-id']).toBe('abcdef12-trusted');
  });

  it('balances round robin, weighted and least-connections', async () => {
    const os = await origins(3);
    const rr = await gateway(config({ sites: [{ name: 'rr', upstreams: os.map((o) => o.url) }] }));
    track(rr.gw);
    const names: string[] = [];
    for (let i = 0; i < 6; i++) names.push(JSON.parse((await http(`${rr.url}/`)).text).origin);
    expect(names).toEqual(['o1', 'o2', 'o3', 'o1', 'o2', 'o3']);

    const w = await gateway(config({ sites: [{ name: 'w', balance: 'weighted', upstreams: [{ url: os[0]!.url, weight: 3 }, { url: os[1]!.url, weight: 1 }] }] }));
    track(w.gw);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 8; i++) {
      const n = JSON.parse((await http(`${w.url}/`)).text).origin as string;
      counts[n] = (counts[n] ?? 0) + 1;
    }
    expect(counts).toEqual({ o1: 6, o2: 2 });

    os[0]!.delay = 400;
    const lc = await gateway(config({ sites: [{ name: 'lc', balance: 'least_conn', upstreams: [os[0]!.url, os[1]!.url] }] }));
    track(lc.gw);
    const slow = http(`${lc.url}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    // o1 holds one in-flight request: the next ones go to o2 while it is busy.
    const quick = await Promise.all([http(`${lc.url}/a`), http(`${lc.url}/b`)].map(async (p) => JSON.parse((await p).text).origin));
    expect(quick.filter((n) => n === 'o2').length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse((await slow).text).origin).toBe('o1');
    expect([...os[0]!.seen, ...os[1]!.seen].filter((s) => s.url === '/a' || s.url === '/b').length).toBe(2);
    os[0]!.delay = 0;
  });

  it('keeps serving when one upstream is killed mid-test: idempotent retries, passive ejection, no retry of POST', async () => {
    const [a, b] = await origins(2);
    const { gw, log, url } = await gateway(config({ sites: [{ name: 'demo', upstreams: [a!.url, b!.url], passive: { maxFails: 1, ejectFor: '30s' } }] }));
    track(gw);
    expect((await http(`${url}/1`)).status).toBe(200);
    expect((await http(`${url}/2`)).status).toBe(200);
    await a!.stop();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await http(`${url}/after`)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const retried = log.events.filter((e) => (e.bulwark as { attempts?: number }).attempts === 2);
    expect(retried.length).toBe(1); // a was ejected after its first failure
    expect(b!.seen.filter((s) => s.url === '/after').length).toBe(10);

    // A POST is never replayed: with only a dead upstream it gets 502 and the block page.
    const dead = await gateway(config({ sites: [{ name: 'dead', upstreams: [a!.url], retries: 3 }] }));
    track(dead.gw);
    const r = await http(`${dead.url}/submit`, { method: 'POST', body: 'x=1' });
    expect(r.status).toBe(502);
    expect(r.text).toContain('Origin unreachable');
    expect(dead.log.events[0]!.bulwark).toMatchObject({ action: 'error' });
  });

  it('a client that leaves before the answer aborts the upstream request without counting against the upstream', async () => {
    const [o] = await origins(1);
    o!.delay = 400;
    const { gw, log, url } = await gateway(config({ sites: [{ name: 'demo', upstreams: [o!.url], passive: { maxFails: 1, ejectFor: '30s' } }] }));
    track(gw);
    expect(await raw(url, 'GET /gone HTTP/1.1\r\nHost: a\r\n\r\n', 100)).toBe('');
    await new Promise((r) => setTimeout(r, 100));
    expect(log.events[0]!.bulwark).toMatchObject({ action: 'error', reason: 'CLIENT_CLOSED' });
    o!.delay = 0;
    expect((await http(`${url}/next`)).status).toBe(200);
    expect(gw.status().sites[0]!.upstreams[0]).toMatchObject({ ejected: false });
  });

  it('takes an upstream out of rotation on failed active health checks and back when healthy', async () => {
    const [a, b] = await origins(2);
    a!.healthy = false;
    const { gw, url } = await gateway(
      config({ sites: [{ name: 'demo', upstreams: [a!.url, b!.url], healthCheck: { path: '/health', interval: '100ms', timeout: '500ms', unhealthyThreshold: 1, healthyThreshold: 1 } }] }),
    );
    track(gw);
    await new Promise((r) => setTimeout(r, 250));
    for (let i = 0; i < 4; i++) expect((await http(`${url}/y`)).status).toBe(200);
    expect(a!.seen.filter((s) => s.url === '/y').length).toBe(0);
    expect(b!.seen.filter((s) => s.url === '/y').length).toBe(4);
    a!.healthy = true;
    await new Promise((r) => setTimeout(r, 250));
    for (let i = 0; i < 4; i++) await http(`${url}/z`);
    expect(a!.seen.filter((s) => s.url === '/z').length).toBe(2);
    // When every upstream fails its checks the gateway still tries them rather than refusing.
    a!.healthy = false;
    b!.healthy = false;
    await new Promise((r) => setTimeout(r, 250));
    expect((await http(`${url}/w`)).status).toBe(200);
  });

  it('answers 504 with the block page when the upstream is too slow, and 404 for unknown hosts', async () => {
    const [o] = await origins(1);
    o!.delay = 4000; // undici checks header timeouts with a coarse (≈1 s) timer
    const { gw, log, url } = await gateway(config({ sites: [{ name: 'only', hosts: ['app.example'], upstreams: [o!.url], timeouts: { response: '200ms' } }] }));
    track(gw);
    const r = await http(`${url}/`, { headers: { host: 'app.example' } });
    expect(r.status).toBe(504);
    expect(r.text).toContain(r.headers['x-request-id'] as string);
    const unknown = await http(`${url}/`, { headers: { host: 'other.example', accept: 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ Code: 'Gateway.UnknownSite' });
    expect(log.events.map((e) => (e.http as { response: { status_code: number } }).response.status_code)).toEqual([504, 404]);
  });

  it('reloads the configuration in place', async () => {
    const [a, b] = await origins(2);
    const { gw, url } = await gateway(config({ sites: [{ name: 'demo', upstreams: [a!.url] }] }));
    track(gw);
    expect(JSON.parse((await http(`${url}/`)).text).origin).toBe('o1');
    await gw.reload(config({ sites: [{ name: 'demo', upstreams: [b!.url] }] }));
    expect(gw.urls[0]).toBe(url);
    expect(JSON.parse((await http(`${url}/`)).text).origin).toBe('o2');
    await expect(gw.reload(config({ sites: [{ name: 'demo', upstreams: [a!.url], rules: [{ id: 'bad', action: 'block', when: { path: { regex: '(' } } }] }] }))).rejects.toMatchObject({ code: 'Gateway.InvalidRule' });
    expect(JSON.parse((await http(`${url}/`)).text).origin).toBe('o2');
  });
});
