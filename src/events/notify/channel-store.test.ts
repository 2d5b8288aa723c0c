import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { systemCaller } from '../../iam/caller.js';
import { openPlatform, type Platform } from '../../server/platform.js';
import { storageTargets, type OpenedTarget } from '../../storage/test-support/targets.js';
import type { Alert } from '../alerts/alert-store.js';
import { notifyConfig } from './channel-config.js';
import { ChannelStore } from './channel-store.js';
import type { ChannelTables } from './channel-tables.js';
import { Notifier } from './notifier.js';

const A = '1000000000000001';
const B = '1000000000000002';
const TOKEN = 'tok-3f9a1c77e2';
const alertOf = (id: string, accountId: string | null): Alert => ({ id, accountId, ruleId: 'r', status: 'open', severity: 75, title: `alert ${id}`, group: {}, count: 1, first: 0, last: 0, created: 0, updated: 0 });

describe.each(storageTargets())('notification channels per account ($dialect)', (target) => {
  let dir: string;
  let opened: OpenedTarget;
  let platform: Platform;
  let channels: ChannelStore;
  let http: Server;
  let base: string;
  const received: Array<{ path: string; body: string; headers: Record<string, unknown> }> = [];
  const a = systemCaller(A, 'req-a');
  const b = systemCaller(B, 'req-b');

  beforeAll(async () => {
    opened = await target.open();
    dir = opened.dataDir;
    platform = await openPlatform({ dataDir: dir, database: opened.database, ...(opened.schema ? { schema: opened.schema } : {}), logger: createLogger({ level: 'silent' }) });
    channels = new ChannelStore(platform);
    http = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body, headers: req.headers });
        res.writeHead(req.url?.startsWith('/down') ? 503 : 200).end('{}');
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => http.close(() => r()));
    await platform.storage.close();
    await opened.dispose();
  });

  it('keeps secrets sealed: stored sealed, never shown, kept when an edit leaves them out', async () => {
    const created = await channels.create(a, { type: 'webhook', name: 'siem', url: `${base}/hook?token=${TOKEN}`, secret: 'hmac-secret-1', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(created).toMatchObject({ name: 'siem', type: 'webhook', enabled: true, urlHint: `${base}/…`, secretSet: true, headerNames: ['authorization'] });
    expect(JSON.stringify(created)).not.toContain(TOKEN);
    const row = await platform.storage.db<ChannelTables>().selectFrom('event_channels').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(row.sealed_secrets.startsWith('s1:')).toBe(true);

    const renamed = await channels.update(a, created.channelId, { channel: { name: 'siem-main' } });
    expect(renamed).toMatchObject({ name: 'siem-main', secretSet: true, urlHint: `${base}/…` });
    expect((await channels.deliveryConfig(A, created.channelId)) as { url: string }).toMatchObject({ url: `${base}/hook?token=${TOKEN}`, secret: 'hmac-secret-1' });
    const unsigned = await channels.update(a, created.channelId, { channel: { secret: '' } });
    expect(unsigned.secretSet).toBe(false);

    const mail = await channels.create(a, { type: 'email', name: 'mail', host: 'smtp.example.test', user: 'bw', pass: 'smtp-pass-9', from: 'bw@example.test', to: ['soc@example.test'] });
    expect(mail).toMatchObject({ passwordSet: true, settings: { host: 'smtp.example.test', port: 587, user: 'bw', to: ['soc@example.test'] } });
    expect(JSON.stringify(mail)).not.toContain('smtp-pass-9');

    const audit = await platform.storage.db<{ audit_events: { event_name: string; body: string } }>().selectFrom('audit_events').select(['event_name', 'body']).execute();
    expect(audit.map((r) => r.event_name)).toEqual(expect.arrayContaining(['CreateNotificationChannel', 'UpdateNotificationChannel']));
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(JSON.stringify(audit)).not.toContain('smtp-pass-9');
  });

  it('validates naming the field, refuses duplicates, hides other accounts’ channels, deletes', async () => {
    await expect(channels.create(a, { type: 'slack', name: 'x', url: 'ftp://x' })).rejects.toMatchObject({ code: 'Events.InvalidChannel', params: { field: 'url' }, extra: { Field: 'channel.url' } });
    await expect(channels.create(a, { type: 'slack', name: 'mail', url: `${base}/slack` })).rejects.toMatchObject({ code: 'Events.ChannelExists' });
    const [first] = await channels.list(A);
    await expect(channels.get(B, first!.channelId)).rejects.toMatchObject({ code: 'Events.ChannelNotFound' });
    await expect(channels.delete(b, first!.channelId)).rejects.toMatchObject({ code: 'Events.ChannelNotFound' });
    const temp = await channels.create(a, { type: 'slack', name: 'temp', url: `${base}/slack` });
    await channels.delete(a, temp.channelId);
    expect((await channels.list(A)).map((c) => c.name)).not.toContain('temp');
    expect(await channels.list(B)).toEqual([]);
  });

  it('sends each account’s alerts to its own enabled channels, the file’s channels get all; a test message reports delivery', async () => {
    const mine = await channels.create(a, { type: 'webhook', name: 'a-hook', url: `${base}/a` });
    await channels.create(b, { type: 'webhook', name: 'b-hook', url: `${base}/b` });
    const off = await channels.create(b, { type: 'webhook', name: 'b-off', url: `${base}/b-off` }, false);
    const notifier = new Notifier(notifyConfig.parse({ attempts: 1, channels: [{ type: 'webhook', name: 'ops', url: `${base}/ops` }] }), createLogger({ level: 'silent' }), { accountChannels: (id) => channels.deliveryConfigs(id) });
    received.length = 0;
    const report = await notifier.send([alertOf('a1', A), alertOf('b1', B), alertOf('s1', null)]);
    const ids = (path: string) => received.filter((r) => r.path === path).flatMap((r) => (JSON.parse(r.body) as { alerts: Alert[] }).alerts.map((x) => x.id));
    expect(ids('/ops')).toEqual(['a1', 'b1', 's1']);
    expect(ids('/a')).toEqual(['a1']);
    expect(ids('/b')).toEqual(['b1']);
    expect(ids('/b-off')).toEqual([]);
    expect(report.find((r) => r.channel === 'a-hook')).toMatchObject({ ok: true, accountId: A });
    expect(off.enabled).toBe(false);

    received.length = 0;
    const ok = await notifier.test(await channels.deliveryConfig(A, mine.channelId), A);
    expect(ok).toMatchObject({ channel: 'a-hook', ok: true, attempts: 1 });
    expect(JSON.parse(received[0]!.body)).toMatchObject({ version: 1, alerts: [{ id: 'alert-test', accountId: A }] });
    const down = await notifier.test({ type: 'webhook', name: 'down', url: `${base}/down` }, A);
    expect(down).toMatchObject({ ok: false, attempts: 1 });
    expect(down.error).toContain('HTTP 503');
    notifier.close();
  });
});
