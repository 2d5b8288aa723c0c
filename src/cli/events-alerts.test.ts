import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost } from '../events/client.js';
import { aptShellSigma } from '../events/alerts/sigma/test-support/apt-shell.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from '../events/paths.js';
import type { TestServer } from '../openapi/test-support/server.js';
import { registerEvents } from './events.js';
import { startCliServer, type CliServer } from './test-support/cli-server.js';
import { runCli } from './test-support/run-cli.js';

const SIGMA = aptShellSigma('critical');

let t: TestServer;
let dir: string;
let cli: CliServer;

beforeAll(async () => {
  // the rule scheduler runs every second, so the rule raises its alert during the test
  cli = await startCliServer('bw-cli-alerts-', { BULWARK_EVENTS_RULE_INTERVAL: '1' });
  ({ t, dir } = cli);
});
afterAll(() => cli.close());

const events = (...args: string[]) => runCli(registerEvents, ['events', ...args, '--server', t.server.url]);

interface Alert {
  id: string;
  status: string;
  title: string;
  severity: number;
  firstAt: string;
}

describe('bulwark events alerts (against a real server)', () => {
  it('lists the alert a rule raised, acknowledges and closes it; filters by status and severity', async () => {
    const now = Date.now();
    const docs = [{ '@timestamp': new Date(now - 60_000).toISOString(), event: { category: 'process', action: 'exec' }, process: { executable: '/usr/bin/apt-get', command_line: 'apt-get update -o APT::Update::Pre-Invoke::=/bin/sh' }, host: { name: 'web-1' } }];
    const ingested = await signedPost(t.server.url, INGEST_PATH, Buffer.from(docs.map((d) => JSON.stringify(d)).join('\n')), 'application/x-ndjson', { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret }, PUT_EVENTS_ACTION);
    expect(ingested.json).toMatchObject({ accepted: 1 });
    const rule = join(dir, 'apt.yml');
    writeFileSync(rule, SIGMA);
    expect((await events('rules', 'put', '--sigma', rule)).code).toBe(0);

    const listed = async () => (JSON.parse((await events('alerts', 'list', '--format', 'json')).stdout) as { alerts: Alert[]; total: number }).alerts;
    await expect.poll(async () => (await listed()).map((a) => a.title), { timeout: 30_000, interval: 250 }).toEqual(['Shell spawned through apt (host.name=web-1)']);
    const [alert] = await listed();
    expect(alert).toMatchObject({ status: 'open', severity: 100 });
    expect(alert!.firstAt).toBe(`${new Date(now - 60_000).toISOString().slice(0, 19)}Z`);

    const table = await events('alerts', 'list');
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+SEVERITY\s+COUNT\s+FIRST\s+LAST\s+TITLE$/);
    expect(table.stdout).toMatch(new RegExp(`${alert!.id}\\s+open\\s+critical \\(100\\)\\s+1\\s+`));
    expect(table.stdout).toContain('1 of 1 alert(s)');

    const detail = await events('alerts', 'get', alert!.id);
    expect(detail.stdout).toContain(`${alert!.id}  Shell spawned through apt (host.name=web-1)`);
    expect(detail.stdout).toMatch(/rule {7}rule-\S+ "Shell spawned through apt" \(sigma\)/);
    expect(detail.stdout).toContain("search     bulwark events query 'host.name:web-1' --from ");
    expect(detail.stdout).toMatch(/exec\s+web-1/);
    expect(detail.stdout).toContain('1 of 1 event(s)');
    const detailJson = JSON.parse((await events('alerts', 'get', alert!.id, '--format', 'json')).stdout) as { alert: Alert; events: unknown[]; query: { exact: boolean } };
    expect(detailJson).toMatchObject({ alert: { id: alert!.id, firstAt: alert!.firstAt }, query: { exact: false } });
    expect(detailJson.events).toHaveLength(1);

    const ack = await events('alerts', 'ack', alert!.id);
    expect(ack.stdout).toBe(`alert ${alert!.id} acknowledged: Shell spawned through apt (host.name=web-1)\n`);
    expect((await events('alerts', 'list', '--status', 'open')).stdout).toBe('no alert\n');
    const closed = await events('alerts', 'close', alert!.id, '--format', 'json');
    expect(JSON.parse(closed.stdout)).toMatchObject({ alert: { id: alert!.id, status: 'closed' } });
    expect(JSON.parse((await events('alerts', 'list', '--status', 'closed', '--severity', 'critical', '--format', 'json')).stdout)).toMatchObject({ total: 1 });
    expect(JSON.parse((await events('alerts', 'list', '--severity', 'low', '--format', 'json')).stdout)).toMatchObject({ total: 0 });
  });

  it('exits 1 with the code for an unknown alert, 2 for a bad filter', async () => {
    const unknown = await events('alerts', 'ack', 'alert-does-not-exist');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Events.AlertNotFound');
    const bad = await events('alerts', 'list', '--status', 'snoozed');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status');
  });
});
