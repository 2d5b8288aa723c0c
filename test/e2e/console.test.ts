import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachPolicy } from '../../src/iam/attachments.js';
import { createFirstAdmin } from '../../src/iam/bootstrap.js';
import { createLoginProfile, updateLoginProfile } from '../../src/iam/login-profiles.js';
import { bindMFADevice, createVirtualMFADevice } from '../../src/iam/mfa-devices.js';
import type { IamTables } from '../../src/iam/tables.js';
import { base32Decode, hotp, timeStep } from '../../src/iam/totp.js';
import { createUser } from '../../src/iam/users.js';
import { WEB_DIST } from '../../src/console/static.js';
import { rootContext } from '../../src/console/test-support/root-context.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { ROOT } from './support.js';

// Debian's Chromium (`apt-get install chromium`, see .ci/run); never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts/console');
const READER_PASSWORD = 'Reader-Pass-2026';
const NEW_ADMIN_PASSWORD = 'Admin-New-Pass-77';
const ALICE_PASSWORD = 'Alice-Second-Pass-88';

const codeAt = (seed: Buffer, step: number): string => hotp(seed, step);

// Generous limits: CI runs this beside the rest of the suite on two cores.
describe('web console end to end (Chromium)', { timeout: 180_000 }, () => {
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;
  let accountId: string;
  let admin: { userName: string; password: string };
  let readerSeed: Buffer;
  const pageErrors: string[] = [];
  const base = () => `${server.server.url}/console/`;

  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const nav = async (path: string) => {
    await page.goto(`${base()}${path.replace(/^\//, '')}`);
    await page.getByTestId('page-title').waitFor();
  };
  const title = () => page.getByTestId('page-title').innerText();

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` (npm test does it)');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    const platform = server.server.platform;
    accountId = server.root.accountId;
    admin = await createFirstAdmin(platform, accountId);
    const root = rootContext(platform, accountId);
    // the administrator must bind MFA at first sign-in (and change the generated password)
    await updateLoginProfile(root, { UserName: admin.userName, MFABindRequired: true });
    // a read-only user whose MFA device is bound already (codes of two past steps, so the current one is free)
    await createUser(root, { UserName: 'reader' });
    await createLoginProfile(root, { UserName: 'reader', Password: READER_PASSWORD });
    await attachPolicy(root, 'User', { PolicyType: 'System', PolicyName: 'AliyunRAMReadOnlyAccess', PrincipalName: 'reader' });
    const device = await createVirtualMFADevice(root, { VirtualMFADeviceName: 'reader-phone' });
    readerSeed = base32Decode(device.Base32StringSeed)!;
    const step = timeStep(Date.now());
    await bindMFADevice(root, { UserName: 'reader', SerialNumber: device.SerialNumber, AuthenticationCode1: codeAt(readerSeed, step - 2), AuthenticationCode2: codeAt(readerSeed, step - 1) });
    server.server.app.log.level = 'silent';

    profileDir = mkdtempSync(join(tmpdir(), 'bw-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
      // the console honours reduced motion (no drawer and menu animations): screenshots show settled pages
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(45_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('signs in: password, first-time MFA binding from the QR code page, forced password change', async () => {
    await page.goto(base());
    await page.waitForURL(/\/console\/signin/);
    await page.getByLabel('Account').fill(accountId);
    await page.getByLabel('User name').fill(admin.userName);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signin-error').innerText()).resolves.toContain('wrong');
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByTestId('mfa-qr').waitFor();
    const seedText = (await page.getByTestId('mfa-seed').innerText()).trim();
    await shot('signin-mfa-bind');
    const seed = base32Decode(seedText)!;
    const step = timeStep(Date.now());
    await page.getByLabel('First code').fill(codeAt(seed, step - 1));
    await page.getByLabel('Next code').fill(codeAt(seed, step));
    await page.getByRole('button', { name: 'Bind and continue' }).click();

    await page.getByLabel('Current password').fill(admin.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_ADMIN_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();

    await page.waitForURL((u) => /^\/console\/?$/.test(u.pathname));
    await page.getByTestId('count-users').waitFor();
    expect(await title()).toBe('Overview');
    await expect(page.getByTestId('count-users').innerText()).resolves.toContain('2');
    await shot('overview');
  });

  it('creates a user with console access, then an AccessKey whose secret is shown once', async () => {
    await nav('identity/users');
    await page.getByTestId('create-user').click();
    await page.getByTestId('user-name-input').fill('bad name!');
    await page.getByTestId('modal-ok').click();
    await page.getByText('1–64 characters: letters, digits, . _ -').waitFor();
    await page.getByTestId('user-name-input').fill('alice');
    await page.getByLabel('Display name').fill('Alice Example');
    await page.getByText('Allow console sign-in (set a password)').click();
    await page.getByLabel('Password', { exact: true }).fill('Alice-Pass-2026');
    await page.getByTestId('modal-ok').click();
    await page.getByTestId('user-alice').waitFor();
    await shot('users');

    await page.getByTestId('user-alice').click();
    await page.getByRole('tab', { name: 'AccessKeys' }).click();
    await page.getByTestId('create-access-key').click();
    const secret = (await page.getByTestId('new-access-key-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Za-z0-9]{30}$/);
    await expect(page.getByTestId('copy-secret').isVisible()).resolves.toBe(true);
    await shot('access-key-created');
    await page.getByRole('button', { name: 'I have saved the secret' }).click();
    // the list never shows the secret again
    await page.getByTestId('new-access-key-secret').waitFor({ state: 'detached' });
    await page.getByText('Active', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.keyboard.press('Escape');
  });

  it('creates a policy with an IP condition, validated inline by the policy engine', async () => {
    await nav('identity/policies');
    await page.getByTestId('create-policy').click();
    await page.getByTestId('policy-name-input').fill('OfficeNetworkOnly');
    const editor = page.getByTestId('create-policy-modal').getByTestId('policy-editor');
    const doc = (cidr: string) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:*'], Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': [cidr] } } }] }, null, 2);
    await editor.fill(doc('10.0.0.0/33'));
    await page.getByTestId('policy-validation').filter({ hasText: 'Statement[0].Condition.IpAddress.acs:SourceIp[0]' }).waitFor();
    // submitting is refused with the engine's message next to the field
    await page.getByTestId('modal-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'invalid' }).waitFor();
    await editor.fill(doc('10.0.0.0/8'));
    await page.getByText('The document is valid.').waitFor();
    await page.getByTestId('modal-ok').click();
    await page.getByTestId('policy-OfficeNetworkOnly').waitFor();
    await shot('policies');
  });

  it('creates a KMS key and an alias, then disables the key', async () => {
    await nav('keys/kms');
    await page.getByTestId('create-key').first().click();
    await page.getByTestId('key-description').fill('e2e data key');
    await page.getByTestId('modal-ok').click();
    // the drawer of the new key opens
    await page.getByTestId('disable-key').waitFor();
    await page.getByRole('tab', { name: 'Aliases' }).click();
    await page.getByTestId('create-alias').click();
    await page.getByTestId('alias-input').fill('alias/e2e-data');
    await page.getByTestId('modal-ok').click();
    await page.getByText('alias/e2e-data').waitFor();
    await page.getByTestId('disable-key').click();
    await page.getByTestId('enable-key').waitFor();
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page.locator('.ant-drawer').getByTestId('key-state').innerText()).resolves.toBe('Disabled');
    await shot('kms-key');
    await page.keyboard.press('Escape');
    await shot('kms-keys');
  });

  it('creates a secret and reveals a version only after a confirmation', async () => {
    await nav('keys/secrets');
    await page.getByTestId('create-secret').first().click();
    await page.getByLabel('Secret name').fill('db-password');
    await page.getByLabel('Secret value').fill('correct horse battery');
    await page.getByTestId('modal-ok').click();
    await page.getByTestId('secret-db-password').click();
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByTestId('reveal-v1').click();
    await page.getByText('recorded in the audit trail').waitFor();
    expect(await page.getByTestId('secret-value').count()).toBe(0);
    await page.locator('.ant-modal').getByRole('button', { name: 'Reveal' }).click();
    await expect(page.getByTestId('secret-value').innerText()).resolves.toBe('correct horse battery');
    await shot('secret-revealed');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('shows every other page, and the audit trail with the chain status and the changes made', async () => {
    await nav('');
    await page.getByTestId('user-menu').click();
    await page.getByText('My sessions').click();
    await page.getByTestId('my-sessions').getByText('This browser').waitFor();
    await shot('my-sessions');
    await page.keyboard.press('Escape');
    for (const [path, name, heading] of [
      ['identity/groups', 'groups', 'Groups'],
      ['identity/roles', 'roles', 'Roles'],
      ['identity/mfa', 'mfa-devices', 'MFA devices'],
      ['identity/password-policy', 'password-policy', 'Password policy'],
      ['identity/security', 'security-settings', 'Security settings'],
      ['keys/secrets', 'secrets', 'Secrets'],
    ] as const) {
      await nav(path);
      expect(await title()).toBe(heading);
      await shot(name);
    }
    await nav('audit');
    await expect(page.getByTestId('chain-status').innerText()).resolves.toMatch(/Hash chain intact: \d+ records verified/);
    await page.getByTestId('filter-action').fill('CreateUser');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('tr', { hasText: 'CreateUser' }).first().click();
    await page.getByText('Request parameters').waitFor();
    await shot('audit');
    await page.keyboard.press('Escape');
  });

  it('follows the dark or light setting of the system', async () => {
    await nav('identity/users');
    const background = () => page.evaluate(() => getComputedStyle(document.querySelector('.ant-layout-sider')!).backgroundColor);
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction((before) => getComputedStyle(document.querySelector('.ant-layout-sider')!).backgroundColor !== before, light);
    const [r, g, b] = (await background()).match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(200);
    await shot('dark-users');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('switches to 简体中文 and remembers it', async () => {
    await nav('identity/users');
    await page.getByTestId('language-switch').click();
    await page.getByTitle('简体中文').click();
    await page.getByTestId('page-title').filter({ hasText: '用户' }).waitFor();
    await expect(page.getByTestId('create-user').innerText()).resolves.toBe('创建用户');
    await page.reload();
    await page.getByTestId('page-title').waitFor();
    expect(await title()).toBe('用户');
    await nav('keys/kms');
    expect(await title()).toBe('KMS 密钥');
    await shot('zh-kms-keys');
    await nav('audit');
    expect(await title()).toBe('操作审计');
    await shot('zh-audit');
    await nav('');
    expect(await title()).toBe('概览');
    await shot('zh-overview');
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'en'));
    await page.reload();
    await page.getByTestId('page-title').filter({ hasText: 'Overview' }).waitFor();
  });

  it('a read-only user signs in with an MFA code, sees read-only screens and gets 403 from the API', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('Sign out').click();
    await page.waitForURL(/\/console\/signin/);
    await page.reload();
    await page.getByLabel('Account').fill(accountId);
    await page.getByLabel('User name').fill('reader');
    await page.getByLabel('Password', { exact: true }).fill(READER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('MFA code').fill(codeAt(readerSeed, timeStep(Date.now())));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((u) => /^\/console\/?$/.test(u.pathname));

    await nav('identity/users');
    await page.getByTestId('user-alice').waitFor();
    expect(await page.getByTestId('create-user').count()).toBe(0);
    await nav('identity/password-policy');
    await page.getByTestId('read-only').waitFor();
    await shot('read-only-password-policy');
    const denied = await page.evaluate(async () => {
      const csrf = localStorage.getItem('bulwark.csrf') ?? '';
      const res = await fetch('/console/api/ram/users', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ UserName: 'mallory' }) });
      return { status: res.status, body: (await res.json()) as { Code: string } };
    });
    expect(denied).toMatchObject({ status: 403, body: { Code: 'NoPermission' } });
  });

  it('an expired session returns to sign-in with a message', async () => {
    // the server forgets the session (idle timeout, revocation): the next call answers SessionExpired
    await server.server.platform.storage.db<IamTables>().deleteFrom('console_sessions').execute();
    await page.getByRole('menuitem', { name: 'Groups' }).click();
    await page.waitForURL(/\/console\/signin\?expired=1/);
    await page.getByTestId('session-expired').waitFor();
    await shot('signin-expired');
  });

  it('a user without MFA changes the first password, then sets MFA up from the user menu', async () => {
    await page.getByLabel('Account').fill(accountId);
    await page.getByLabel('User name').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('Alice-Pass-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Current password').fill('Alice-Pass-2026');
    await page.getByLabel('New password', { exact: true }).fill(ALICE_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(ALICE_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('page-title').filter({ hasText: 'Overview' }).waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByText('Set up MFA').click();
    const seed = base32Decode((await page.getByTestId('mfa-seed').innerText()).trim())!;
    const step = timeStep(Date.now());
    await page.getByLabel('First code').fill(codeAt(seed, step - 1));
    await page.getByLabel('Next code').fill(codeAt(seed, step));
    await page.getByRole('button', { name: 'Bind and continue' }).click();
    await page.getByText('MFA is set up for your sign-ins.').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByText('Sign out').waitFor();
    expect(await page.getByText('Set up MFA').count()).toBe(0);
    await page.getByText('Sign out').click();
    await page.waitForURL(/\/console\/signin/);
  });

  it('says so when too many failed sign-ins lock a user', async () => {
    await page.getByLabel('Account').fill(accountId);
    await page.getByLabel('User name').fill('alice');
    const attempt = async (password: string) => {
      await page.getByLabel('Password', { exact: true }).fill(password);
      const answered = page.waitForResponse((r) => r.url().endsWith('/console/api/session') && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect((await answered).status()).toBeGreaterThanOrEqual(400);
    };
    for (let i = 0; i < 5; i++) await attempt(`wrong-${i}`);
    await page.getByTestId('signin-error').filter({ hasText: 'wrong' }).waitFor();
    // the right password no longer helps
    await attempt(ALICE_PASSWORD);
    await page.getByTestId('signin-error').filter({ hasText: 'locked for an hour' }).waitFor();
    await shot('signin-locked');
  });

  it('threw no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
