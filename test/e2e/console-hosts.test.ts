import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentDaemon } from '../../src/agent/daemon.js';
import { HostClient } from '../../src/agent/host-client.js';
import { importFeed } from '../../src/agent/vuln/feed-import.js';
import { readFeed } from '../../src/agent/vuln/feed-source.js';
import { createLogger } from '../../src/core/logger.js';
import { systemCaller } from '../../src/iam/caller.js';
import { signedPost } from '../../src/events/client.js';
import { CREATE_TOKEN_ACTION, ENROLL_PATH, adminPath } from '../../src/hosts/api.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { artifact, assertConsoleReady, consoleUser, openConsoleBrowser, shot, signIn } from './console-browser.js';
import { ROOT } from './support.js';

const PASSWORD = 'Operator-Pass-2026';
const POLICY = join(ROOT, 'src/agent/baseline/policies/bulwark_linux.yml');

/** A Debian 12 host under a directory whose sshd allows root logins (check 90001 of the Linux baseline fails) and whose OpenSSL is vulnerable. */
function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'bw-console-hosts-'));
  mkdirSync(join(root, 'etc/ssh'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n');
  writeFileSync(join(root, 'etc/hostname'), 'e2e-web\n');
  writeFileSync(join(root, 'etc/ssh/sshd_config'), 'PermitRootLogin yes\nPasswordAuthentication yes\n');
  // an OpenSSL older than the fix of DSA-5764-1 (the OSV fixture imported below)
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  writeFileSync(join(root, 'var/lib/dpkg/status'), 'Package: openssl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 3.0.11-1~deb12u2\n\n');
  return root;
}

describe('web console hosts pages (Chromium)', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let agent: HostClient;
  const errors: string[] = [];

  beforeAll(async () => {
    assertConsoleReady();
    server = await startTestServer();
    await consoleUser(server, 'operator', PASSWORD);
    server.server.app.log.level = 'silent';

    await importFeed(server.server.platform, systemCaller(server.root.accountId, 'e2e'), await readFeed(join(ROOT, 'src/agent/vuln/test-support/osv-dsa.json')), 'osv-dsa.json');

    // a real agent: enrolled with a one-time token, then one collection (inventory + the Linux baseline) of the fixture host
    const key = { accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret };
    const token = (await signedPost(server.server.url, adminPath('tokens'), Buffer.from('{"label":"e2e"}'), 'application/json', key, CREATE_TOKEN_ACTION)).json as { Token: string };
    const res = await fetch(`${server.server.url}${ENROLL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token.Token, hostname: 'e2e-web', os: 'Debian GNU/Linux 12 (bookworm)' }) });
    const e = (await res.json()) as { HostId: string; AccountId: string; UserName: string; AccessKeyId: string; AccessKeySecret: string };
    agent = new HostClient({ version: 1, server: server.server.url, hostId: e.HostId, accountId: e.AccountId, userName: e.UserName, accessKeyId: e.AccessKeyId, accessKeySecret: e.AccessKeySecret, enrolledAt: new Date().toISOString() });
    const daemon = new AgentDaemon({ client: agent, logger: createLogger({ level: 'silent' }), agentVersion: '0.0.0-e2e', root: fixtureRoot(), policyFiles: [POLICY], heartbeatMs: 1000, intervalMs: 3_600_000 });
    await agent.report('heartbeat', { agentVersion: '0.0.0-e2e', hostname: 'e2e-web' });
    expect(await daemon.collectAndReport()).toContain('baseline: 1 policies');
    // an intrusion alert as the agent's detectors send it
    await agent.report('events', [{ '@timestamp': new Date().toISOString(), message: 'ssh brute force from 198.51.100.7', event: { kind: 'alert', category: 'intrusion_detection', action: 'ssh-brute-force', severity: 73, module: 'agent', dataset: 'agent.intrusion' }, source: { ip: '198.51.100.7' } }]);

    // no animations (the console follows the reduced-motion preference): menus are clickable at once
    ({ browser, page } = await openConsoleBrowser(errors, { reducedMotion: 'reduce' }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the host, opens it, expands a failed baseline check to its remediation, and queues and undoes a response action', async () => {
    await signIn(page, server, 'operator', PASSWORD);
    // Hosts → Assets (every navigation group starts open)
    await page.getByTestId('nav').getByRole('menuitem', { name: 'Assets' }).click();

    const link = page.getByTestId('host-e2e-web');
    await link.waitFor();
    const row = page.locator(`tr[data-row-key="${agent.hostId}"]`);
    expect(await row.innerText()).toContain('Online');
    expect(await row.innerText()).toMatch(/failed · \d+% pass/);
    await expect.poll(() => row.getByTestId('risk').innerText()).toMatch(/^\d+ · (Low|Medium|High|Critical)$/);
    await shot(page, 'hosts');

    await link.click();
    await page.getByTestId('check-90001').waitFor();
    await page.getByTestId('check-90001').click();
    const details = page.getByTestId('check-details-90001');
    await details.waitFor();
    expect(await details.getByTestId('remediation').innerText()).toContain('Set `PermitRootLogin no` in /etc/ssh/sshd_config');
    expect(await details.innerText()).toContain('Direct root logins bypass individual accountability');
    expect(await details.innerText()).toContain('PermitRootLogin');
    await page.screenshot({ path: artifact('host-baseline') });

    // vulnerabilities with the command that fixes them
    await page.getByRole('tab', { name: 'Vulnerabilities' }).click();
    await expect.poll(() => page.getByText('apt-get install --only-upgrade openssl').count()).toBeGreaterThan(0);
    expect(await page.getByText('DSA-5764-1').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('host-vulnerabilities') });

    // intrusion events of this host from the event store
    await page.getByRole('tab', { name: 'Intrusion events' }).click();
    await expect.poll(() => page.getByText('ssh brute force from 198.51.100.7').count()).toBe(1);

        // inventory: the fixture's OS as the agent collected it
    await page.getByRole('tab', { name: 'Inventory' }).click();
    await expect.poll(() => page.getByText('Debian GNU/Linux 12 (bookworm)').count()).toBeGreaterThan(0);

    // a response action: confirm, queued for the agent; the agent reports it done; undo queues the reverse
    await page.getByRole('tab', { name: 'Response actions' }).click();
    await page.getByTestId('new-response').click();
    await page.getByTestId('response-target').fill('203.0.113.9');
    await page.getByTestId('response-ok').click();
    expect(await page.getByTestId('response-confirm').innerText()).toContain('203.0.113.9');
    await page.getByTestId('response-ok').click();
    await expect.poll(() => page.getByText('Pending').count()).toBe(1);
    const pulled = (await agent.report('tasks/pull', {})) as { Tasks: Array<{ TaskId: string; Kind: string; Response: { action: string; target: string; durationSeconds: number } }> };
    const task = pulled.Tasks.find((x) => x.Kind === 'respond')!;
    expect(task.Response).toEqual({ action: 'block', target: '203.0.113.9', durationSeconds: 3600 });
    await agent.report('tasks/ack', { taskId: task.TaskId, status: 'done', message: 'block 203.0.113.9: done', result: { id: 'r-e2e', outcome: 'done', details: {}, undo: { action: 'unblock', target: '203.0.113.9' } } });
    await page.reload();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByText(`undoes ${task.TaskId.slice(0, 8)}`).count()).toBe(1);
    expect(await page.getByText('Unblock IP').count()).toBe(1);
    await page.screenshot({ path: artifact('host-response') });
    expect(errors).toEqual([]);
  });

  it('creates an enrollment token and shows the enroll command once', async () => {
    await page.goto(`${server.server.url}/console/hosts`);
    await page.getByTestId('add-host').click();
    await page.getByTestId('token-label').fill('staging');
    await page.getByTestId('create-token').click();
    const command = await page.getByTestId('enroll-command').innerText();
    expect(command).toMatch(new RegExp(`^bulwark agent enroll --server ${server.server.url.replace(/[.]/g, '\\.')} --token bwe_[A-Za-z0-9_-]{32} && bulwark agent run$`));
    await page.getByTestId('copy-command').waitFor();
    await page.screenshot({ path: artifact('hosts-enroll') });
    expect(errors).toEqual([]);
  });

  it('reads in Chinese', async () => {
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'zh-CN'));
    await page.goto(`${server.server.url}/console/hosts/${agent.hostId}`);
    await page.getByTestId('check-90001').click();
    await page.getByTestId('check-details-90001').waitFor();
    expect(await page.getByTestId('check-details-90001').innerText()).toContain('修复建议');
    expect(await page.getByRole('tab', { name: '基线检查' }).count()).toBe(1);
    await page.screenshot({ path: artifact('host-baseline.zh-CN') });
    await page.goto(`${server.server.url}/console/hosts`);
    await page.getByTestId('host-e2e-web').waitFor();
    expect(await page.getByText('在线').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('hosts.zh-CN') });
    expect(errors).toEqual([]);
  });
});
