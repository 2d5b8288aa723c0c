import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { frameworkById } from '../../src/posture/frameworks/registry.js';
import { assertConsoleReady, consoleUser, openConsoleBrowser, shot, signIn } from './console-browser.js';

const PASSWORD = 'Auditor-Pass-2026';

describe('web console compliance page (Chromium)', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    assertConsoleReady();
    server = await startTestServer();
    await consoleUser(server, 'auditor', PASSWORD);
    server.server.app.log.level = 'silent';
    ({ browser, page } = await openConsoleBrowser(errors));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the score, requirement statuses and findings of the signed-in account, per framework', async () => {
    await signIn(page, server, 'auditor', PASSWORD);
    await page.getByRole('menuitem', { name: 'Compliance' }).click();
    await page.getByTestId('summary-score').waitFor();
    const manual = frameworkById('cis-alibaba-2.0').requirements.filter((r) => r.checks.length === 0).length;
    await expect.poll(() => page.getByTestId('summary-manual').innerText()).toContain(String(manual));
    // the root AccessKey from init fails CIS 1.2; 1.1 has no automated check
    const row = (id: string) => page.locator(`tr[data-row-key="${id}"]`);
    await expect.poll(() => row('1.2').innerText()).toContain('Failed');
    expect(await row('1.1').innerText()).toContain('Manual');
    await shot(page, 'compliance');

    await page.getByTestId('framework-mlps2-l3').click();
    await expect.poll(() => page.getByText('(身份鉴别)').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('download-html').getAttribute('href')).toBe('/console/api/posture/report?framework=mlps2-l3&format=html');
    expect(errors).toEqual([]);
  });
});
