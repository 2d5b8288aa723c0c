import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from './gateway.js';
import { config, gateway, http, startOrigin, type MemoryAccessLog, type TestOrigin } from './test-support/harness.js';
import { createPki, type Pki } from './test-support/pki.js';

interface TlsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  peerCn: string | undefined;
  protocol: string | null;
}

function get(url: string, opts: { servername: string; pki: Pki; client?: string; maxVersion?: 'TLSv1.1' | 'TLSv1.2'; path?: string }): Promise<TlsReply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: u.hostname,
        port: Number(u.port),
        path: opts.path ?? '/',
        servername: opts.servername,
        headers: { host: opts.servername },
        ca: [opts.pki.read('ca', 'pem')],
        agent: false,
        // The served certificate is asserted through peerCn instead.
        checkServerIdentity: () => undefined,
        ...(opts.maxVersion ? { maxVersion: opts.maxVersion, minVersion: 'TLSv1' as const } : {}),
        ...(opts.client ? { cert: opts.pki.read(opts.client, 'pem'), key: opts.pki.read(opts.client, 'key') } : {}),
      },
      (res) => {
        let body = '';
        const socket = res.socket as TLSSocket;
        const peerCn = socket.getPeerCertificate().subject?.CN;
        const protocol = socket.getProtocol();
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, peerCn: Array.isArray(peerCn) ? peerCn[0] : peerCn, protocol }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let pki: Pki;
let origin: TestOrigin;
let gw: RunningGateway;
let log: MemoryAccessLog;
let httpUrl: string;
let httpsUrl: string;
let mtlsUrl: string;
let optionalUrl: string;

beforeAll(async () => {
  pki = createPki();
  pki.ca('ca'); // server certificates and listener client CA
  pki.ca('siteca'); // per-site client CA
  pki.ca('rogue');
  pki.leaf('default', 'ca', 'gateway.test', ['gateway.test']);
  pki.leaf('a', 'ca', 'a.test', ['a.test']);
  pki.leaf('b', 'ca', 'b.test', ['b.test']);
  pki.leaf('b2', 'ca', 'b2.test', ['b2.test', '*.b2.test']);
  pki.leaf('client', 'ca', 'alice');
  pki.leaf('siteclient', 'siteca', 'bob');
  pki.leaf('rogueclient', 'rogue', 'mallory');
  origin = await startOrigin('o');
  const p = (name: string, ext: 'pem' | 'key'): string => pki.path(name, ext);
  ({ gw, log } = await gateway(
    config({
      listen: [
        { address: '127.0.0.1:0' },
        { address: '127.0.0.1:0', tls: { cert: p('default', 'pem'), key: p('default', 'key') } },
        { address: '127.0.0.1:0', tls: { cert: p('default', 'pem'), key: p('default', 'key'), clientCa: p('ca', 'pem'), clientAuth: 'required' } },
        { address: '127.0.0.1:0', tls: { cert: p('default', 'pem'), key: p('default', 'key'), clientCa: p('ca', 'pem'), clientAuth: 'optional' } },
      ],
      sites: [
        { name: 'a', hosts: ['a.test'], upstreams: [origin.url], httpsRedirect: true, hsts: { maxAge: '1h', includeSubDomains: true }, tls: { certificates: [{ cert: 'a.pem', key: 'a.key' }] } },
        { name: 'b', hosts: ['b.test', 'b2.test', '*.b2.test'], upstreams: [origin.url], tls: { certificates: [{ cert: 'b.pem', key: 'b.key' }, { cert: 'b2.pem', key: 'b2.key' }] } },
        { name: 'secure', hosts: ['secure.test'], upstreams: [origin.url], tls: { clientCa: 'siteca.pem', clientAuth: 'required' } },
        { name: 'fallback', hosts: ['*'], upstreams: [origin.url] },
      ],
    }),
    { baseDir: pki.dir },
  ));
  [httpUrl, httpsUrl, mtlsUrl, optionalUrl] = gw.urls as [string, string, string, string];
});

afterAll(async () => {
  await gw.stop();
  await origin.stop();
});

describe('TLS listeners', () => {
  it('picks the certificate by SNI per site, several per site, with the listener default otherwise', async () => {
    expect((await get(httpsUrl, { servername: 'a.test', pki })).peerCn).toBe('a.test');
    expect((await get(httpsUrl, { servername: 'b.test', pki })).peerCn).toBe('b.test');
    expect((await get(httpsUrl, { servername: 'b2.test', pki })).peerCn).toBe('b2.test');
    expect((await get(httpsUrl, { servername: 'x.b2.test', pki })).peerCn).toBe('b2.test');
    const other = await get(httpsUrl, { servername: 'gateway.test', pki });
    expect(other.peerCn).toBe('gateway.test');
    expect(other.status).toBe(200);
    expect(['TLSv1.2', 'TLSv1.3']).toContain(other.protocol);
    const seen = origin.seen.at(-1)!;
    expect(seen.headers['x-forwarded-proto']).toBe('https');
  });

  it('refuses TLS below 1.2', async () => {
    await expect(get(httpsUrl, { servername: 'a.test', pki, maxVersion: 'TLSv1.1' })).rejects.toThrow();
  });

  it('redirects HTTP to HTTPS (308 to the TLS port) and sends HSTS only over HTTPS', async () => {
    const r = await http(`${httpUrl}/path?q=1`, { headers: { host: 'a.test:8080' } });
    expect(r.status).toBe(308);
    expect(r.headers.location).toBe(`https://a.test:${new URL(httpsUrl).port}/path?q=1`);
    expect(r.headers['strict-transport-security']).toBeUndefined();
    const s = await get(httpsUrl, { servername: 'a.test', pki });
    expect(s.status).toBe(200);
    expect(s.headers['strict-transport-security']).toBe('max-age=3600; includeSubDomains');
    const plain = await http(`${httpUrl}/`, { headers: { host: 'b.test' } });
    expect(plain.status).toBe(200);
  });
});

describe('mTLS', () => {
  it('listener clientAuth required: handshake fails without or with a foreign certificate, succeeds with one from the CA', async () => {
    await expect(get(mtlsUrl, { servername: 'gateway.test', pki })).rejects.toThrow();
    await expect(get(mtlsUrl, { servername: 'gateway.test', pki, client: 'rogueclient' })).rejects.toThrow();
    expect((await get(mtlsUrl, { servername: 'gateway.test', pki, client: 'client' })).status).toBe(200);
  });

  it('listener clientAuth optional: no certificate passes, an invalid one is refused with 403', async () => {
    expect((await get(optionalUrl, { servername: 'gateway.test', pki })).status).toBe(200);
    expect((await get(optionalUrl, { servername: 'gateway.test', pki, client: 'client' })).status).toBe(200);
    const r = await get(optionalUrl, { servername: 'gateway.test', pki, client: 'rogueclient' });
    expect(r.status).toBe(403);
    expect(r.body).toContain('client certificate');
  });

  it('per-site CA: the site requires a certificate from its own CA', async () => {
    const none = await get(httpsUrl, { servername: 'secure.test', pki });
    expect(none.status).toBe(403);
    expect((await get(httpsUrl, { servername: 'secure.test', pki, client: 'client' })).status).toBe(403); // valid, but not from the site CA
    const ok = await get(httpsUrl, { servername: 'secure.test', pki, client: 'siteclient' });
    expect(ok.status).toBe(200);
    const ev = log.events.at(-1)!;
    expect(ev.bulwark).toMatchObject({ site: 'secure', action: 'proxy', tags: { 'tls.client.subject': 'CN=bob' } });
    // Other sites on the same listener do not need a certificate.
    expect((await get(httpsUrl, { servername: 'a.test', pki })).status).toBe(200);
  });
});
