import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost, signedRequest, type AccessKey } from '../events/client.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { GATEWAY_CONFIG_PATH, GET_GATEWAY_CONFIG_ACTION, LIST_SITES_ACTION, PUT_SITE_ACTION, DELETE_SITE_ACTION, SITES_PATH } from './paths.js';

let t: TestServer;
let key: AccessKey;
const post = (path: string, body: unknown, action: string, k: AccessKey = key) => signedPost(t.server.url, path, Buffer.from(JSON.stringify(body)), 'application/json', k, action);
const getConfig = (wait: number, etag?: string) =>
  signedRequest(t.server.url, { method: 'GET', path: GATEWAY_CONFIG_PATH, query: { wait: String(wait) }, headers: etag ? { 'if-none-match': etag } : {} }, key, GET_GATEWAY_CONFIG_ACTION);

beforeAll(async () => {
  t = await startTestServer();
  key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
});
afterAll(() => t.close());

describe('managed gateway sites API', () => {
  it('creates, lists, replaces and deletes sites, bumping the revision and auditing each change', async () => {
    const created = await post(`${SITES_PATH}/put`, { site: { name: 'shop', upstreams: ['http://127.0.0.1:9'] } }, PUT_SITE_ACTION);
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ name: 'shop', revision: 1, created: true });
    const replaced = await post(`${SITES_PATH}/put`, { site: { name: 'shop', upstreams: ['http://127.0.0.1:10'], waf: { mode: 'block' } } }, PUT_SITE_ACTION);
    expect(replaced.json).toMatchObject({ revision: 2, created: false });
    const listed = await post(`${SITES_PATH}/list`, {}, LIST_SITES_ACTION);
    expect(listed.json).toMatchObject({ revision: 2, sites: [{ name: 'shop', site: { upstreams: ['http://127.0.0.1:10'], waf: { mode: 'block' } } }] });
    const deleted = await post(`${SITES_PATH}/delete`, { name: 'shop' }, DELETE_SITE_ACTION);
    expect(deleted.json).toMatchObject({ revision: 3 });
    const again = await post(`${SITES_PATH}/delete`, { name: 'shop' }, DELETE_SITE_ACTION);
    expect(again.status).toBe(404);
    expect(again.json).toMatchObject({ Code: 'Site.NotFound' });
    const trail = await t.server.platform.storage.db<{ audit_events: { event_name: string } }>().selectFrom('audit_events').select('event_name').execute();
    const names = trail.map((r) => r.event_name);
    expect(names).toEqual(expect.arrayContaining(['CreateSite', 'UpdateSite', 'DeleteSite']));
  });

  it('rejects an invalid site naming the field, and changes nothing', async () => {
    const before = (await getConfig(0)).headers.get('etag');
    const bad = await post(`${SITES_PATH}/put`, { site: { name: 'bad', upstreams: [], waf: { mode: 'block' } } }, PUT_SITE_ACTION);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ Code: 'InvalidParameter' });
    expect((bad.json as { Message: string }).Message).toContain('site.upstreams');
    const unknownField = await post(`${SITES_PATH}/put`, { site: { name: 'bad', upstreams: ['http://127.0.0.1:9'], wat: 1 } }, PUT_SITE_ACTION);
    expect(unknownField.status).toBe(400);
    expect((await getConfig(0)).headers.get('etag')).toBe(before);
  });

  it('long-polls: 304 when nothing changes, and answers as soon as a site changes', async () => {
    const first = await getConfig(0);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"r\d+(\.b\d+)?"$/);
    const unchanged = await getConfig(1, etag);
    expect(unchanged.status).toBe(304);
    const started = Date.now();
    const waiting = getConfig(30, etag);
    setTimeout(() => void post(`${SITES_PATH}/put`, { site: { name: 'blog', upstreams: ['http://127.0.0.1:11'] } }, PUT_SITE_ACTION), 200);
    const changed = await waiting;
    expect(changed.status).toBe(200);
    // Woken by the change, not by the 30 s timeout.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.json).toMatchObject({ sites: [{ name: 'blog', upstreams: ['http://127.0.0.1:11'] }] });
  });

  it('refuses callers without the permission and unsigned requests', async () => {
    const unsigned = await fetch(`${t.server.url}${GATEWAY_CONFIG_PATH}`);
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const wrongSecret = await signedRequest(t.server.url, { method: 'GET', path: GATEWAY_CONFIG_PATH }, { ...key, accessKeySecret: 'x'.repeat(30) }, GET_GATEWAY_CONFIG_ACTION);
    expect(wrongSecret.status).toBe(400);
    const badWait = await getConfig(999);
    expect(badWait.json).toMatchObject({ Code: 'InvalidParameter' });
  });
});
