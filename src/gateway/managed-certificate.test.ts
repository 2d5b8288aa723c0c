import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from './gateway.js';
import { config, gateway, startOrigin, type TestOrigin } from './test-support/harness.js';
import { createPki, type Pki } from './test-support/pki.js';

/** The CN of the certificate served for `servername`, and the status. */
function served(url: string, servername: string, pki: Pki): Promise<{ cn: string | undefined; status: number }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: u.hostname, port: Number(u.port), path: '/', servername, headers: { host: servername }, ca: [pki.read('ca', 'pem')], agent: false, checkServerIdentity: () => undefined }, (res) => {
      const cn = (res.socket as TLSSocket).getPeerCertificate().subject?.CN;
      res.resume();
      res.on('end', () => resolve({ cn: Array.isArray(cn) ? cn[0] : cn, status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

let pki: Pki;
let origin: TestOrigin;
let gw: RunningGateway;

beforeAll(async () => {
  pki = createPki();
  pki.ca('ca');
  pki.leaf('default', 'ca', 'gateway.test', ['gateway.test']);
  pki.leaf('shop', 'ca', 'shop.test', ['shop.test']);
  origin = await startOrigin('o');
  ({ gw } = await gateway(
    config({
      listen: [{ address: '127.0.0.1:0', tls: { cert: pki.path('default', 'pem'), key: pki.path('default', 'key') } }],
      // a managed certificate as the server delivers it: the PEM pair inline
      sites: [{ name: 'shop', hosts: ['shop.test'], upstreams: [origin.url], tls: { certificates: [{ certPem: pki.read('shop', 'pem').toString(), keyPem: pki.read('shop', 'key').toString() }] } }],
    }),
    { baseDir: pki.dir },
  ));
});
afterAll(async () => {
  await gw.stop();
  await origin.stop();
});

describe('managed certificates on the gateway', () => {
  it('serves an inline PEM pair by SNI, and the listener default otherwise', async () => {
    expect(await served(gw.urls[0]!, 'shop.test', pki)).toEqual({ cn: 'shop.test', status: 200 });
    expect((await served(gw.urls[0]!, 'other.test', pki)).cn).toBe('gateway.test');
  });
});
