import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedClient } from '../openapi/test-support/signed-client.js';
import {
  ALERTS_PATH,
  CHANNELS_PATH,
  CREATE_CHANNEL_ACTION,
  CREATE_RULE_ACTION,
  DELETE_RULE_ACTION,
  GET_ALERT_ACTION,
  LIST_ALERTS_ACTION,
  LIST_CHANNELS_ACTION,
  LIST_RULES_ACTION,
  RULES_PATH,
  TEST_CHANNEL_ACTION,
  UPDATE_ALERT_ACTION,
  UPDATE_RULE_ACTION,
  VALIDATE_RULE_ACTION,
} from './alert-routes.js';
import { raiseSystemAlert } from './alerts/alert-store.js';
import { signedPost, type AccessKey } from './client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from './routes.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('alert rules and alerts API, back-pressure', () => {
  let t: TestServer;
  let key: { accessKeyId: string; accessKeySecret: string };
  beforeAll(async () => {
    t = await startTestServer();
    key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
  });
  afterAll(async () => {
    await t?.close();
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

  const post = (path: string, body: unknown, action: string, k: AccessKey = key) => signedPost(t.server.url, path, json(body), 'application/json', k, action);

  it('lists, changes and deletes the account’s rules; validates a Sigma rule with the line and column of a mistake', async () => {
    const listed = await post(`${RULES_PATH}/list`, {}, LIST_RULES_ACTION);
    const rules = (listed.json as { rules: Array<{ id: string; name: string }>; total: number }).rules;
    const brute = rules.find((r) => r.name === 'brute force')!;
    expect((listed.json as { total: number }).total).toBe(rules.length);
    const off = await post(`${RULES_PATH}/update`, { ruleId: brute.id, enabled: false, severity: 80 }, UPDATE_RULE_ACTION);
    expect(off.json).toMatchObject({ rule: { id: brute.id, enabled: false, severity: 80 } });
    const bad = await post(`${RULES_PATH}/update`, { ruleId: brute.id, definition: { kind: 'threshold', query: 'a', window: '5m', threshold: 0 } }, UPDATE_RULE_ACTION);
    expect(bad).toMatchObject({ status: 400, json: { Code: 'Events.InvalidRule' } });
    const yaml = 'title: t\nlogsource: {product: linux, category: process_creation}\ndetection:\n  sel:\n    Image|expand: x\n  condition: sel\n';
    const checked = await post(`${RULES_PATH}/validate`, { definition: { kind: 'sigma', yaml } }, VALIDATE_RULE_ACTION);
    expect(checked.json).toMatchObject({ valid: false, error: { code: 'Events.SigmaUnsupported', line: 5, column: 10 } });
    const good = await post(`${RULES_PATH}/validate`, { definition: { kind: 'sigma', yaml: yaml.replace('|expand', '') } }, VALIDATE_RULE_ACTION);
    expect(good.json).toMatchObject({ valid: true, title: 't', severity: 50 });
    expect((await post(`${RULES_PATH}/delete`, { ruleId: brute.id }, DELETE_RULE_ACTION)).status).toBe(200);
    expect((await post(`${RULES_PATH}/delete`, { ruleId: brute.id }, DELETE_RULE_ACTION)).json).toMatchObject({ Code: 'Events.RuleNotFound' });
  });

  it('shows an alert’s detail and acknowledges it, filtered lists follow', async () => {
    const alertId = await t.server.platform.storage.transaction((trx) => raiseSystemAlert(trx, { accountId: t.root.accountId, source: 'system:test', dedupeKey: 'k1', severity: 95, title: 'leaked key', group: { 'user.name': 'alice' } }, Date.now()));
    const detail = await post(`${ALERTS_PATH}/get`, { alertId }, GET_ALERT_ACTION);
    expect(detail.json).toMatchObject({ alert: { id: alertId, status: 'open' }, rule: null, query: { text: 'user.name:alice', exact: false }, events: [] });
    expect((await post(ALERTS_PATH, { severity: 'critical', status: 'open' }, LIST_ALERTS_ACTION)).json).toMatchObject({ total: 1, alerts: [{ id: alertId }] });
    expect((await post(`${ALERTS_PATH}/status`, { alertId, status: 'acknowledged' }, UPDATE_ALERT_ACTION)).json).toMatchObject({ alert: { status: 'acknowledged' } });
    expect((await post(ALERTS_PATH, { status: 'open' }, LIST_ALERTS_ACTION)).json).toMatchObject({ total: 0 });
    expect((await post(ALERTS_PATH, { severity: 'loud' }, LIST_ALERTS_ACTION)).json).toMatchObject({ Code: 'InvalidParameter' });
  });

  it('keeps channels per account without showing secrets, and sends a test message', async () => {
    const got: string[] = [];
    const receiver: Server = createServer((req, res) => {
      let b = '';
      req.on('data', (d: Buffer) => (b += d.toString()));
      req.on('end', () => {
        got.push(b);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook?token=s3cr3t-token`;
      const created = await post(`${CHANNELS_PATH}/create`, { channel: { type: 'webhook', name: 'siem', url } }, CREATE_CHANNEL_ACTION);
      expect(created.status).toBe(200);
      expect(JSON.stringify(created.json)).not.toContain('s3cr3t-token');
      const channelId = (created.json as { channel: { channelId: string } }).channel.channelId;
      const listed = await post(`${CHANNELS_PATH}/list`, {}, LIST_CHANNELS_ACTION);
      expect(listed.json).toMatchObject({ channels: [{ channelId, name: 'siem', type: 'webhook' }] });
      const tested = await post(`${CHANNELS_PATH}/test`, { channelId }, TEST_CHANNEL_ACTION);
      expect(tested.json).toMatchObject({ delivery: { ok: true, attempts: 1 } });
      expect(JSON.parse(got[0]!)).toMatchObject({ version: 1, alerts: [{ id: 'alert-test' }] });
      const invalid = await post(`${CHANNELS_PATH}/create`, { channel: { type: 'email', name: 'm', host: 'h', from: 'a@b', to: [] } }, CREATE_CHANNEL_ACTION);
      expect(invalid).toMatchObject({ status: 400, json: { Code: 'Events.InvalidChannel' } });
      expect((invalid.json as { Message: string }).Message).toContain('"to"');
      // a RAM user without policies may do none of it
      const ram = signedClient(t.server.app, key);
      await ram.ok('CreateUser', { UserName: 'nobody' });
      const ak = (await ram.ok('CreateAccessKey', { UserName: 'nobody' })).AccessKey as { AccessKeyId: string; AccessKeySecret: string };
      const denied = await post(`${CHANNELS_PATH}/list`, {}, LIST_CHANNELS_ACTION, { accessKeyId: ak.AccessKeyId, accessKeySecret: ak.AccessKeySecret });
      expect(denied).toMatchObject({ status: 403, json: { Code: 'NoPermission' } });
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });

  it('answers 429 with Retry-After when the ingest queue is full', async () => {
    // started here: its audit forwarder (every 2 s) must not have queued the init records yet
    process.env.BULWARK_EVENTS_MAX_QUEUED = '1';
    let busy: TestServer;
    try {
      busy = await startTestServer();
    } finally {
      delete process.env.BULWARK_EVENTS_MAX_QUEUED;
    }
    try {
    const k = { accessKeyId: busy.root.accessKeyId, accessKeySecret: busy.root.accessKeySecret };
    const r = await signedPost(busy.server.url, INGEST_PATH, Buffer.from('{"message":"a"}\n{"message":"b"}'), 'application/x-ndjson', k, PUT_EVENTS_ACTION);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.json).toMatchObject({ Code: 'Events.Busy' });
    const one = await signedPost(busy.server.url, INGEST_PATH, Buffer.from('{"message":"a"}'), 'application/x-ndjson', k, PUT_EVENTS_ACTION);
    expect(one.status).toBe(200);
    } finally {
      await busy.close();
    }
  });
});
