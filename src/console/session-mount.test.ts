import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleApp, type ConsoleTestApp, type Signed } from './test-support/console-app.js';

const PASSWORD = 'Correct-Horse-9';

/** Signed JSON routes (`/api/...`) mounted for console sessions at `/console/api/...`. */
describe('console session mount of signed routes', () => {
  let t: ConsoleTestApp;
  let admin: Signed;
  let reader: Signed;

  beforeEach(async () => {
    t = await openConsoleApp();
    await t.adminAndReader(PASSWORD);
    admin = await t.signIn('admin', PASSWORD);
    reader = await t.signIn('reader', PASSWORD);
    expect([admin.res.statusCode, reader.res.statusCode]).toEqual([200, 200]);
  });
  afterEach(() => t.close());

  it('runs the same handler as the signed route, authorized by the session user and audited as that user', async () => {
    const put = await t.call(admin, 'POST', '/gateway/sites/put', { site: { name: 'shop', upstreams: ['http://127.0.0.1:9'] } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ name: 'shop', created: true });
    const list = await t.call(admin, 'POST', '/gateway/sites/list', {});
    expect(list.json()).toMatchObject({ sites: [{ name: 'shop' }] });
    const records = await t.platform.audit.list({ accountId: t.accountId, limit: 50 });
    const written = records.map((r) => r.event).find((e) => e.eventName === 'CreateSite');
    expect(written?.userIdentity).toMatchObject({ type: 'ram-user', userName: 'admin' });
  });

  it('needs a signed-in session, and the CSRF token on writes', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/console/api/gateway/sites/list', payload: {} });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ Code: 'Console.Unauthenticated' });
    const noCsrf = await t.call(admin, 'POST', '/gateway/sites/put', { site: { name: 'shop', upstreams: ['http://127.0.0.1:9'] } }, false);
    expect(noCsrf.json()).toMatchObject({ Code: 'Console.CsrfMismatch' });
    expect((await t.call(admin, 'POST', '/gateway/sites/list', {})).statusCode).toBe(200);
  });

  it('applies the user\'s RAM policies', async () => {
    const denied = await t.call(reader, 'POST', '/gateway/sites/put', { site: { name: 'shop', upstreams: ['http://127.0.0.1:9'] } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ Code: 'NoPermission' });
  });

  it('names the bad field, like the rest of the console API', async () => {
    const bad = await t.call(admin, 'POST', '/events/search', { query: 'source.ip:', size: 'ten' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toHaveProperty('Field');
    const search = await t.call(admin, 'POST', '/events/search', { query: '*' });
    expect(search.statusCode).toBe(200);
    expect(search.json()).toHaveProperty('total');
  });

  it('leaves the signed routes signed: a session cookie does not authenticate /api/...', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/gateway/sites/list', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: {} });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.json().Code).not.toBe('NoPermission');
    expect(res.json()).not.toHaveProperty('sites');
  });

  it('does not mount what only gateways call: the config pull (certificate keys) and status reports', async () => {
    const config = await t.call(admin, 'GET', '/gateway/config');
    expect(config.statusCode).toBe(404);
    expect(config.body).not.toContain('PRIVATE KEY');
    const report = await t.call(admin, 'POST', '/gateway/status', { gatewayId: 'gw-1', version: '1', listeners: [], sites: [] });
    expect(report.statusCode).toBe(404);
    // the console still lists the gateways' reports
    expect((await t.call(admin, 'POST', '/gateway/status/list', {})).statusCode).toBe(200);
  });
});
