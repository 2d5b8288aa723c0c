import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleApp, type ConsoleTestApp, type Signed } from '../../console/test-support/console-app.js';

const PASSWORD = 'Correct-Horse-9';

/** The search page's routes from a console session: same RAM checks, audited as the session's user. */
describe('saved searches and search helpers from the console', () => {
  let t: ConsoleTestApp;
  let admin: Signed;
  let reader: Signed;

  beforeAll(async () => {
    t = await openConsoleApp();
    await t.adminAndReader(PASSWORD);
    admin = await t.signIn('admin', PASSWORD);
    reader = await t.signIn('reader', PASSWORD);
  });
  afterAll(() => t.close());

  it('saves and deletes as the signed-in user, audited as that user', async () => {
    const put = await t.call(admin, 'POST', '/events/saved-searches/put', { name: 'ssh', query: 'event.dataset:agent.ssh', columns: ['user.name'] });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ created: true, search: { name: 'ssh', createdBy: 'admin' } });
    expect((await t.call(admin, 'POST', '/events/saved-searches/list', {})).json()).toMatchObject({ searches: [{ name: 'ssh', columns: ['user.name'] }] });
    expect((await t.call(admin, 'POST', '/events/saved-searches/delete', { name: 'ssh' })).statusCode).toBe(200);
    const events = (await t.platform.audit.list({ accountId: t.accountId, limit: 50 })).map((r) => r.event);
    expect(events.find((e) => e.eventName === 'CreateSavedSearch')?.userIdentity).toMatchObject({ type: 'ram-user', userName: 'admin' });
    expect(events.find((e) => e.eventName === 'DeleteSavedSearch')?.userIdentity).toMatchObject({ type: 'ram-user', userName: 'admin' });
  });

  it('refuses users without the RAM actions, and names the field of a bad body', async () => {
    const denied = await t.call(reader, 'POST', '/events/saved-searches/put', { name: 'x', query: '' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ Code: 'NoPermission' });
    expect((await t.call(reader, 'POST', '/events/check', { query: 'a' })).json()).toMatchObject({ Code: 'NoPermission' });
    const bad = await t.call(admin, 'POST', '/events/saved-searches/put', { name: 'x', columns: 'user.name' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ Field: 'columns' });
  });

  it('a search mistake carries its column to the page', async () => {
    const bad = await t.call(admin, 'POST', '/events/search', { query: 'a AND' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ Code: 'Events.QuerySyntax', Column: 6 });
    expect((await t.call(admin, 'POST', '/events/check', { query: 'a AND' })).json()).toMatchObject({ valid: false, problem: { column: 6 } });
  });
});
