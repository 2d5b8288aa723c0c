import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { config, gateway, http, raw, startOrigin, statusOf, type TestOrigin } from './test-support/harness.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function origin(): Promise<TestOrigin> {
  const o = await startOrigin('o');
  cleanup.push(() => o.stop());
  return o;
}

describe('IP access control', () => {
  it('blocks denied addresses globally and per site with the branded page; site allow beats global deny', async () => {
    const o = await origin();
    const g = await gateway(
      config({
        trustedProxies: ['127.0.0.1'],
        acl: { deny: ['203.0.113.0/24', '2001:db8::/32'] },
        sites: [
          { name: 'a', hosts: ['a.test'], upstreams: [o.url], acl: { allow: ['203.0.113.5'], deny: ['198.51.100.0/24'] } },
          { name: 'b', hosts: ['b.test'], upstreams: [o.url] },
        ],
      }),
    );
    cleanup.push(() => g.gw.stop());
    const from = async (ip: string, host: string): Promise<number> => (await http(`${g.url}/`, { headers: { host, 'x-forwarded-for': ip } })).status;
    expect(await from('203.0.113.9', 'b.test')).toBe(403);
    expect(await from('2001:db8::1', 'b.test')).toBe(403);
    expect(await from('198.51.100.1', 'b.test')).toBe(200);
    expect(await from('198.51.100.1', 'a.test')).toBe(403);
    expect(await from('203.0.113.5', 'a.test')).toBe(200);
    const page = await http(`${g.url}/`, { headers: { host: 'b.test', 'x-forwarded-for': '203.0.113.9' } });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('BULWARK');
    expect(page.text).toContain(page.headers['x-request-id'] as string);
    const blocked = g.log.events.filter((e) => (e.bulwark as { action: string }).action === 'block');
    expect(blocked.map((e) => (e.bulwark as { rules: string[] }).rules[0])).toEqual(['acl:global', 'acl:global', 'acl:site', 'acl:global']);
    expect(o.seen.length).toBe(2);
  });
});

describe('precise access control rules', () => {
  it('matches method, path, query, header, cookie, UA, Referer and body size with AND, by priority, allow/block/log', async () => {
    const o = await origin();
    const g = await gateway(
      config({
        sites: [
          {
            name: 's',
            upstreams: [o.url],
            rules: [
              { id: 'admin-post', priority: 10, action: 'block', when: { method: ['POST'], path: { prefix: '/admin' } } },
              { id: 'office', priority: 5, action: 'allow', when: { header: [{ name: 'X-Office', equals: 'yes' }] } },
              { id: 'sqli-q', priority: 20, action: 'block', when: { query: [{ name: 'id', regex: "'\\s*or\\s" }] } },
              { id: 'no-bots', priority: 20, action: 'block', when: { userAgent: { contains: 'EvilBot' } } },
              { id: 'hotlink', priority: 20, action: 'block', status: 451, when: { path: { regex: '\\.(png|jpg)$' }, referer: { prefix: 'http://leech.example' } } },
              { id: 'beta', priority: 30, action: 'log', when: { cookie: [{ name: 'beta', equals: '1' }] } },
              { id: 'big-upload', priority: 40, action: 'block', status: 413, when: { path: { equals: '/upload' }, bodySize: { gt: 100 } } },
              { id: 'exact', priority: 50, action: 'block', when: { path: { equals: '/secret' }, method: ['GET'] } },
            ],
          },
        ],
      }),
    );
    cleanup.push(() => g.gw.stop());
    const u = g.url;
    expect((await http(`${u}/admin/x`, { method: 'POST', body: 'a' })).status).toBe(403);
    expect((await http(`${u}/admin/x`)).status).toBe(200); // GET: the AND fails
    expect((await http(`${u}/admin/x`, { method: 'POST', body: 'a', headers: { 'x-office': 'yes' } })).status).toBe(200); // allow has priority 5
    expect((await http(`${u}/p?id=1'%20or%201=1`)).status).toBe(403);
    expect((await http(`${u}/p?id=42`)).status).toBe(200);
    expect((await http(`${u}/`, { headers: { 'user-agent': 'Mozilla EvilBot/2' } })).status).toBe(403);
    expect((await http(`${u}/a.png`, { headers: { referer: 'http://leech.example/page' } })).status).toBe(451);
    expect((await http(`${u}/a.png`, { headers: { referer: 'http://friend.example/' } })).status).toBe(200);
    expect((await http(`${u}/upload`, { method: 'POST', body: 'x'.repeat(101) })).status).toBe(413);
    expect((await http(`${u}/upload`, { method: 'POST', body: 'x'.repeat(100) })).status).toBe(200);
    // Chunked body: size known only after reading it.
    const chunked = await raw(u, `POST /upload HTTP/1.1\r\nHost: s\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${(200).toString(16)}\r\n${'y'.repeat(200)}\r\n0\r\n\r\n`);
    expect(statusOf(chunked)).toBe(413);
    expect((await http(`${u}/secret`)).status).toBe(403);
    expect((await http(`${u}/secret/2`)).status).toBe(200);
    const logged = await http(`${u}/feature`, { headers: { cookie: 'x=2; beta=1' } });
    expect(logged.status).toBe(200);
    const ev = g.log.events.at(-1)!;
    expect(ev.bulwark).toMatchObject({ action: 'proxy', rules: ['beta'] });
    const rulesHit = g.log.events.filter((e) => (e.bulwark as { action: string }).action === 'block').map((e) => (e.bulwark as { rules: string[] }).rules[0]);
    expect(rulesHit).toEqual(['admin-post', 'sqli-q', 'no-bots', 'hotlink', 'big-upload', 'big-upload', 'exact']);
    expect(o.seen.some((s) => s.url.startsWith('/upload') && s.body.length > 100)).toBe(false);
  });
});

describe('WordPress pingback reflection', () => {
  it('blocks pingback verification user agents and pingback.ping calls, configurable per site', async () => {
    const o = await origin();
    const g = await gateway(
      config({ sites: [{ name: 'wp', hosts: ['wp.test'], upstreams: [o.url] }, { name: 'open', hosts: ['open.test'], upstreams: [o.url], wordpress: { blockPingback: false } }] }),
    );
    cleanup.push(() => g.gw.stop());
    const ua = 'WordPress/6.4.2; http://victim.example; verifying pingback from 198.51.100.7';
    expect((await http(`${g.url}/`, { headers: { host: 'wp.test', 'user-agent': ua } })).status).toBe(403);
    const call = '<?xml version="1.0"?><methodCall><methodName> pingback.ping </methodName><params></params></methodCall>';
    expect((await http(`${g.url}/blog/xmlrpc.php`, { method: 'POST', body: call, headers: { host: 'wp.test', 'content-type': 'text/xml' } })).status).toBe(403);
    const other = '<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName></methodCall>';
    expect((await http(`${g.url}/xmlrpc.php`, { method: 'POST', body: other, headers: { host: 'wp.test' } })).status).toBe(200);
    expect((await http(`${g.url}/`, { headers: { host: 'open.test', 'user-agent': ua } })).status).toBe(200);
    expect(g.log.events.filter((e) => (e.bulwark as { action: string }).action === 'block').map((e) => (e.bulwark as { rules: string[] }).rules[0])).toEqual([
      'wordpress:pingback-ua',
      'wordpress:pingback-call',
    ]);
  });
});

describe('anti-CC rate limits (in memory)', () => {
  it('limits by ip, by ip+path and by header, and blocks for the configured period', async () => {
    const o = await origin();
    const g = await gateway(
      config({
        sites: [
          {
            name: 'cc',
            upstreams: [o.url],
            rateLimits: [
              { id: 'per-ip', key: 'ip', limit: 20, window: '60s' },
              { id: 'login', key: 'ip_path', pathPrefix: '/login', limit: 3, window: '60s', block: '60s' },
              { id: 'api-key', key: 'header', header: 'X-Api-Key', limit: 2, window: '60s' },
            ],
          },
        ],
      }),
    );
    cleanup.push(() => g.gw.stop());
    const login = [];
    for (let i = 0; i < 5; i++) login.push((await http(`${g.url}/login`)).status);
    expect(login).toEqual([200, 200, 200, 429, 429]);
    // Another path is counted separately (ip+path); the block applies to /login only.
    expect((await http(`${g.url}/login2`)).status).toBe(200);
    const keyed = [];
    for (const k of ['k1', 'k1', 'k1', 'k2']) keyed.push((await http(`${g.url}/api`, { headers: { 'x-api-key': k } })).status);
    expect(keyed).toEqual([200, 200, 429, 200]);
    const limited = await http(`${g.url}/login`);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(50);
    let status = 200;
    let n = 0;
    while (status === 200 && n < 40) {
      status = (await http(`${g.url}/any`)).status;
      n++;
    }
    // 20 per ip: the 11 requests above all counted (the per-ip limit runs first), then 9 more pass.
    expect(status).toBe(429);
    expect(n).toBe(10);
    expect(o.seen.length).toBe(16);
  });
});

describe('protection of the gateway itself', () => {
  it('refuses oversized headers (431) and bodies (413), and caps connections per client IP', async () => {
    const o = await origin();
    const g = await gateway(config({ limits: { maxHeaderSize: '2kb', maxConnectionsPerIp: 3 }, sites: [{ name: 's', upstreams: [o.url], maxBodySize: '1kb' }] }));
    cleanup.push(() => g.gw.stop());
    const big = await raw(g.url, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(4000)}\r\n\r\n`);
    expect(statusOf(big)).toBe(431);
    const body = await raw(g.url, `POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n${'b'.repeat(5000)}`);
    expect(statusOf(body)).toBe(413);
    expect(body.toLowerCase()).toContain('connection: close');
    const port = Number(new URL(g.url).port);
    const sockets = await Promise.all(
      Array.from({ length: 5 }, () => new Promise<Socket>((resolve) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      })),
    );
    await new Promise((r) => setTimeout(r, 100));
    const closed = sockets.filter((s) => s.destroyed || s.readableEnded).length;
    expect(closed).toBe(2);
    for (const s of sockets) s.destroy();
    expect(o.seen.length).toBe(0);
  });

  it('closes connections that send headers too slowly (slowloris)', async () => {
    const o = await origin();
    const g = await gateway(config({ limits: { headersTimeout: '300ms', requestTimeout: '300ms' }, sites: [{ name: 's', upstreams: [o.url] }] }));
    cleanup.push(() => g.gw.stop());
    const u = new URL(g.url);
    const result = await new Promise<string>((resolve) => {
      let out = '';
      const s = connect(Number(u.port), u.hostname, () => s.write('GET / HTTP/1.1\r\nHost: a\r\n'));
      const drip = setInterval(() => s.writable && s.write('X-A: b\r\n'), 100);
      s.on('data', (d: Buffer) => (out += d.toString()));
      s.on('close', () => {
        clearInterval(drip);
        resolve(out);
      });
      s.on('error', () => undefined);
      setTimeout(() => s.destroy(), 5000);
    });
    expect(statusOf(result)).toBe(408);
    expect(o.seen.length).toBe(0);
  });
});
