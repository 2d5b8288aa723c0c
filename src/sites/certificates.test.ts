import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost, signedRequest, type AccessKey } from '../events/client.js';
import { loadCertificate } from '../gateway/runtime.js';
import { createPki, type Pki } from '../gateway/test-support/pki.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { signedClient } from '../openapi/test-support/signed-client.js';
import { parseCertificatePair } from './certificate-store.js';
import { CERTIFICATES_PATH, DELETE_CERTIFICATE_ACTION, DELETE_SITE_ACTION, GATEWAY_CONFIG_PATH, GET_GATEWAY_CONFIG_ACTION, LIST_CERTIFICATES_ACTION, PUT_CERTIFICATE_ACTION, PUT_SITE_ACTION, SITES_PATH } from './paths.js';

let t: TestServer;
let key: AccessKey;
let pki: Pki;
const post = (path: string, body: unknown, action: string) => signedPost(t.server.url, path, Buffer.from(JSON.stringify(body)), 'application/json', key, action);
const pem = (name: string, ext: 'pem' | 'key') => pki.read(name, ext).toString('utf8');

beforeAll(async () => {
  t = await startTestServer();
  key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  pki = createPki();
  pki.ca('ca');
  pki.leaf('shop', 'ca', 'shop.test', ['shop.test', 'www.shop.test']);
  pki.leaf('other', 'ca', 'other.test', ['other.test']);
});
afterAll(() => t.close());

describe('certificates of managed sites', () => {
  it('checks an uploaded pair: PEM chain, private key of the leaf', () => {
    const chain = `${pem('shop', 'pem')}${pem('ca', 'pem')}`;
    expect(parseCertificatePair(chain, pem('shop', 'key')).leaf.subject).toContain('CN=shop.test');
    const fail = (cert: string, k: string) => {
      try {
        parseCertificatePair(cert, k);
      } catch (e) {
        return { code: (e as { code: string }).code, field: (e as { params: { field: string } }).params.field, message: (e as Error).message };
      }
      return undefined;
    };
    expect(fail('not a certificate', pem('shop', 'key'))).toMatchObject({ code: 'Site.InvalidCertificate', field: 'cert' });
    expect(fail(pem('shop', 'pem'), 'not a key')).toMatchObject({ code: 'Site.InvalidCertificate', field: 'key' });
    const mismatch = fail(pem('shop', 'pem'), pem('other', 'key'));
    expect(mismatch).toMatchObject({ field: 'key' });
    expect(mismatch?.message).toContain('does not belong');
    expect(mismatch?.message).not.toContain('PRIVATE KEY');
    // a chain out of order, or with a certificate that did not sign the one before it
    const unordered = fail(`${pem('shop', 'pem')}${pem('other', 'pem')}${pem('ca', 'pem')}`, pem('shop', 'key'));
    expect(unordered).toMatchObject({ code: 'Site.InvalidCertificate', field: 'cert' });
    expect(unordered?.message).toContain('certificate 1 (CN=shop.test) is not signed by certificate 2 (CN=other.test)');
    pki.ca('ca2');
    expect(fail(`${pem('shop', 'pem')}${pem('ca2', 'pem')}`, pem('shop', 'key'))?.message).toContain('put the leaf first');
  });

  it('uploads with the key sealed, lists expiry without the key, delivers the pair only to gateways, refuses deleting one in use, and audits without the key', async () => {
    const up = await post(`${CERTIFICATES_PATH}/put`, { name: 'shop', cert: pem('shop', 'pem'), key: pem('shop', 'key') }, PUT_CERTIFICATE_ACTION);
    expect(up.status).toBe(200);
    expect(up.json).toMatchObject({ created: true, certificate: { name: 'shop', names: ['shop.test', 'www.shop.test'] } });
    const view = (up.json as { certificate: { notAfter: string; daysLeft: number } }).certificate;
    expect(Date.parse(view.notAfter)).toBeGreaterThan(Date.now());
    expect(view.daysLeft).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(up.json)).not.toContain('PRIVATE KEY');
    const row = await t.server.platform.storage.db<{ gateway_certificates: { key_sealed: string } }>().selectFrom('gateway_certificates').select('key_sealed').executeTakeFirstOrThrow();
    expect(row.key_sealed.startsWith('s1:')).toBe(true);
    expect(row.key_sealed).not.toContain('PRIVATE KEY');

    const bad = await post(`${CERTIFICATES_PATH}/put`, { name: 'shop', cert: pem('shop', 'pem'), key: pem('other', 'key') }, PUT_CERTIFICATE_ACTION);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ Code: 'Site.InvalidCertificate' });
    const listed = await post(`${CERTIFICATES_PATH}/list`, {}, LIST_CERTIFICATES_ACTION);
    expect(listed.json).toMatchObject({ certificates: [{ name: 'shop', names: ['shop.test', 'www.shop.test'] }] });
    expect(JSON.stringify(listed.json)).not.toContain('PRIVATE KEY');

    const unknown = await post(`${SITES_PATH}/put`, { site: { name: 'shop', upstreams: ['http://127.0.0.1:9'], tls: { certificates: [{ certificate: 'nope' }] } } }, PUT_SITE_ACTION);
    expect(unknown.status).toBe(400);
    expect((unknown.json as { Message: string }).Message).toContain('site.tls.certificates.0.certificate');
    const inline = await post(`${SITES_PATH}/put`, { site: { name: 'shop', upstreams: ['http://127.0.0.1:9'], tls: { certificates: [{ certPem: pem('shop', 'pem'), keyPem: pem('shop', 'key') }] } } }, PUT_SITE_ACTION);
    expect(inline.status).toBe(400);
    const site = await post(`${SITES_PATH}/put`, { site: { name: 'shop', upstreams: ['http://127.0.0.1:9'], tls: { certificates: [{ certificate: 'shop' }] } } }, PUT_SITE_ACTION);
    expect(site.status).toBe(200);

    const config = await signedRequest(t.server.url, { method: 'GET', path: GATEWAY_CONFIG_PATH }, key, GET_GATEWAY_CONFIG_ACTION);
    const delivered = (config.json as { sites: Array<{ tls: { certificates: Array<{ certPem: string; keyPem: string }> } }> }).sites[0]!.tls.certificates[0]!;
    expect(delivered.keyPem).toBe(pem('shop', 'key'));
    expect(loadCertificate('/', delivered, 'sites.0.tls.certificates.0').names).toEqual(['shop.test', 'www.shop.test']);
    expect(() => loadCertificate('/', { certificate: 'shop' }, 'sites.0.tls.certificates.0')).toThrow(/--server/);

    // the configuration carries the private keys: a read-only user (ReadOnlyAccess, `*:Get*`) cannot pull it
    const ram = signedClient(t.server.app, key);
    await ram.ok('CreateUser', { UserName: 'cert-reader' });
    await ram.ok('AttachPolicyToUser', { UserName: 'cert-reader', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' });
    const readerKey = ((await ram.ok('CreateAccessKey', { UserName: 'cert-reader' })) as { AccessKey: { AccessKeyId: string; AccessKeySecret: string } }).AccessKey;
    const asReader = await signedRequest(t.server.url, { method: 'GET', path: GATEWAY_CONFIG_PATH }, { accessKeyId: readerKey.AccessKeyId, accessKeySecret: readerKey.AccessKeySecret }, GET_GATEWAY_CONFIG_ACTION);
    expect(asReader.status).toBe(403);
    expect(JSON.stringify(asReader.json)).not.toContain('PRIVATE KEY');

    const inUse = await post(`${CERTIFICATES_PATH}/delete`, { name: 'shop' }, DELETE_CERTIFICATE_ACTION);
    expect(inUse.status).toBe(409);
    expect(inUse.json).toMatchObject({ Code: 'Site.CertificateInUse' });
    expect((await post(`${SITES_PATH}/delete`, { name: 'shop' }, DELETE_SITE_ACTION)).status).toBe(200);
    expect((await post(`${CERTIFICATES_PATH}/delete`, { name: 'shop' }, DELETE_CERTIFICATE_ACTION)).status).toBe(200);
    expect((await post(`${CERTIFICATES_PATH}/delete`, { name: 'shop' }, DELETE_CERTIFICATE_ACTION)).json).toMatchObject({ Code: 'Site.CertificateNotFound' });

    const trail = await t.server.platform.storage.db<{ audit_events: { event_name: string; body: string } }>().selectFrom('audit_events').select(['event_name', 'body']).execute();
    expect(trail.map((r) => r.event_name)).toEqual(expect.arrayContaining(['UploadCertificate', 'DeleteCertificate']));
    expect(trail.find((r) => r.event_name === 'UploadCertificate')?.body).toContain('shop.test');
    expect(JSON.stringify(trail)).not.toContain('PRIVATE KEY');
  });
});
