import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTS_PATH, LIST_ALERTS_ACTION, LIST_RULES_ACTION, RULES_PATH } from '../../src/events/alert-routes.js';
import { aptShellSigma } from '../../src/events/alerts/sigma/test-support/apt-shell.js';
import { signedPost } from '../../src/events/client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from '../../src/events/paths.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { assertConsoleReady, consoleUser, openConsoleBrowser, shot, signIn } from './console-browser.js';

const PASSWORD = 'Responder-Pass-2026';
const SIGMA = aptShellSigma('high', 'e2e-apt-shell');
/** The same rule with a modifier Bulwark refuses, on line 9. */
const UNSUPPORTED = SIGMA.replace('CommandLine|contains', 'CommandLine|expand');

describe('web console alerts & rules (Chromium)', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ path: string; body: string }> = [];
  const errors: string[] = [];
  const key = () => ({ accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret });
  const dialog = () => page.getByRole('dialog');

  beforeAll(async () => {
    assertConsoleReady();
    // the rule scheduler runs every second, so the uploaded rule raises its alert during the test
    process.env.BULWARK_EVENTS_RULE_INTERVAL = '1';
    try {
      server = await startTestServer();
    } finally {
      delete process.env.BULWARK_EVENTS_RULE_INTERVAL;
    }
    await consoleUser(server, 'responder', PASSWORD);
    server.server.app.log.level = 'silent';
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/soc-hook?token=e2e-token-7731`;
    ({ browser, page } = await openConsoleBrowser(errors, { reducedMotion: 'reduce' }));
    await signIn(page, server, 'responder', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  });

  it('uploads a Sigma rule (an unsupported one is refused at its line), the scheduler raises an alert, the responder acknowledges it', async () => {
    // a matching process event (and one that does not match) arrive before the rule: its first
    // evaluation looks back an hour (events older than a rule's checkpoint are never evaluated)
    const now = Date.now();
    const docs = [
      { '@timestamp': new Date(now - 60_000).toISOString(), event: { id: 'e2e-p1', category: 'process', action: 'exec' }, process: { executable: '/usr/bin/apt-get', command_line: 'apt-get update -o APT::Update::Pre-Invoke::=/bin/sh' }, host: { name: 'web-1' }, user: { name: 'deploy' }, message: 'apt-get with a pre-invoke hook' },
      { '@timestamp': new Date(now - 50_000).toISOString(), event: { id: 'e2e-p2', category: 'process', action: 'exec' }, process: { executable: '/usr/bin/ls', command_line: 'ls -la' }, host: { name: 'web-1' } },
    ];
    const ingested = await signedPost(server.server.url, INGEST_PATH, Buffer.from(docs.map((d) => JSON.stringify(d)).join('\n')), 'application/x-ndjson', key(), PUT_EVENTS_ACTION);
    expect(ingested.json).toMatchObject({ accepted: 2, rejected: [] });
    await page.getByRole('menuitem', { name: 'Alerts & rules' }).click();
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByTestId('create-rule').first().click();
    await dialog().getByText('Sigma', { exact: true }).click();
    const upload = (name: string, text: string) => dialog().locator('input[type=file]').setInputFiles({ name, mimeType: 'application/x-yaml', buffer: Buffer.from(text) });
    await upload('bad.yml', UNSUPPORTED);
    await expect.poll(() => page.getByTestId('sigma-validation').innerText()).toContain('Line 9, column 16');
    expect(await page.getByTestId('sigma-validation').innerText()).toContain('|expand');
    await shot(page, 'alerts-sigma-error');
    await upload('apt-shell.yml', SIGMA);
    await expect.poll(() => page.getByTestId('sigma-validation').innerText()).toBe('Valid Sigma rule: Shell spawned through apt');
    await expect.poll(() => page.getByTestId('rule-name').inputValue()).toBe('Shell spawned through apt');
    await dialog().getByTestId('modal-ok').click();
    await page.getByTestId('rule-Shell spawned through apt').waitFor();
    expect(await page.getByTestId('rule-enabled-Shell spawned through apt').getAttribute('aria-checked')).toBe('true');

    const alerts = async () => ((await signedPost(server.server.url, ALERTS_PATH, Buffer.from('{}'), 'application/json', key(), LIST_ALERTS_ACTION)).json as { alerts: Array<{ id: string; title: string }> }).alerts;
    await expect.poll(async () => (await alerts()).map((a) => a.title), { timeout: 30_000, interval: 500 }).toEqual(['Shell spawned through apt (host.name=web-1)']);
    const [alert] = await alerts();

    await page.getByRole('tab', { name: 'Alerts' }).click();
    const row = page.locator(`tr[data-row-key="${alert!.id}"]`);
    await expect.poll(() => row.innerText()).toContain('Open');
    expect(await row.innerText()).toContain('High');
    await page.getByTestId(`alert-${alert!.id}`).click();
    const drawer = page.getByTestId('alert-drawer');
    await expect.poll(() => drawer.innerText()).toContain('Events that raised it (1)');
    expect(await drawer.innerText()).toContain('apt-get with a pre-invoke hook');
    expect(await page.getByTestId('alert-query').innerText()).toBe('host.name:web-1');
    expect(await page.getByTestId('alert-events-link').getAttribute('href')).toContain('/console/security/events?q=host.name%3Aweb-1&from=');
    await shot(page, 'alerts-detail');
    await drawer.getByTestId(`ack-${alert!.id}`).click();
    await expect.poll(() => drawer.getByTestId('alert-status').innerText()).toBe('Acknowledged');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('alert-status').innerText()).toBe('Acknowledged');
    expect(await row.getByTestId(`ack-${alert!.id}`).count()).toBe(0);
    await shot(page, 'alerts-list');

    // the change is in the audit trail, under the signed-in user
    const trail = await server.server.platform.storage.db<{ audit_events: { event_name: string; body: string } }>().selectFrom('audit_events').select(['event_name', 'body']).where('event_name', 'in', ['CreateEventRule', 'AcknowledgeEventAlert']).execute();
    expect(trail.map((r) => r.event_name).sort()).toEqual(['AcknowledgeEventAlert', 'CreateEventRule']);
    expect(trail.every((r) => (JSON.parse(r.body) as { userIdentity: { userName?: string } }).userIdentity.userName === 'responder')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('creates a webhook channel and sends a test message the receiver gets', async () => {
    await page.getByRole('tab', { name: 'Notification channels' }).click();
    await page.getByTestId('create-channel').first().click();
    await dialog().getByTestId('channel-name').fill('soc-webhook');
    await dialog().getByTestId('channel-url').fill(receiverUrl);
    await dialog().getByTestId('modal-ok').click();
    const row = page.getByTestId('channel-soc-webhook');
    await row.waitFor();
    // the token in the URL is never shown again
    expect(await page.locator('.ant-table').innerText()).not.toContain('e2e-token-7731');
    await page.getByTestId('test-soc-webhook').click();
    await expect.poll(() => row.getByTestId('test-result').innerText()).toBe('Test message delivered');
    const hook = received.filter((r) => r.path === '/soc-hook?token=e2e-token-7731');
    expect(hook).toHaveLength(1);
    expect(JSON.parse(hook[0]!.body)).toMatchObject({ version: 1, source: 'bulwark', alerts: [{ id: 'alert-test', title: 'Test message from Bulwark: this channel works' }] });
    await shot(page, 'alerts-channels');
    // renaming keeps the stored URL (the console never had it): the next test still arrives
    await page.locator('.ant-table').getByText('soc-webhook', { exact: true }).click();
    await dialog().getByTestId('channel-name').fill('soc-main');
    await dialog().getByTestId('modal-ok').click();
    await page.getByTestId('channel-soc-main').waitFor();
    await page.getByTestId('test-soc-main').click();
    await expect.poll(() => page.getByTestId('channel-soc-main').getByTestId('test-result').innerText()).toBe('Test message delivered');
    expect(received.filter((r) => r.path === '/soc-hook?token=e2e-token-7731')).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('creates a threshold rule with the form, refuses a bad window next to its field, and disables it with the switch', async () => {
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByTestId('create-rule').first().click();
    await dialog().getByTestId('rule-name').fill('ssh brute force');
    await dialog().getByTestId('rule-query').fill('event.action:ssh-login AND event.outcome:failure');
    await dialog().getByTestId('rule-group-by').locator('input').fill('source.ip');
    await page.keyboard.press('Enter');
    await dialog().getByTestId('rule-threshold').fill('5');
    await dialog().getByTestId('rule-window').fill('5 minutes');
    await dialog().getByTestId('modal-ok').click();
    await expect.poll(() => dialog().innerText()).toContain('A number and s, m, h or d');
    await dialog().getByTestId('rule-window').fill('5m');
    await dialog().getByTestId('modal-ok').click();
    await page.getByTestId('rule-ssh brute force').waitFor();
    const row = page.locator('tr', { has: page.getByTestId('rule-ssh brute force') });
    expect(await row.innerText()).toContain('≥ 5 in 5m by source.ip: event.action:ssh-login AND event.outcome:failure');
    await page.getByTestId('rule-enabled-ssh brute force').click();
    await expect.poll(() => page.getByTestId('rule-enabled-ssh brute force').getAttribute('aria-checked')).toBe('false');
    const listed = ((await signedPost(server.server.url, `${RULES_PATH}/list`, Buffer.from('{"kind":"threshold"}'), 'application/json', key(), LIST_RULES_ACTION)).json as { rules: Array<{ name: string; enabled: boolean; definition: unknown }> }).rules;
    expect(listed).toMatchObject([{ name: 'ssh brute force', enabled: false, definition: { kind: 'threshold', groupBy: ['source.ip'], window: '5m', threshold: 5 } }]);
    await shot(page, 'alerts-rules');
    expect(errors).toEqual([]);
  });

  it('shows the page in 简体中文', async () => {
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'zh-CN'));
    await page.goto(`${server.server.url}/console/security/alerts`);
    await page.getByTestId('page-title').filter({ hasText: '告警与规则' }).waitFor();
    await expect.poll(() => page.locator('.ant-table').first().innerText()).toContain('已确认');
    await shot(page, 'zh-alerts-list');
    await page.getByRole('tab', { name: '规则' }).click();
    await expect.poll(() => page.locator('.ant-table').first().innerText()).toContain('Sigma 规则');
    await shot(page, 'zh-alerts-rules');
    await page.getByRole('tab', { name: '通知渠道' }).click();
    await expect.poll(() => page.locator('.ant-table').first().innerText()).toContain('soc-main');
    await shot(page, 'zh-alerts-channels');
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'en'));
    expect(errors).toEqual([]);
  });
});
