import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost, signedRequest, type AccessKey } from '../events/client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from '../events/paths.js';
import { startTestServer, type TestServer } from '../openapi/test-support/server.js';
import { GATEWAY_CONFIG_PATH, GET_GATEWAY_CONFIG_ACTION } from '../sites/paths.js';
import { REPUTATION_ACTIONS as A, REPUTATION_PATH } from './paths.js';
import { until } from '../core/test-support/until.js';

let t: TestServer;
let key: AccessKey;

const call = async (op: string, body: unknown, action: string): Promise<{ status: number; json: Record<string, unknown> }> => {
  const r = await signedPost(t.server.url, `${REPUTATION_PATH}/${op}`, Buffer.from(JSON.stringify(body)), 'application/json', key, action);
  return { status: r.status, json: r.json as Record<string, unknown> };
};
const stream = async (apiKey: string, startup: boolean) => {
  const r = await fetch(`${t.server.url}/v1/decisions/stream?startup=${startup}`, { headers: { 'x-api-key': apiKey } });
  return { status: r.status, body: (await r.json()) as { new: Array<Record<string, unknown>> | null; deleted: Array<Record<string, unknown>> | null } };
};

beforeAll(async () => {
  process.env.BULWARK_REPUTATION_INTERVAL_MS = '200';
  t = await startTestServer();
  key = { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret };
});
afterAll(async () => {
  delete process.env.BULWARK_REPUTATION_INTERVAL_MS;
  await t.close();
});

describe('reputation API', () => {
  it('bans, shows, lists and unbans by hand, auditing each change', async () => {
    const ban = await call('ban', { ip: '192.0.2.10', duration: '1h', reason: 'seen in honeypot' }, A.create);
    expect(ban.status).toBe(200);
    expect(ban.json).toMatchObject({ created: true, decision: { value: '192.0.2.10', scope: 'Ip', action: 'ban', origin: 'manual', scenario: 'seen in honeypot' } });
    // a second ban of a covered address is not duplicated
    expect((await call('ban', { ip: '192.0.2.10' }, A.create)).json).toMatchObject({ created: false });
    const shown = await call('show', { ip: '192.0.2.10' }, A.get);
    expect(shown.json).toMatchObject({ ip: '192.0.2.10', allowlisted: false, active: [{ value: '192.0.2.10' }] });
    expect(((await call('list', {}, A.list)).json.decisions as unknown[]).length).toBeGreaterThanOrEqual(1);
    expect((await call('unban', { ip: '192.0.2.10' }, A.delete)).json).toMatchObject({ deleted: 1 });
    expect((await call('show', { ip: '192.0.2.10' }, A.get)).json).toMatchObject({ active: [] });
    const bad = await call('ban', { ip: 'not-an-ip' }, A.create);
    expect(bad.status).toBe(400);
    const trail = await t.server.platform.storage.db<{ audit_events: { event_name: string } }>().selectFrom('audit_events').select('event_name').execute();
    expect(trail.map((r) => r.event_name)).toEqual(expect.arrayContaining(['CreateReputationDecision', 'DeleteReputationDecision']));
  });

  it('scores gateway WAF blocks from the event store into an automatic ban with its evidence; allowlisted addresses are never banned', async () => {
    expect((await call('allowlist/add', { ip: '10.9.0.0/16', comment: 'office' }, A.allowlist)).status).toBe(200);
    expect((await call('ban', { ip: '10.9.1.1' }, A.create)).json).toMatchObject({ Code: 'Reputation.Allowlisted' });
    const now = Date.now();
    const attack = (ip: string, i: number) => ({ '@timestamp': new Date(now + i).toISOString(), event: { dataset: 'bulwark.gateway', kind: 'alert', id: `ev-${ip}-${i}` }, source: { ip }, url: { path: '/login' }, rule: { id: 'waf:942100' }, bulwark: { site: 'shop', blocked: true, reason: 'waf' }, http: { response: { status_code: 403 } } });
    const docs = [...Array.from({ length: 6 }, (_, i) => attack('203.0.113.50', i)), ...Array.from({ length: 12 }, (_, i) => attack('10.9.1.1', i))];
    const ingested = await signedPost(t.server.url, INGEST_PATH, Buffer.from(docs.map((d) => JSON.stringify(d)).join('\n')), 'application/x-ndjson', key, PUT_EVENTS_ACTION);
    expect(ingested.status).toBe(200);
    const decision = await until(async () => {
      const r = await call('show', { ip: '203.0.113.50' }, A.get);
      return (r.json.active as Array<Record<string, unknown>>).find((d) => d.action === 'ban');
    });
    expect(decision).toMatchObject({ action: 'ban', origin: 'bulwark', scenario: 'waf-attacks' });
    expect((decision.evidence as { signals: unknown[] }).signals).toHaveLength(6);
    await new Promise((r) => setTimeout(r, 600));
    expect((await call('show', { ip: '10.9.1.1' }, A.get)).json).toMatchObject({ allowlisted: true, active: [] });
  });

  it('serves the CrowdSec bouncer stream: startup, new and deleted decisions across polls, expiry', async () => {
    const created = await call('bouncers/create', { name: 'nginx-bouncer' }, A.bouncer);
    const apiKey = created.json.apiKey as string;
    expect(apiKey).toMatch(/^[0-9a-f]{48}$/);
    expect((await stream('wrong', true)).status).toBe(403);
    await call('ban', { ip: '198.51.100.0/24', duration: '2h' }, A.create);
    const startup = await stream(apiKey, true);
    expect(startup.status).toBe(200);
    expect(startup.body.new).toEqual(expect.arrayContaining([expect.objectContaining({ value: '198.51.100.0/24', scope: 'Range', type: 'ban', origin: 'cscli' })]));
    expect(startup.body.new!.find((d) => d.value === '198.51.100.0/24')!.duration).toMatch(/^1h59m\d+s$/);
    expect(startup.body.deleted).toBeNull();
    expect(await stream(apiKey, false)).toMatchObject({ body: { new: null, deleted: null } });
    await call('ban', { ip: '192.0.2.99', duration: '1s' }, A.create);
    const second = await stream(apiKey, false);
    expect(second.body.new).toEqual([expect.objectContaining({ value: '192.0.2.99' })]);
    await call('unban', { ip: '198.51.100.0/24' }, A.delete);
    await new Promise((r) => setTimeout(r, 1200));
    const third = await stream(apiKey, false);
    expect(third.body.new).toBeNull();
    expect((third.body.deleted ?? []).map((d) => d.value).sort()).toEqual(['192.0.2.99', '198.51.100.0/24']);
    // live mode
    const live = await fetch(`${t.server.url}/v1/decisions?ip=203.0.113.50`, { headers: { 'x-api-key': apiKey } });
    expect(await live.json()).toEqual([expect.objectContaining({ value: '203.0.113.50', type: 'ban' })]);
  });

  it('pushes bans to managed gateways with the site configuration, and imports/exports block lists', async () => {
    const get = (etag?: string, wait = 0) => signedRequest(t.server.url, { method: 'GET', path: GATEWAY_CONFIG_PATH, query: { wait: String(wait) }, headers: etag ? { 'if-none-match': etag } : {} }, key, GET_GATEWAY_CONFIG_ACTION);
    const before = await get();
    const etag = before.headers.get('etag') as string;
    const waiting = get(etag, 20);
    const imported = await call('import', { format: 'text', content: '# list\n192.0.2.200\n10.9.5.5\n', duration: '1h' }, A.create);
    expect(imported.json).toMatchObject({ created: 1, skipped: 1 });
    const after = await waiting;
    expect(after.status).toBe(200);
    expect((after.json as { bans: string[] }).bans).toEqual(expect.arrayContaining(['192.0.2.200', '203.0.113.50']));
    expect((after.json as { bans: string[] }).bans).not.toContain('10.9.5.5');
    const text = await call('export', { format: 'text' }, A.list);
    expect(text.json.content).toContain('192.0.2.200\n');
    const bad = await call('import', { format: 'text', content: '192.0.2.1\nbogus\n' }, A.create);
    expect(bad.json).toMatchObject({ Code: 'Reputation.InvalidBlockList' });
  });
});
