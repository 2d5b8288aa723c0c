import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { WEB_DIST } from '../../src/console/static.js';
import { rootContext } from '../../src/console/test-support/root-context.js';
import { attachPolicy } from '../../src/iam/attachments.js';
import { createLoginProfile } from '../../src/iam/login-profiles.js';
import { createPolicy } from '../../src/iam/policies.js';
import { createUser } from '../../src/iam/users.js';
import type { TestServer } from '../../src/openapi/test-support/server.js';
import { ROOT } from './support.js';

// Debian's Chromium (`apt-get install chromium`, see .ci/run); never a downloaded browser.
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts/console');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
/** The window every console e2e test looks through. */
export const PAGE_OPTIONS: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: 'en-US' };

/** The built console and Debian's Chromium are there; screenshots have their folder. */
export function assertConsoleReady(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` (npm test does it)');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  mkdirSync(ARTIFACTS, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Generous waits (CI shares two cores), and every uncaught page error collected in `errors`. */
export function watchPage(page: Page, errors: string[]): Page {
  page.setDefaultTimeout(45_000);
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

/** Chromium and one watched page (options added to PAGE_OPTIONS). */
export async function openConsoleBrowser(errors: string[], options: BrowserContextOptions = {}): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = watchPage(await browser.newPage({ ...PAGE_OPTIONS, ...options }), errors);
  return { browser, page };
}

/** A custom policy to create and attach instead of the system AdministratorAccess. */
export interface CustomPolicy {
  PolicyName: string;
  PolicyDocument: string;
}

/** A RAM user of the root account with a console password and a policy (AdministratorAccess unless a custom one is named). */
export async function consoleUser(server: TestServer, userName: string, password: string, policy?: CustomPolicy): Promise<void> {
  const root = rootContext(server.server.platform, server.root.accountId);
  await createUser(root, { UserName: userName });
  await createLoginProfile(root, { UserName: userName, Password: password });
  if (policy === undefined) {
    await attachPolicy(root, 'User', { PolicyType: 'System', PolicyName: 'AdministratorAccess', PrincipalName: userName });
    return;
  }
  await createPolicy(root, policy);
  await attachPolicy(root, 'User', { PolicyType: 'Custom', PolicyName: policy.PolicyName, PrincipalName: userName });
}

/** Reads of the product only (every list, get and search, no change), for a user the console shows read-only. */
export const READ_ONLY_POLICY: CustomPolicy = {
  PolicyName: 'BulwarkReadOnly',
  PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['bulwark:List*', 'bulwark:Get*', 'bulwark:Search*'], Resource: '*' }], Version: '1' }),
};

/** Signs in through the console's form, as a person does, and waits for the first page. */
export async function signIn(page: Page, server: TestServer, userName: string, password: string): Promise<void> {
  await page.goto(`${server.server.url}/console/signin`);
  await page.getByLabel(/Account/).fill(server.root.accountId);
  await page.getByLabel(/User name/).fill(userName);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: /Sign in/ }).click();
  await page.getByTestId('page-title').waitFor();
}

/** A full load of a console page (`path` under /console), waiting for `/me` (what the user may change) to arrive. */
export async function visit(page: Page, server: TestServer, path: string): Promise<void> {
  const me = page.waitForResponse((r) => r.url().endsWith('/console/api/me') && r.ok());
  await page.goto(`${server.server.url}/console${path}`);
  await me;
}

/** Where the screenshot `name` is saved. */
export const artifact = (name: string): string => join(ARTIFACTS, `${name}.png`);

/** A screenshot of the window once the network is quiet, saved as test-artifacts/console/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: artifact(name), fullPage: false });
}
