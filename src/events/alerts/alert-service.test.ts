import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { systemCaller } from '../../iam/caller.js';
import { openPlatform, type Platform } from '../../server/platform.js';
import { storageTargets, type OpenedTarget } from '../../storage/test-support/targets.js';
import { parseQuery } from '../query/parser.js';
import { DuckDbEventStore } from '../store/duckdb-store.js';
import { events } from '../test-support/events.js';
import { AlertService, kqlValue } from './alert-service.js';
import { AlertStore } from './alert-store.js';
import { RuleService } from './rule-service.js';
import { RuleScheduler } from './scheduler.js';

const A = '1000000000000001';
const B = '1000000000000002';
const T = Date.UTC(2026, 10, 28, 12, 0, 0);
const failure = (i: number, account: string, user = 'root') => ({ '@timestamp': T + i * 1000, event: { id: `${account}-f${i}`, outcome: 'failure', action: 'login' }, user: { name: user }, source: { ip: '198.51.100.4' }, cloud: { account: { id: account } } });
const SIGMA = 'title: Shell via apt\nlevel: critical\nlogsource: {category: process_creation, product: linux}\ndetection:\n  selection:\n    CommandLine|contains: "pre-invoke"\n  condition: selection\n';

describe.each(storageTargets())('alerts of an account: filters, detail with its events, acknowledge and close ($dialect)', (target) => {
  let dir: string;
  let opened: OpenedTarget;
  let platform: Platform;
  let store: DuckDbEventStore;
  let service: AlertService;
  const a = systemCaller(A, 'req-a');

  beforeAll(async () => {
    opened = await target.open();
    dir = opened.dataDir;
    platform = await openPlatform({ dataDir: dir, database: opened.database, ...(opened.schema ? { schema: opened.schema } : {}), logger: createLogger({ level: 'silent' }) });
    store = await DuckDbEventStore.open({ path: join(dir, 'events.duckdb') });
    service = new AlertService(platform, store);
    const rules = new RuleService(platform);
    await rules.create(a, { name: 'brute force', severity: 70, definition: { kind: 'threshold', query: 'event.action:login AND event.outcome:failure', groupBy: ['user.name'], window: '5m', threshold: 3 } });
    await rules.create(a, { name: 'apt', definition: { kind: 'sigma', yaml: SIGMA } });
    await store.append(events([...[0, 1, 2, 3].map((i) => failure(i, A)), ...[0, 1, 2, 3].map((i) => failure(i, B)), failure(5, A, 'alice'), { '@timestamp': T + 9000, event: { id: 'p1', category: 'process' }, process: { command_line: 'apt-get -o APT::Update::Pre-Invoke::=/bin/sh' }, host: { name: 'web 2' }, cloud: { account: { id: A } } }]));
    const scheduler = new RuleScheduler({ events: store, alerts: new AlertStore(platform.storage, () => T + 10 * 60_000), logger: createLogger({ level: 'silent' }), now: () => T + 10 * 60_000 });
    expect((await scheduler.tick()).raised).toBe(2);
  });
  afterAll(async () => {
    await store.close();
    await platform.storage.close();
    await opened.dispose();
  });

  it('lists with severity and status filters, only the account’s alerts', async () => {
    const all = await service.list(A);
    expect(all.total).toBe(2);
    expect((await service.list(A, { severity: 'critical' })).alerts.map((x) => x.title)).toEqual(['Shell via apt (host.name=web 2)']);
    expect((await service.list(A, { severity: 'high' })).alerts.map((x) => x.group)).toEqual([{ 'user.name': 'root' }]);
    expect((await service.list(A, { severity: 'low' })).total).toBe(0);
    expect((await service.list(B)).total).toBe(0);
  });

  it('details an alert with the events that raised it and a query that finds them', async () => {
    const [threshold] = (await service.list(A, { severity: 'high' })).alerts;
    const d = await service.detail(A, threshold!.id);
    expect(d.rule).toMatchObject({ name: 'brute force', kind: 'threshold' });
    expect(d.query).toMatchObject({ text: '(event.action:login AND event.outcome:failure) AND user.name:root', exact: true, from: new Date(T).toISOString(), to: new Date(T + 3001).toISOString() });
    expect(() => parseQuery(d.query.text)).not.toThrow();
    expect(d.total).toBe(4);
    expect(d.events.map((e) => (e.event as { id: string }).id).sort()).toEqual([`${A}-f0`, `${A}-f1`, `${A}-f2`, `${A}-f3`]);

    const [sigma] = (await service.list(A, { severity: 'critical' })).alerts;
    const s = await service.detail(A, sigma!.id);
    expect(s.query).toMatchObject({ text: 'host.name:"web 2"', exact: false });
    expect(s.events.map((e) => (e.event as { id: string }).id)).toEqual(['p1']);
    await expect(service.detail(B, sigma!.id)).rejects.toMatchObject({ code: 'Events.AlertNotFound' });
    expect(kqlValue('and')).toBe('"and"');
    expect(kqlValue('a"b\\')).toBe('"a\\"b\\\\"');
  });

  it('acknowledges then closes, audited once per change; another account cannot', async () => {
    const [alert] = (await service.list(A, { severity: 'high' })).alerts;
    await expect(service.setStatus(systemCaller(B, 'req-b'), alert!.id, 'acknowledged')).rejects.toMatchObject({ code: 'Events.AlertNotFound' });
    expect((await service.setStatus(a, alert!.id, 'acknowledged')).status).toBe('acknowledged');
    expect((await service.setStatus(a, alert!.id, 'acknowledged')).status).toBe('acknowledged');
    expect((await service.list(A, { status: 'acknowledged' })).alerts.map((x) => x.id)).toEqual([alert!.id]);
    expect((await service.setStatus(a, alert!.id, 'closed')).status).toBe('closed');
    const audit = await platform.storage.db<{ audit_events: { event_name: string } }>().selectFrom('audit_events').select('event_name').execute();
    expect(audit.map((r) => r.event_name).filter((n) => n.endsWith('EventAlert'))).toEqual(['AcknowledgeEventAlert', 'CloseEventAlert']);
  });
});
