import { existsSync } from 'node:fs';
import { connect, type ClientHttp2Session } from 'node:http2';
import { fileURLToPath } from 'node:url';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from './gateway.js';
import { config, gateway, startOrigin, type MemoryAccessLog, type TestOrigin } from './test-support/harness.js';
import { createPki, type Pki } from './test-support/pki.js';

interface H2Reply {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function h2(session: ClientHttp2Session, headers: Record<string, string>, body?: Buffer): Promise<H2Reply> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    let status = 0;
    let responseHeaders: Record<string, unknown> = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      responseHeaders = h;
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve({ status, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') }));
    stream.on('error', reject);
    if (body !== undefined) {
      // DATA frames without a content-length header: HTTP/2 frames the body itself.
      stream.write(body.subarray(0, 10));
      stream.end(body.subarray(10));
    }
  });
}

let pki: Pki;
let origin: TestOrigin;
let gw: RunningGateway;
let log: MemoryAccessLog;
let url: string;
let session: ClientHttp2Session;

beforeAll(async () => {
  pki = createPki();
  pki.ca('ca');
  pki.leaf('default', 'ca', 'gateway.test', ['gateway.test']);
  origin = await startOrigin('o');
  ({ gw, log } = await gateway(
    config({
      listen: [{ address: '127.0.0.1:0', tls: { cert: pki.path('default', 'pem'), key: pki.path('default', 'key'), http2: true } }],
      sites: [{ name: 'shop', hosts: ['*'], upstreams: [origin.url], rules: [{ id: 'no-admin', priority: 1, action: 'block', when: { path: { prefix: '/admin' } } }] }],
    }),
    { baseDir: pki.dir },
  ));
  url = gw.urls[0] as string;
  session = connect(url, { ca: pki.read('ca', 'pem'), servername: 'gateway.test', checkServerIdentity: () => undefined });
});

afterAll(async () => {
  await origin.stop();
});

describe('HTTP/2 listeners (ALPN h2, http2: true)', () => {
  it('proxies an HTTP/2 request to an HTTP/1.1 upstream with :authority as Host and no pseudo-headers', async () => {
    const r = await h2(session, { ':method': 'GET', ':path': '/shop?q=1', ':authority': 'gateway.test', 'user-agent': 'h2-test' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ origin: 'o', url: '/shop?q=1' });
    expect(r.headers['x-request-id']).toBeTruthy();
    const seen = origin.seen.at(-1)!;
    expect(seen.headers['x-forwarded-host']).toBe('gateway.test');
    expect(seen.headers['x-forwarded-proto']).toBe('https');
    expect(Object.keys(seen.headers).some((k) => k.startsWith(':'))).toBe(false);
    const ev = log.events.at(-1)!;
    expect((ev.http as { version: string }).version).toBe('2.0');
    expect((session.socket as TLSSocket).alpnProtocol).toBe('h2');
  });

  it('forwards a request body sent as DATA frames without Content-Length', async () => {
    const body = Buffer.from('{"order":"1234567890","note":"h2 body"}');
    const r = await h2(session, { ':method': 'POST', ':path': '/orders', ':authority': 'gateway.test', 'content-type': 'application/json' }, body);
    expect(r.status).toBe(200);
    expect(origin.seen.at(-1)).toMatchObject({ method: 'POST', url: '/orders', body: body.toString() });
    expect(origin.seen.at(-1)!.headers['content-length']).toBe(String(body.length));
  });

  it('blocks by rule on one stream and keeps the session usable', async () => {
    const blocked = await h2(session, { ':method': 'POST', ':path': '/admin/x', ':authority': 'gateway.test' }, Buffer.from('0123456789abcdef'));
    expect(blocked.status).toBe(403);
    expect(blocked.headers['connection']).toBeUndefined();
    const next = await h2(session, { ':method': 'GET', ':path': '/after', ':authority': 'gateway.test' });
    expect(next.status).toBe(200);
    expect(origin.seen.some((s) => s.url.startsWith('/admin'))).toBe(false);
  });

  it('still serves HTTP/1.1 clients on the same listener', async () => {
    const u = new URL(url);
    const r = await new Promise<{ status: number; alpn: string | false | null }>((resolve, reject) => {
      const req = httpsRequest(
        { host: u.hostname, port: Number(u.port), path: '/one', servername: 'gateway.test', headers: { host: 'gateway.test' }, ca: [pki.read('ca', 'pem')], agent: false, checkServerIdentity: () => undefined },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, alpn: (res.socket as TLSSocket).alpnProtocol }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(r.status).toBe(200);
    expect(r.alpn).not.toBe('h2');
    expect(origin.seen.at(-1)!.url).toBe('/one');
  });

  it('stopping the gateway ends open HTTP/2 sessions (GOAWAY) instead of waiting for them', async () => {
    expect(session.closed).toBe(false);
    const goaway = new Promise<void>((r) => session.once('goaway', () => r()));
    await gw.stop();
    await goaway;
    await new Promise<void>((r) => (session.closed ? r() : session.once('close', () => r())));
  });
});

const CRS = fileURLToPath(new URL('../../../shared/corpora/crs', import.meta.url));

describe('HTTP/2 through the OWASP CRS', () => {
  it('reads an h2 request as CRS expects: benign GET and body-without-Content-Length POST pass, SQL injection is blocked', async (t) => {
    if (!existsSync(CRS)) {
      console.log(`skipping CRS over HTTP/2 test: ${CRS} is absent`);
      t.skip();
      return;
    }
    const crsOrigin = await startOrigin('crs');
    const { gw: crsGw, log: crsLog } = await gateway(
      config({
        listen: [{ address: '127.0.0.1:0', tls: { cert: pki.path('default', 'pem'), key: pki.path('default', 'key'), http2: true } }],
        sites: [{ name: 'crs', hosts: ['*'], upstreams: [crsOrigin.url], waf: { mode: 'block', crsDir: CRS } }],
      }),
      { baseDir: pki.dir },
    );
    const s = connect(crsGw.urls[0] as string, { ca: pki.read('ca', 'pem'), servername: 'gateway.test', checkServerIdentity: () => undefined });
    try {
      const browser = { ':authority': 'shop.example.com', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)', accept: 'text/html' };
      expect((await h2(s, { ':method': 'GET', ':path': '/products?id=42', ...browser })).status).toBe(200);
      const form = await h2(s, { ':method': 'POST', ':path': '/cart', ...browser, 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('item=42&quantity=2&note=gift'));
      expect(form.status).toBe(200);
      expect(crsOrigin.seen.at(-1)).toMatchObject({ method: 'POST', body: 'item=42&quantity=2&note=gift' });
      const attack = await h2(s, { ':method': 'GET', ':path': "/products?id=1'%20or%201=1--", ...browser });
      expect(attack.status).toBe(403);
      expect(crsLog.events.at(-1)?.rule).toMatchObject({ id: 'waf:949110', category: 'sqli' });
    } finally {
      s.close();
      await crsGw.stop();
      await crsOrigin.stop();
    }
  });
});
