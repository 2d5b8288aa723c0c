import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../src/core/test-support/until.js';
import { createPki } from '../../src/gateway/test-support/pki.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { artifact, assertConsoleReady, consoleUser, openConsoleBrowser, signIn } from './console-browser.js';
import { assertBuilt, spawnGateway } from './support.js';

const PASSWORD = 'SecOps-Pass-2026';
// A self-contained WAF rule (no CRS needed): libinjection SQLi in any argument, scored like CRS.
const SQLI_RULE = `SecRule ARGS "@detectSQLi" "id:100100,phase:2,deny,status:403,log,msg:'SQL injection (libinjection)',tag:'attack-sqli',setvar:tx.anomaly_score=+5"`;
const ATTACK = "/search?id=1'%20or%201=1--";

describe('web console protection pages: sites & WAF, attack log, exclusion (Chromium, managed gateway)', { timeout: 240_000 }, () => {
  let server: TestServer;
  let origin: Server;
  let originUrl: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const cleanup: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    assertBuilt();
    assertConsoleReady();
    server = await startTestServer();
    await consoleUser(server, 'secops', PASSWORD);
    server.server.app.log.level = 'silent';
    origin = createServer((req, res) => res.end(JSON.stringify({ origin: 'e2e', url: req.url })));
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    ({ browser, page } = await openConsoleBrowser(errors));
  }, 90_000);
  afterAll(async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
    await browser?.close();
    origin?.closeAllConnections();
    await new Promise<void>((r) => (origin ? origin.close(() => r()) : r()));
    await server?.close();
  });

  // drawers and dialogs slide in: wait until no CSS transition runs, then take the picture
  const shot = async (name: string) => {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.screenshot({ path: artifact(name), fullPage: false });
  };
  const status = async (url: string) => (await fetch(url, { headers: { connection: 'close' } })).status;

  it('creates a site in the console, a managed gateway serves it, its attack shows in the attack log, and an exclusion from it applies', async () => {
    await signIn(page, server, 'secops', PASSWORD);

    // 1. create the site in the console; saving shows the document that will apply
    // the navigation's groups start open
    await page.getByRole('menuitem', { name: 'Sites & WAF' }).click();
    await page.getByText('No managed sites yet').waitFor();
    await page.getByTestId('create-site').first().click();
    await page.getByTestId('site-name').fill('shop');
    await page.getByTestId('add-upstream').click();
    await page.getByTestId('upstream-0').fill(originUrl);
    await page.getByTestId('waf-mode').getByText('Block').click();
    await page.getByTestId('waf-rules').fill(SQLI_RULE);
    await page.getByTestId('site-review').click();
    const diff = page.getByTestId('diff-changes');
    await diff.waitFor();
    expect(await diff.innerText()).toContain('waf.mode');
    expect(await diff.innerText()).toContain(originUrl);
    await shot('protection-site-create-diff');
    await page.getByTestId('apply-confirm').click();
    await page.getByTestId('site-shop').waitFor();
    expect(await page.getByTestId('sites-revision').innerText()).toContain('1');
    await shot('protection-sites');

    // 2. a managed gateway picks it up and blocks the attack
    const { url: gateway } = await spawnGateway(['--server', server.server.url, '--listen', '127.0.0.1:0', '--workers', '1'], cleanup, {
      BULWARK_ACCESS_KEY_ID: server.root.accessKeyId,
      BULWARK_ACCESS_KEY_SECRET: server.root.accessKeySecret,
    });
    await until(async () => ((await status(`${gateway}/`)) === 200 ? true : undefined), 30_000);
    expect(await status(`${gateway}${ATTACK}`)).toBe(403);
    expect(await status(`${gateway}/other?id=1'%20or%201=1--`)).toBe(403);

    // 3. the attack log shows it (events reach the server in batches: refresh until they do)
    await page.getByRole('menuitem', { name: 'Attack log' }).click();
    await expect.poll(async () => {
      await page.getByTestId('attacks-refresh').click();
      await page.waitForLoadState('networkidle');
      return page.locator('tr[data-row-key]').filter({ hasText: '/search' }).count();
    }, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(0);
    const row = page.locator('tr[data-row-key]').filter({ hasText: '/search' }).first();
    expect(await row.innerText()).toContain('waf:100100');
    expect(await row.innerText()).toContain('Blocked');
    expect(await page.getByTestId('top-topSites').innerText()).toContain('shop');
    expect(await page.getByTestId('top-topPaths').innerText()).toContain('/search');
    // filters: another source IP finds nothing, the rule id finds it
    await page.getByTestId('filter-rule').fill('100100');
    await page.getByTestId('attacks-search').click();
    await expect.poll(() => page.locator('tr[data-row-key]').filter({ hasText: '/search' }).count()).toBeGreaterThan(0);
    await shot('protection-attack-log');
    // columns can be hidden (and the choice is kept in the browser)
    await page.getByTestId('attack-columns').click();
    await page.getByRole('checkbox', { name: 'Matched data' }).uncheck();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Matched data' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Matched data' }).check();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Matched data' }).count()).toBe(1);
    await page.keyboard.press('Escape');

    // 4. the request in full, then an exclusion for its rule under its path, reviewed as a diff
    await row.click();
    const drawer = page.getByTestId('attack-drawer');
    await drawer.getByTestId('attack-request').waitFor();
    expect(await drawer.getByTestId('attack-request').innerText()).toContain('GET /search?id=1');
    expect(await drawer.getByTestId('attack-decoded').innerText()).toContain("id=1' or 1=1--");
    expect(await drawer.getByTestId('attack-message').first().innerText()).toContain('100100: SQL injection');
    await shot('protection-attack-detail');
    await page.getByTestId('add-exclusion-button').click();
    expect(await page.getByTestId('exclusion-path').inputValue()).toBe('/search');
    await page.getByTestId('exclusion-review').click();
    await page.getByTestId('diff-changes').waitFor();
    const changes = await page.getByTestId('diff-changes').innerText();
    expect(changes).toContain('waf.exclusions[0].id');
    expect(changes).toContain('100100');
    expect(changes).toContain('waf.exclusions[0].path');
    expect(await page.getByTestId('diff-lines').locator('.diff-added').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('"path": "/search"')]));
    await shot('protection-exclusion-diff');
    await page.getByTestId('apply-confirm').click();
    await page.getByTestId('site-diff').waitFor({ state: 'hidden' });

    // the gateway applies it: the attack passes under /search, and is still blocked elsewhere
    await until(async () => ((await status(`${gateway}${ATTACK}`)) === 200 ? true : undefined), 30_000);
    expect(await status(`${gateway}/other?id=1'%20or%201=1--`)).toBe(403);

    // 5. a certificate uploaded in the console (expiring in two days: warned), then served by the site
    const pki = createPki();
    pki.ca('ca');
    pki.leaf('shop', 'ca', 'shop.test', ['shop.test']);
    await page.keyboard.press('Escape'); // closes the request's drawer
    await page.getByRole('menuitem', { name: 'Sites & WAF' }).click();
    // the managed gateway's status report: online, its listener, and the site's upstream healthy
    const gateways = page.getByTestId('gateways-card');
    await gateways.getByText('Online').waitFor({ timeout: 30_000 });
    expect(await gateways.innerText()).toContain(new URL(gateway).host);
    await expect.poll(() => page.getByTestId('upstream-health').first().innerText(), { timeout: 30_000 }).toContain('Healthy 1/1');
    await gateways.scrollIntoViewIfNeeded();
    await shot('protection-gateways');
    await page.getByRole('tab', { name: 'Certificates' }).click();
    await page.getByTestId('upload-certificate').click();
    await page.getByTestId('cert-name').fill('shop-cert');
    await page.getByTestId('cert-pem').fill(pki.read('shop', 'pem').toString());
    await page.getByTestId('cert-key').fill(pki.read('ca', 'key').toString());
    await page.getByTestId('modal-ok').click();
    // the wrong key is refused next to its field
    await expect.poll(() => page.getByTestId('upload-certificate-modal').innerText()).toContain('does not belong');
    await page.getByTestId('cert-key').fill(pki.read('shop', 'key').toString());
    await page.getByTestId('modal-ok').click();
    await page.getByTestId('cert-warning').waitFor();
    expect(await page.getByTestId('cert-expiry').first().innerText()).toMatch(/Expiring: [0-2] d left/);
    expect(await page.locator('tr[data-row-key="shop-cert"]').innerText()).toContain('shop.test');
    await shot('protection-certificates');
    await page.getByRole('tab', { name: 'Sites' }).click();
    await page.getByTestId('site-shop').click();
    await page.getByTestId('section-waf').scrollIntoViewIfNeeded();
    await shot('protection-site-editor');
    await page.getByTestId('site-certificates').click();
    await page.getByTitle('shop-cert (shop.test)').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('site-review').click();
    expect(await page.getByTestId('diff-changes').innerText()).toContain('tls.certificates[0].certificate');
    await page.getByTestId('apply-confirm').click();
    await page.getByTestId('site-diff').waitFor({ state: 'hidden' });
    const sites = await fetch(`${server.server.url}/console/api/gateway/sites/list`).then((r) => r.status);
    expect(sites).toBeGreaterThanOrEqual(400); // the console API needs the session (and CSRF), not just a URL
    expect(await page.getByTestId('sites-revision').innerText()).toContain('4');

    // 6. the dashboard counts the attacks replayed through the gateway (not ingested by the test)
    await page.goto(`${server.server.url}/console/security/dashboard?from=-6h`);
    await page.getByTestId('page-title').filter({ hasText: 'Dashboards' }).waitFor();
    const attacks = async () => Number(/\d+/.exec((await page.getByTestId('tile-attacks').innerText()).replace(/,/g, ''))?.[0] ?? 0);
    await expect.poll(attacks, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('top-targets').innerText()).toContain('/search');
    await shot('protection-dashboard');

    // 7. the same pages in Chinese
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'zh-CN'));
    await page.goto(`${server.server.url}/console/protection/attacks`);
    await page.getByText('受攻击最多的站点').waitFor();
    await expect.poll(() => page.locator('tr[data-row-key]').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await shot('zh-protection-attack-log');
    await page.goto(`${server.server.url}/console/protection/sites`);
    await page.getByTestId('site-shop').click();
    await page.getByText('Web 应用防火墙').waitFor();
    await shot('zh-protection-site-editor');
    expect(errors).toEqual([]);
  });
});
