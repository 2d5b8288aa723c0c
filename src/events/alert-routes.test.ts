import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { ALERTS_PATH, CREATE_RULE_ACTION, LIST_ALERTS_ACTION, RULES_PATH, UPDATE_ALERT_ACTION } from './alert-routes.js';
import { signedPost } from './client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from './routes.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('alert rules and alerts API, back-pressure', () => {
  let t: TestServer;
  let busy: TestServer;
  let key: { accessKeyId: string; accessKeySecret: string };
  beforeAll(async () => {
    t = await startTestServer();
    key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
    process.env.BULWARK_EVENTS_MAX_QUEUED = '1';
    try {
      busy = await startTestServer();
    } finally {
      delete process.env.BULWARK_EVENTS_MAX_QUEUED;
    }
  });
  afterAll(async () => {
    await t?.close();
    await busy?.close();
  });

  it('creates rules for the caller account and refuses invalid ones naming the field', async () => {
    const ok = await signedPost(t.server.url, RULES_PATH, json({ name: 'brute force', definition: { kind: 'threshold', query: 'event.outcome:failure', groupBy: ['source.ip'], window: '5m', threshold: 10 } }), 'application/json', key, CREATE_RULE_ACTION);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ rule: { name: 'brute force', kind: 'threshold', accountId: t.root.accountId, enabled: true } });
    const bad = await signedPost(t.server.url, RULES_PATH, json({ name: 'x', definition: { kind: 'threshold', query: 'event.outcome:failure', window: '5 min', threshold: 1 } }), 'application/json', key, CREATE_RULE_ACTION);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ Code: 'Events.InvalidRule' });
    expect((bad.json as { Message: string }).Message).toContain('"window"');
    const sigma = await signedPost(t.server.url, RULES_PATH, json({ name: 's', definition: { kind: 'sigma', yaml: 'title: t\nlogsource: {product: linux}\ndetection:\n  sel: {CommandLine: x}\n  condition: sel | count() > 3' } }), 'application/json', key, CREATE_RULE_ACTION);
    expect(sigma.json).toMatchObject({ Code: 'Events.SigmaUnsupported' });
  });

  it('lists alerts and refuses to change an unknown alert', async () => {
    const list = await signedPost(t.server.url, ALERTS_PATH, json({ status: 'open' }), 'application/json', key, LIST_ALERTS_ACTION);
    expect(list.json).toMatchObject({ alerts: [] });
    const missing = await signedPost(t.server.url, `${ALERTS_PATH}/status`, json({ alertId: 'alert-x', status: 'closed' }), 'application/json', key, UPDATE_ALERT_ACTION);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ Code: 'Events.AlertNotFound' });
  });

  it('answers 429 with Retry-After when the ingest queue is full', async () => {
    const k = { accessKeyId: busy.root.accessKeyId, accessKeySecret: busy.root.accessKeySecret };
    const r = await signedPost(busy.server.url, INGEST_PATH, Buffer.from('{"message":"a"}\n{"message":"b"}'), 'application/x-ndjson', k, PUT_EVENTS_ACTION);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.json).toMatchObject({ Code: 'Events.Busy' });
    const one = await signedPost(busy.server.url, INGEST_PATH, Buffer.from('{"message":"a"}'), 'application/x-ndjson', k, PUT_EVENTS_ACTION);
    expect(one.status).toBe(200);
  });
});
