import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedRequest } from '../../src/events/client.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { REPUTATION_ACTIONS, REPUTATION_BANS_PATH } from '../../src/reputation/paths.js';
import { artifact, assertConsoleReady, consoleUser, launchChromium, PAGE_OPTIONS, READ_ONLY_POLICY, shot, signIn as signInForm, visit, watchPage } from './console-browser.js';
import { ROOT } from './support.js';

const OSV_FEED = join(ROOT, 'src/agent/vuln/test-support/osv-dsa.json');
const PASSWORD = 'Secops-Pass-2026';
const TARGET = '203.0.113.77';

describe('web console reputation and vulnerability feed pages (Chromium)', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  /** The account's bans as gateways and agents read them (`GET /api/reputation/bans`, signed with the root key). */
  const bans = async (): Promise<string[]> => {
    const r = await signedRequest(server.server.url, { method: 'GET', path: REPUTATION_BANS_PATH }, { accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret }, REPUTATION_ACTIONS.bans);
    expect(r.status).toBe(200);
    return (r.json as { bans: Array<{ value: string }> }).bans.map((b) => b.value).sort();
  };

  const signIn = async (context: BrowserContext, user: string): Promise<Page> => {
    const p = watchPage(await context.newPage(), errors);
    await signInForm(p, server, user, PASSWORD);
    return p;
  };

  const open = (p: Page, path: string) => visit(p, server, path);

  beforeAll(async () => {
    assertConsoleReady();
    server = await startTestServer();
    server.server.app.log.level = 'silent';
    await consoleUser(server, 'secops', PASSWORD);
    await consoleUser(server, 'viewer', PASSWORD, READ_ONLY_POLICY);
    browser = await launchChromium();
    admin = await browser.newContext({ ...PAGE_OPTIONS, reducedMotion: 'reduce' });
    page = await signIn(admin, 'secops');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('bans an address from the console: listed with its reason, enforced through the bans feed, looked up, then unbanned', async () => {
    await open(page, '/protection/reputation');
    await page.getByTestId('ban-open').waitFor();
    await page.getByTestId('ban-open').click();
    await page.getByTestId('ban-ip').fill('not-an-ip');
    await page.getByTestId('modal-ok').click();
    await page.getByText('Enter an IPv4 or IPv6 address or CIDR block.').first().waitFor();
    await page.getByTestId('ban-ip').fill(TARGET);
    await page.getByTestId('ban-amount').fill('2');
    await page.getByTestId('ban-reason').fill('e2e honeypot');
    await page.getByTestId('modal-ok').click();
    const row = page.locator('tr', { has: page.getByTestId(`decision-${TARGET}`) });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Manual');
    expect(text).toContain('Ban');
    expect(text).toContain('e2e honeypot');
    expect(text).toContain('reportedBy: secops');
    expect(text).toMatch(/(1|2) h left|1[0-9]{2} min left/);
    expect(await bans()).toEqual([TARGET]);

    // a block list imported as text adds its range as an imported decision
    await page.getByRole('tab', { name: 'Block lists' }).click();
    await page.getByTestId('blocklist-content').fill('# partner feed\n198.51.100.0/24\n');
    await page.getByTestId('blocklist-import').click();
    await expect.poll(() => page.getByTestId('blocklist-result').innerText()).toContain('Imported 1 decision');
    await page.getByTestId('export-text').click();
    await expect.poll(() => page.getByTestId('export-content').inputValue()).toBe(`${TARGET}\n198.51.100.0/24\n`);
    expect(await bans()).toEqual(['198.51.100.0/24', TARGET]);

    // the address's page: score, the active decision and its evidence
    await page.getByRole('tab', { name: 'Decisions' }).click();
    await page.getByTestId(`decision-${TARGET}`).click();
    await page.getByTestId('lookup-active').waitFor();
    expect(await page.getByTestId('lookup-active').innerText()).toContain('e2e honeypot');
    expect(await page.getByTestId('lookup-score').innerText()).toMatch(/\d/);
    await page.screenshot({ path: artifact('reputation-lookup') });

    // settings are applied only after the diff is reviewed
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByTestId('weight-waf').locator('xpath=descendant-or-self::input').fill('3');
    await page.getByTestId('settings-review').click();
    await expect.poll(() => page.getByTestId('settings-diff').innerText()).toContain('weights.waf');
    expect(await page.getByTestId('settings-diff').innerText()).toMatch(/2\s+3/);
    await page.getByTestId('settings-apply').click();
    await page.getByText('Reputation settings applied.').waitFor();
    const stored = await signedRequest(server.server.url, { method: 'POST', path: '/api/reputation/settings', body: Buffer.from('{}'), contentType: 'application/json' }, { accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret }, REPUTATION_ACTIONS.get);
    expect((stored.json as { settings: { weights: Record<string, number> } }).settings.weights).toEqual({ waf: 3 });

    // a CrowdSec bouncer key, shown once, reads the same decisions from the LAPI endpoint
    await page.getByRole('tab', { name: 'CrowdSec bouncers' }).click();
    await page.getByTestId('bouncer-name').fill('nginx-edge');
    await page.getByTestId('bouncer-create').click();
    const apiKey = await page.getByTestId('bouncer-key').innerText();
    expect(apiKey).toMatch(/^[0-9a-f]{48}$/);
    await page.getByTestId('bouncer-copy').waitFor();
    const lapi = await fetch(`${server.server.url}/v1/decisions?ip=${TARGET}`, { headers: { 'x-api-key': apiKey } });
    expect(((await lapi.json()) as Array<{ value: string; type: string }>).map((d) => [d.value, d.type])).toEqual([[TARGET, 'ban']]);

    await page.getByRole('tab', { name: 'Decisions' }).click();
    await page.getByTestId(`decision-${TARGET}`).waitFor();
    await shot(page, 'reputation');
    await page.getByTestId(`unban-${TARGET}`).click();
    await page.getByTestId('confirm-name').fill(TARGET);
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId(`decision-${TARGET}`).waitFor({ state: 'detached' });
    expect(await bans()).toEqual(['198.51.100.0/24']);
    expect(errors).toEqual([]);
  });

  it('imports an OSV feed file on the vulnerability feeds page and lists it with its counts', async () => {
    await open(page, '/hosts/vulnerabilities');
    await page.getByText('No feed imported yet', { exact: false }).waitFor();
    // the nav marks this page, not also the host list above it
    expect(await page.locator('.ant-menu-item-selected').allInnerTexts()).toEqual(['Vulnerability feeds']);
    await page.locator('input[type=file]').setInputFiles(OSV_FEED);
    await page.getByTestId('import-result').waitFor();
    const result = await page.getByTestId('import-result').innerText();
    expect(result).toContain('Imported osv-dsa.json');
    expect(result).toMatch(/Advisories\s+1/);
    const feeds = page.getByTestId('feed-table');
    await expect.poll(() => feeds.innerText()).toContain('osv-dsa.json');
    expect(await feeds.innerText()).toContain('secops');
    const listed = await signedRequest(server.server.url, { method: 'POST', path: '/api/vuln/feeds/list', body: Buffer.from('{}'), contentType: 'application/json' }, { accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret }, 'bulwark:ListVulnerabilityFeeds');
    expect((listed.json as { feeds: Array<{ source: string; advisories: number }> }).feeds).toMatchObject([{ source: 'osv-dsa.json', advisories: 1 }]);
    await shot(page, 'vuln-feeds');
    expect(errors).toEqual([]);
  });

  it('reads in Chinese', async () => {
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'zh-CN'));
    await open(page, '/protection/reputation');
    await page.getByTestId('decision-198.51.100.0/24').waitFor();
    expect(await page.getByRole('tab', { name: '处置决策' }).count()).toBe(1);
    expect(await page.locator('tr', { has: page.getByTestId('decision-198.51.100.0/24') }).innerText()).toContain('导入');
    await shot(page, 'reputation.zh-CN');
    await open(page, '/hosts/vulnerabilities');
    await expect.poll(() => page.getByTestId('feed-table').innerText()).toContain('osv-dsa.json');
    expect(await page.getByText('已导入的情报源').count()).toBe(1);
    await shot(page, 'vuln-feeds.zh-CN');
    expect(errors).toEqual([]);
  });

  it('a user who may only read sees the decisions and feeds, without ban, unban, bouncer or import', async () => {
    const viewerContext = await browser.newContext({ ...PAGE_OPTIONS, reducedMotion: 'reduce' });
    const viewer = await signIn(viewerContext, 'viewer');
    await open(viewer, '/protection/reputation');
    await viewer.getByTestId('decision-198.51.100.0/24').waitFor();
    await viewer.getByTestId('read-only').waitFor();
    expect(await viewer.getByTestId('ban-open').count()).toBe(0);
    expect(await viewer.getByTestId('unban-198.51.100.0/24').count()).toBe(0);
    expect(await viewer.getByRole('tab', { name: 'CrowdSec bouncers' }).count()).toBe(0);
    await viewer.getByRole('tab', { name: 'Allowlist' }).click();
    expect(await viewer.getByTestId('allow-add').count()).toBe(0);
    await viewer.getByRole('tab', { name: 'Settings' }).click();
    expect(await viewer.getByTestId('settings-review').count()).toBe(0);
    expect(await viewer.getByTestId('weight-waf').locator('xpath=descendant-or-self::input').isDisabled()).toBe(true);
    await open(viewer, '/hosts/vulnerabilities');
    await expect.poll(() => viewer.getByTestId('feed-table').innerText()).toContain('osv-dsa.json');
    await viewer.getByText('Your policies do not allow importing feeds', { exact: false }).waitFor();
    expect(await viewer.locator('input[type=file]').count()).toBe(0);
    await viewerContext.close();
    expect(errors).toEqual([]);
  });
});
