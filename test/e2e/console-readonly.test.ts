import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS_PATH, CREATE_CHANNEL_ACTION, CREATE_RULE_ACTION, RULES_PATH } from '../../src/events/alert-routes.js';
import { signedPost } from '../../src/events/client.js';
import { SAVED_SEARCHES_PATH, SAVED_SEARCH_ACTIONS } from '../../src/events/paths.js';
import { CREATE_TOKEN_ACTION, ENROLL_PATH, adminPath } from '../../src/hosts/api.js';
import { PUT_SITE_ACTION, SITES_PATH } from '../../src/sites/paths.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { assertConsoleReady, consoleUser, openConsoleBrowser, READ_ONLY_POLICY, shot, signIn, visit } from './console-browser.js';

const PASSWORD = 'Viewer-Pass-2026';

describe('web console for a user who may only read the product (Chromium)', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let hostId: string;
  const errors: string[] = [];
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  const open = (path: string) => visit(page, server, path);

  beforeAll(async () => {
    assertConsoleReady();
    server = await startTestServer();
    server.server.app.log.level = 'silent';
    await consoleUser(server, 'viewer', PASSWORD, READ_ONLY_POLICY);

    // what there is to look at: a rule, a channel, a saved search, an enrolled host and a site (made with the root key)
    const key = { accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret };
    const rule = await signedPost(server.server.url, RULES_PATH, json({ name: 'brute force', definition: { kind: 'threshold', query: 'event.outcome:failure', groupBy: ['source.ip'], window: '5m', threshold: 10 } }), 'application/json', key, CREATE_RULE_ACTION);
    expect(rule.status).toBe(200);
    const channel = await signedPost(server.server.url, `${CHANNELS_PATH}/create`, json({ channel: { type: 'webhook', name: 'soc-hook', url: 'https://hooks.example.com/soc' } }), 'application/json', key, CREATE_CHANNEL_ACTION);
    expect(channel.status).toBe(200);
    const saved = await signedPost(server.server.url, `${SAVED_SEARCHES_PATH}/put`, json({ name: 'failures', query: 'event.outcome:failure' }), 'application/json', key, SAVED_SEARCH_ACTIONS.put);
    expect(saved.status).toBe(200);
    const token = (await signedPost(server.server.url, adminPath('tokens'), json({ label: 'e2e' }), 'application/json', key, CREATE_TOKEN_ACTION)).json as { Token: string };
    const enrolled = await fetch(`${server.server.url}${ENROLL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token.Token, hostname: 'ro-web', os: 'Debian GNU/Linux 12 (bookworm)' }) });
    hostId = ((await enrolled.json()) as { HostId: string }).HostId;
    const site = await signedPost(server.server.url, `${SITES_PATH}/put`, json({ site: { name: 'shop', upstreams: ['http://127.0.0.1:9'] } }), 'application/json', key, PUT_SITE_ACTION);
    expect(site.status).toBe(200);

    ({ browser, page } = await openConsoleBrowser(errors, { reducedMotion: 'reduce' }));
    await signIn(page, server, 'viewer', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('alerts: rules and channels are shown read-only, without create, edit, delete, test or enable', async () => {
    await open('/security/alerts?tab=rules');
    await page.getByTestId('rule-brute force').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('create-rule').count()).toBe(0);
    expect(await page.getByTestId('rule-enabled-brute force').isDisabled()).toBe(true);
    const row = page.locator('tr', { has: page.getByTestId('rule-brute force') });
    expect(await row.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    // the rule opens to be read: its fields disabled, no save button
    await page.getByTestId('rule-brute force').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('rule-name').waitFor();
    expect(await dialog.getByTestId('rule-name').isDisabled()).toBe(true);
    expect(await dialog.getByTestId('modal-ok').count()).toBe(0);
    await shot(page, 'readonly-rule');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: 'Notification channels' }).click();
    const channel = page.getByTestId('channel-soc-hook');
    await channel.waitFor({ state: 'attached' });
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('create-channel').count()).toBe(0);
    expect(await page.getByTestId('test-soc-hook').count()).toBe(0);
    expect(await channel.getByRole('button').count()).toBe(0);
    expect(await page.locator('tr', { has: channel }).getByRole('switch').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('events: saved searches can be loaded but not saved or deleted', async () => {
    await open('/security/events');
    await page.getByTestId('saved-select').waitFor();
    await page.getByTestId('events-total').waitFor();
    expect(await page.getByTestId('saved-save').count()).toBe(0);
    expect(await page.getByTestId('saved-delete').count()).toBe(0);
    await page.getByTestId('saved-select').click();
    await page.getByTitle('event.outcome:failure').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('event.outcome:failure');
    expect(errors).toEqual([]);
  });

  it('hosts: no add host, scan, delete or response action; the pages say they are read-only', async () => {
    await open('/hosts');
    await page.getByTestId('host-ro-web').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('add-host').count()).toBe(0);
    await shot(page, 'readonly-hosts');

    await open(`/hosts/${hostId}?tab=response`);
    await page.getByTestId('read-only').waitFor();
    await page.getByRole('tab', { name: 'Response actions', selected: true }).waitFor();
    expect(await page.getByTestId('new-response').count()).toBe(0);
    expect(await page.getByTestId('scan-now').count()).toBe(0);
    expect(await page.getByTestId('delete-host').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('protection: sites and certificates without create, edit, delete or upload; a site opens for reading', async () => {
    await open('/protection/sites');
    await page.getByTestId('site-shop').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('create-site').count()).toBe(0);
    expect(await page.getByTestId('delete-shop').count()).toBe(0);
    expect(await page.locator('tr', { has: page.getByTestId('site-shop') }).getByRole('button').count()).toBe(0);
    await page.getByTestId('site-shop').click();
    await page.getByTestId('site-name').waitFor();
    expect(await page.getByTestId('site-review').count()).toBe(0);
    expect(await page.getByTestId('add-upstream').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('site-name').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Certificates' }).click();
    await page.getByRole('tab', { name: 'Certificates', selected: true }).waitFor();
    expect(await page.getByTestId('upload-certificate').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
