import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { signedPost } from './client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION, SEARCH_EVENTS_ACTION, SEARCH_PATH } from './routes.js';

describe('events HTTP API (signed)', () => {
  let t: TestServer;
  let key: { accessKeyId: string; accessKeySecret: string };
  beforeAll(async () => {
    t = await startTestServer();
    key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ingests NDJSON, reports bad events, stamps the caller account and searches', async () => {
    const body = Buffer.from(['{"message":"login ok","user":{"name":"alice"},"source":{"ip":"10.0.0.7"},"cloud":{"account":{"id":"forged"}}}', '{"source":{"ip":"nope"}}', '{"message":"login failed","user":{"name":"root"}}'].join('\n'));
    const r = await signedPost(t.server.url, INGEST_PATH, body, 'application/x-ndjson', key, PUT_EVENTS_ACTION);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ accepted: 2, rejected: [{ index: 1, field: 'source.ip' }] });

    const s = await signedPost(t.server.url, SEARCH_PATH, Buffer.from(JSON.stringify({ query: 'source.ip:10.0.0.0/8', aggs: ['terms:user.name'] })), 'application/json', key, SEARCH_EVENTS_ACTION);
    expect(s.status).toBe(200);
    const json = s.json as { total: number; events: Array<Record<string, unknown>>; aggregations: unknown[] };
    expect(json.total).toBe(1);
    expect(json.events[0]).toMatchObject({ message: 'login ok', cloud: { account: { id: t.root.accountId } } });
    expect(json.aggregations[0]).toMatchObject({ kind: 'terms', buckets: [{ key: 'alice', count: 1 }] });
  });

  it('rejects unsigned, tampered and unauthorised calls', async () => {
    const unsigned = await fetch(`${t.server.url}${INGEST_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{}]' });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const bad = await signedPost(t.server.url, INGEST_PATH, Buffer.from('[{}]'), 'application/json', { ...key, accessKeySecret: 'wrong' }, PUT_EVENTS_ACTION);
    expect((bad.json as { Code: string }).Code).toBe('SignatureDoesNotMatch');
  });

  it('answers query mistakes with a positioned 400', async () => {
    const s = await signedPost(t.server.url, SEARCH_PATH, Buffer.from(JSON.stringify({ query: 'user.nmae:x' })), 'application/json', key, SEARCH_EVENTS_ACTION);
    expect(s.status).toBe(400);
    expect(s.json).toMatchObject({ Code: 'Events.UnknownField' });
    expect((s.json as { Message: string }).Message).toContain('user.name');
  });
});
