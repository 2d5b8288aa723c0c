import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { signedPost } from './client.js';
import { CHECK_PATH, FIELDS_PATH, INGEST_PATH, PUT_EVENTS_ACTION, SAVED_SEARCHES_PATH, SAVED_SEARCH_ACTIONS as A, SEARCH_EVENTS_ACTION, SEARCH_PATH, VALUES_PATH } from './paths.js';

describe('events search helpers and saved searches (signed)', () => {
  let t: TestServer;
  let key: { accessKeyId: string; accessKeySecret: string };
  const call = async (path: string, body: unknown, action: string) => {
    const r = await signedPost(t.server.url, path, Buffer.from(JSON.stringify(body)), 'application/json', key, action);
    return { status: r.status, json: r.json as Record<string, unknown> };
  };
  beforeAll(async () => {
    t = await startTestServer();
    key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
    const now = Date.now();
    const docs = [
      { '@timestamp': now - 3000, event: { action: 'login', outcome: 'failure' }, user: { name: 'root' }, source: { ip: '203.0.113.9' } },
      { '@timestamp': now - 2000, event: { action: 'login', outcome: 'failure' }, user: { name: 'root' }, source: { ip: '203.0.113.9' } },
      { '@timestamp': now - 1000, event: { action: 'logout', outcome: 'success' }, user: { name: 'alice' }, source: { ip: '10.0.0.1' } },
    ];
    const r = await signedPost(t.server.url, INGEST_PATH, Buffer.from(docs.map((d) => JSON.stringify(d)).join('\n')), 'application/x-ndjson', key, PUT_EVENTS_ACTION);
    expect(r.json).toMatchObject({ accepted: 3 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('search errors carry the column of the mistake', async () => {
    const s = await call(SEARCH_PATH, { query: 'user.name:root AND (source.port:22' }, SEARCH_EVENTS_ACTION);
    expect(s.status).toBe(400);
    expect(s.json).toMatchObject({ Code: 'Events.QuerySyntax', Column: 20 });
  });

  it('checks a query, completes fields and values of the caller account', async () => {
    expect((await call(CHECK_PATH, { query: 'event.outcome:failure' }, SEARCH_EVENTS_ACTION)).json).toMatchObject({ valid: true });
    expect((await call(CHECK_PATH, { query: 'event.outcome:failure AND' }, SEARCH_EVENTS_ACTION)).json).toMatchObject({ valid: false, problem: { code: 'Events.QuerySyntax', column: 26 } });
    expect((await call(CHECK_PATH, {}, SEARCH_EVENTS_ACTION)).json).toMatchObject({ Code: 'MissingParameter' });
    const fields = (await call(FIELDS_PATH, { prefix: 'user.' }, SEARCH_EVENTS_ACTION)).json.fields as Array<{ name: string; type: string }>;
    expect(fields).toEqual(expect.arrayContaining([{ name: 'user.name', type: 'keyword', description: expect.any(String) as unknown }]));
    const values = await call(VALUES_PATH, { field: 'user.name', from: '-1h' }, SEARCH_EVENTS_ACTION);
    expect(values.json).toMatchObject({ field: 'user.name', values: [{ value: 'root', count: 2 }, { value: 'alice', count: 1 }] });
    expect((await call(VALUES_PATH, { field: 'user.name', prefix: 'al', from: '-1h' }, SEARCH_EVENTS_ACTION)).json).toMatchObject({ values: [{ value: 'alice', count: 1 }] });
    expect((await call(VALUES_PATH, { field: 'source.ip', from: '-1h' }, SEARCH_EVENTS_ACTION)).json).toMatchObject({ values: [{ value: '203.0.113.9', count: 2 }, { value: '10.0.0.1', count: 1 }] });
    expect((await call(VALUES_PATH, { field: 'user.nmae' }, SEARCH_EVENTS_ACTION)).json).toMatchObject({ Code: 'Events.UnknownField' });
  });

  it('saves, lists and deletes searches; a bad query is refused with its column', async () => {
    const put = await call(`${SAVED_SEARCHES_PATH}/put`, { name: 'root failures', query: 'user.name:root AND event.outcome:failure', from: '-7d', columns: ['source.ip'] }, A.put);
    expect(put.json).toMatchObject({ created: true, search: { name: 'root failures', columns: ['source.ip'] } });
    expect((await call(`${SAVED_SEARCHES_PATH}/list`, {}, A.list)).json).toMatchObject({ searches: [{ name: 'root failures', query: 'user.name:root AND event.outcome:failure', from: '-7d', to: 'now' }] });
    const bad = await call(`${SAVED_SEARCHES_PATH}/put`, { name: 'bad', query: 'user.name:(a' }, A.put);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ Code: 'Events.QuerySyntax', Column: 11 });
    expect((await call(`${SAVED_SEARCHES_PATH}/delete`, { name: 'root failures' }, A.delete)).json).toMatchObject({ deleted: 'root failures' });
    expect((await call(`${SAVED_SEARCHES_PATH}/delete`, { name: 'root failures' }, A.delete)).status).toBe(404);
    expect((await call(`${SAVED_SEARCHES_PATH}/list`, {}, A.list)).json).toMatchObject({ searches: [] });
  });
});
