import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost, type AccessKey } from '../../src/events/client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from '../../src/events/paths.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { artifact, assertConsoleReady, consoleUser, openConsoleBrowser, signIn } from './console-browser.js';

const PASSWORD = 'Analyst-Pass-2026';

/** What a managed gateway ships for a request (src/gateway/access-log.ts), attack or not. */
function access(ip: string, path: string, secondsAgo: number, attack?: { category: string; blocked: boolean }): Record<string, unknown> {
  return {
    '@timestamp': new Date(Date.now() - secondsAgo * 1000).toISOString(),
    event: { kind: attack ? 'alert' : 'event', category: 'web', type: attack?.blocked ? 'denied' : 'access', dataset: 'bulwark.gateway' },
    source: { ip },
    url: { domain: 'shop.example.com', path },
    http: { request: { method: 'GET' }, response: { status_code: attack?.blocked ? 403 : 200 } },
    ...(attack ? { rule: { id: attack.blocked ? 'waf:949110' : 'waf:941100', category: attack.category } } : {}),
    bulwark: { site: 'shop', action: attack?.blocked ? 'block' : 'proxy', blocked: attack?.blocked ?? false },
  };
}

describe('web console dashboards and compliance reports (Chromium)', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: artifact(name) });
  /** Every chart on the page has been drawn by ECharts. */
  const chartsDrawn = async () => {
    await page.locator('[data-chart]').first().waitFor();
    await expect.poll(() => page.locator('[data-chart]:not([data-rendered="true"])').count(), { timeout: 30_000 }).toBe(0);
  };

  beforeAll(async () => {
    assertConsoleReady();
    server = await startTestServer();
    await consoleUser(server, 'analyst', PASSWORD);
    server.server.app.log.level = 'silent';
    // attacks arrive through the signed ingest API, as a managed gateway sends them
    const key: AccessKey = { accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret };
    const docs = [
      ...Array.from({ length: 5 }, (_, i) => access('203.0.113.7', '/login', 60 + i * 300, { category: 'sqli', blocked: true })),
      ...Array.from({ length: 2 }, (_, i) => access('198.51.100.23', '/search', 120 + i * 600, { category: 'xss', blocked: false })),
      ...Array.from({ length: 6 }, (_, i) => access(`10.1.0.${i + 1}`, '/', 30 + i * 400)),
    ];
    const ingested = await signedPost(server.server.url, INGEST_PATH, Buffer.from(docs.map((d) => JSON.stringify(d)).join('\n')), 'application/x-ndjson', key, PUT_EVENTS_ACTION);
    expect(ingested.json).toMatchObject({ accepted: docs.length, rejected: [] });
    ({ browser, page } = await openConsoleBrowser(errors, { viewport: { width: 1440, height: 1000 }, acceptDownloads: true }));
    await signIn(page, server, 'analyst', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the ingested attacks: counts, classes, the top attacking address', async () => {
    await page.goto(`${server.server.url}/console/security/dashboard?from=-6h`);
    await page.getByTestId('page-title').filter({ hasText: 'Dashboards' }).waitFor();
    await expect.poll(() => page.getByTestId('tile-attacks').innerText()).toContain('7');
    expect(await page.getByTestId('tile-requests').innerText()).toContain('13');
    expect(await page.getByTestId('tile-blocked').innerText()).toContain('5');
    expect(await page.getByTestId('tile-attackers').innerText()).toContain('2');
    // the accessible table under the chart lists the top source first
    const firstSource = page.getByTestId('top-sources').locator('tbody tr').first();
    await expect.poll(() => firstSource.innerText()).toContain('203.0.113.7');
    expect(await firstSource.innerText()).toContain('5');
    expect(await page.getByTestId('top-targets').innerText()).toContain('/login');
    await chartsDrawn();
    expect(await page.getByTestId('chart-attacksOverTime').getAttribute('aria-label')).toBe('Attacks over time by type');
    // hosts: none enrolled yet, so the panel says what to do
    expect(await page.getByTestId('panel-host-risk').innerText()).toContain('No host enrolled yet');
    await page.waitForLoadState('networkidle');
    await shot('dashboard');
    expect(errors).toEqual([]);
  });

  it('renders the big screen without the console chrome, and refreshes by itself', async () => {
    await page.getByTestId('big-screen').click();
    await page.getByTestId('big-screen-view').waitFor();
    expect(page.url()).toContain('/console/screen?from=-6h&refresh=30');
    expect(await page.getByTestId('nav').count()).toBe(0);
    await expect.poll(() => page.getByTestId('tile-attacks').innerText()).toContain('7');
    await chartsDrawn();
    // a new attack shows up at the next refresh (10 s) without reloading the page
    await page.getByTestId('refresh').click();
    await page.getByTitle('Refresh every 10 s').click();
    const key: AccessKey = { accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret };
    await signedPost(server.server.url, INGEST_PATH, Buffer.from(JSON.stringify(access('203.0.113.7', '/admin', 5, { category: 'rce', blocked: true }))), 'application/x-ndjson', key, PUT_EVENTS_ACTION);
    await expect.poll(() => page.getByTestId('tile-attacks').innerText(), { timeout: 30_000 }).toContain('8');
    await shot('dashboard-big-screen');
    await page.getByTestId('leave-screen').click();
    await page.getByTestId('page-title').filter({ hasText: 'Dashboards' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('downloads the compliance report as HTML and SARIF', async () => {
    await page.goto(`${server.server.url}/console/compliance`);
    await page.getByTestId('summary-score').waitFor();
    // all four frameworks are scored at a glance
    for (const id of ['cis-alibaba-2.0', 'mlps2-l3', 'iso27001-2022', 'pci-dss-4.0']) await expect.poll(() => page.getByTestId(`framework-${id}`).innerText()).toMatch(/\d+ passed/);
    // requirement → checks → evidence: the root AccessKey from init fails CIS 1.2
    const row = page.locator('tr[data-row-key="1.2"]');
    await row.locator('.ant-table-row-expand-icon').click();
    const checks = page.getByTestId('checks').first();
    await checks.locator('.ant-table-row-expand-icon').first().click();
    await expect.poll(() => page.getByTestId('evidence').first().innerText()).toContain('Fail');
    await shot('compliance-evidence');

    const download = async (format: string): Promise<string> => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${format}`).click()]);
      expect(d.suggestedFilename()).toBe(`bulwark-cis-alibaba-2.0.${format}`);
      return readFileSync((await d.path())!, 'utf8');
    };
    const html = await download('html');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('CIS Alibaba Cloud Foundations Benchmark');
    const sarif = JSON.parse(await download('sarif')) as { version: string; runs: Array<{ results: Array<{ ruleId: string }>; properties: { framework: { id: string } } }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.properties.framework.id).toBe('cis-alibaba-2.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
    const json = JSON.parse(await download('json')) as { framework: { id: string }; requirements: unknown[] };
    expect(json.framework.id).toBe('cis-alibaba-2.0');
    expect(errors).toEqual([]);
  });

  it('shows the dashboard and the big screen in 简体中文', async () => {
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'zh-CN'));
    await page.goto(`${server.server.url}/console/security/dashboard?from=-6h`);
    await page.getByTestId('page-title').filter({ hasText: '安全大盘' }).waitFor();
    await expect.poll(() => page.getByTestId('panel-attacks').innerText()).toContain('攻击趋势');
    await chartsDrawn();
    expect(await page.getByTestId('chart-attackTypes').getAttribute('aria-label')).toBe('攻击类型');
    await page.waitForLoadState('networkidle');
    await shot('dashboard.zh-CN');
    await page.goto(`${server.server.url}/console/screen?from=-6h&refresh=0`);
    await page.getByText('Bulwark 安全态势').waitFor();
    await chartsDrawn();
    await shot('dashboard-big-screen.zh-CN');
    await page.goto(`${server.server.url}/console/compliance`);
    await page.getByTestId('summary-score').waitFor();
    await page.waitForLoadState('networkidle');
    await shot('compliance.zh-CN');
    expect(errors).toEqual([]);
  });
});
