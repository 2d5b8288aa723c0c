import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { openStorage, type Storage } from '../../storage/database.js';
import { migrate } from '../../storage/migrations.js';
import { DuckDbEventStore } from '../store/duckdb-store.js';
import { events } from '../test-support/events.js';
import { AlertStore, type Alert } from './alert-store.js';
import { RuleScheduler } from './scheduler.js';
import { eventsMigrations } from './tables.js';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 28, 12, 0, 0); // aligned to 5 minutes
const SIGMA = `
title: Shell via apt
id: test-apt
level: high
logsource: {category: process_creation, product: linux}
detection:
  selection:
    Image|endswith: ['/apt', '/apt-get']
    CommandLine|contains: 'APT::Update::Pre-Invoke::='
  condition: selection
`;

const failure = (at: number, i: number) => ({ '@timestamp': at, event: { id: `f${at}-${i}`, outcome: 'failure', action: 'login' }, user: { name: 'root' }, source: { ip: '198.51.100.4' }, host: { name: 'web1' } });
const login = (at: number, id: string, ip: string) => ({ '@timestamp': at, event: { id, outcome: 'success', action: 'login' }, user: { name: 'alice' }, source: { ip }, host: { name: 'web1' } });
const apt = (at: number, id: string) => ({ '@timestamp': at, event: { id, category: 'process' }, process: { executable: '/usr/bin/apt-get', command_line: 'apt-get update -o APT::Update::Pre-Invoke::=/bin/sh' }, host: { name: 'web2' } });

describe('alert rules across a restart', () => {
  let dir: string;
  let now = T;
  const logger = createLogger({ level: 'silent' });
  const notified: Alert[] = [];

  async function open(): Promise<{ storage: Storage; store: DuckDbEventStore; alerts: AlertStore; scheduler: RuleScheduler }> {
    const storage = openStorage({ dataDir: dir });
    await migrate(storage, [eventsMigrations]);
    const store = await DuckDbEventStore.open({ path: join(dir, 'events.duckdb') });
    const alerts = new AlertStore(storage, () => now);
    const scheduler = new RuleScheduler({ events: store, alerts, logger, now: () => now, notify: async (a) => void notified.push(...a) });
    return { storage, store, alerts, scheduler };
  }
  async function shut(s: { storage: Storage; store: DuckDbEventStore; scheduler: RuleScheduler }): Promise<void> {
    await s.scheduler.stop();
    await s.store.close();
    await s.storage.close();
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bw-alerts-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises threshold, new-value and Sigma alerts exactly once, before and after a restart', async () => {
    let s = await open();
    await s.alerts.createRule({ name: 'brute force', definition: { kind: 'threshold', query: 'event.outcome:failure', groupBy: ['user.name', 'source.ip'], window: '5m', threshold: 5 } });
    await s.alerts.createRule({ name: 'login from new ip', definition: { kind: 'new_value', query: 'event.action:login AND event.outcome:success', field: 'source.ip', groupBy: ['user.name'], learn: '1d' } });
    await s.alerts.createRule({ name: 'sigma apt', definition: { kind: 'sigma', yaml: SIGMA } });
    await s.store.append(events([login(T - 2 * 3_600_000, 'old-login', '10.0.0.1')]));

    // first pass: new-value learns alice@10.0.0.1, nothing fires
    expect(await s.scheduler.tick()).toMatchObject({ rules: 3, raised: 0, failed: [] });

    await s.store.append(events([...Array.from({ length: 6 }, (_, i) => failure(T + 30_000 + i * 1000, i)), login(T + MIN, 'known', '10.0.0.1'), login(T + MIN, 'new', '203.0.113.77'), apt(T + 2 * MIN, 'apt1'), failure(T + 2 * MIN, 99)]));
    // 4 failures in the next window: under the threshold
    await s.store.append(events(Array.from({ length: 4 }, (_, i) => failure(T + 6 * MIN + i, 100 + i))));
    now = T + 6 * MIN;
    const first = await s.scheduler.tick();
    expect(first).toMatchObject({ raised: 3, failed: [] });
    const alerts = await s.alerts.listAlerts();
    expect(alerts.map((a) => a.title).sort()).toEqual(['Shell via apt (host.name=web2)', 'brute force: 7 matching events in 300s (user.name=root, source.ip=198.51.100.4)', 'login from new ip: new source.ip 203.0.113.77 (user.name=alice)']);
    expect(notified).toHaveLength(3);

    // same instant again, then a restart: nothing new
    expect((await s.scheduler.tick()).raised).toBe(0);
    await shut(s);
    s = await open();
    expect((await s.scheduler.tick()).raised).toBe(0);
    now = T + 11 * MIN;
    expect(await s.scheduler.tick()).toMatchObject({ raised: 0, folded: 0 });
    expect(await s.alerts.listAlerts()).toHaveLength(3);
    expect(notified).toHaveLength(3);

    // the new ip is now known: seeing it again is not new
    await s.store.append(events([login(T + 12 * MIN, 'again', '203.0.113.77')]));
    now = T + 13 * MIN;
    expect((await s.scheduler.tick()).raised).toBe(0);
    await shut(s);
  });

  it('folds repeats into the open alert, and raises again once it is closed; ack and close', async () => {
    const s = await open();
    const [sigmaAlert] = await s.alerts.listAlerts({ status: 'open' }).then((a) => a.filter((x) => x.title.startsWith('Shell')));
    await s.store.append(events([apt(T + 14 * MIN, 'apt2')]));
    now = T + 15 * MIN;
    expect(await s.scheduler.tick()).toMatchObject({ raised: 0, folded: 1 });
    expect((await s.alerts.listAlerts()).find((a) => a.id === sigmaAlert!.id)?.count).toBe(2);

    expect((await s.alerts.acknowledge(sigmaAlert!.id)).status).toBe('acknowledged');
    expect((await s.alerts.close(sigmaAlert!.id)).status).toBe('closed');
    await expect(s.alerts.acknowledge('alert-nope')).rejects.toMatchObject({ code: 'Events.AlertNotFound' });
    await s.store.append(events([apt(T + 16 * MIN, 'apt3')]));
    now = T + 17 * MIN;
    expect(await s.scheduler.tick()).toMatchObject({ raised: 1 });
    expect(await s.alerts.listAlerts({ status: 'closed' })).toHaveLength(1);
    await shut(s);
  });

  it('refuses invalid rules naming the field', async () => {
    const s = await open();
    await expect(s.alerts.createRule({ name: 'x', definition: { kind: 'threshold', query: 'a', window: '5 minutes', threshold: 1 } })).rejects.toMatchObject({ code: 'Events.InvalidRule', params: { field: 'window' } });
    await expect(s.alerts.createRule({ name: 'y', definition: { kind: 'threshold', query: 'user.nam:x', window: '5m', threshold: 1 } })).rejects.toMatchObject({ code: 'Events.UnknownField' });
    await shut(s);
  });
});
