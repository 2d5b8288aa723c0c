import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/console/static.js';
import { rootContext } from '../../src/console/test-support/root-context.js';
import { attachPolicy } from '../../src/iam/attachments.js';
import { createLoginProfile } from '../../src/iam/login-profiles.js';
import { createUser } from '../../src/iam/users.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { frameworkById } from '../../src/posture/frameworks/registry.js';
import { ROOT } from './support.js';

// Debian's Chromium (`apt-get install chromium`, see .ci/run); never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts/console');
const PASSWORD = 'Auditor-Pass-2026';

describe('web console compliance page (Chromium)', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` (npm test does it)');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    const root = rootContext(server.server.platform, server.root.accountId);
    await createUser(root, { UserName: 'auditor' });
    await createLoginProfile(root, { UserName: 'auditor', Password: PASSWORD });
    await attachPolicy(root, 'User', { PolicyType: 'System', PolicyName: 'AdministratorAccess', PrincipalName: 'auditor' });
    server.server.app.log.level = 'silent';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page.setDefaultTimeout(45_000);
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the score, requirement statuses and findings of the signed-in account, per framework', async () => {
    await page.goto(`${server.server.url}/console/signin`);
    await page.getByLabel(/Account/).fill(server.root.accountId);
    await page.getByLabel(/User name/).fill('auditor');
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('menuitem', { name: 'Compliance' }).click();
    await page.getByTestId('summary-score').waitFor();
    const manual = frameworkById('cis-alibaba-2.0').requirements.filter((r) => r.checks.length === 0).length;
    await expect.poll(() => page.getByTestId('summary-manual').innerText()).toContain(String(manual));
    // the root AccessKey from init fails CIS 1.2; 1.1 has no automated check
    const row = (id: string) => page.locator(`tr[data-row-key="${id}"]`);
    await expect.poll(() => row('1.2').innerText()).toContain('Failed');
    expect(await row('1.1').innerText()).toContain('Manual');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(ARTIFACTS, 'compliance.png'), fullPage: false });

    await page.getByTestId('framework-mlps2-l3').click();
    await expect.poll(() => page.getByText('(身份鉴别)').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('download-html').getAttribute('href')).toBe('/console/api/posture/report?framework=mlps2-l3&format=html');
    expect(errors).toEqual([]);
  });
});
