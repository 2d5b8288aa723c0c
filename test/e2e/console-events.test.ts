import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPost } from '../../src/events/client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from '../../src/events/paths.js';
import { startTestServer, type TestServer } from '../../src/openapi/test-support/server.js';
import { assertConsoleReady, consoleUser, openConsoleBrowser, shot as save, signIn } from './console-browser.js';

const PASSWORD = 'Analyst-Pass-2026';
const ATTACKER = '203.0.113.66';
const MIN = 60_000;

/** What the attacker did, in order (WAF, gateway, host, identity), plus noise from elsewhere. */
function fixtures(start: number): Array<Record<string, unknown>> {
  const at = (i: number) => new Date(start + i * MIN).toISOString();
  return [
    { '@timestamp': at(0), event: { id: 'a1', dataset: 'bulwark.gateway', kind: 'event', category: 'web', action: 'request', outcome: 'success' }, source: { ip: ATTACKER }, http: { request: { method: 'GET' }, response: { status_code: 200 } }, url: { path: '/login', original: '/login' } },
    { '@timestamp': at(1), event: { id: 'a2', dataset: 'bulwark.gateway', kind: 'alert', category: 'web', action: 'waf-block', outcome: 'failure' }, source: { ip: ATTACKER }, http: { request: { method: 'GET' }, response: { status_code: 403 } }, url: { original: "/?id=1' or 1=1--" }, rule: { id: 'waf:942100', name: 'SQL injection attack detected' }, bulwark: { blocked: true } },
    { '@timestamp': at(2), event: { id: 'a3', dataset: 'agent.ssh', category: 'authentication', action: 'ssh-login', outcome: 'failure' }, source: { ip: ATTACKER }, user: { name: 'root' }, host: { name: 'web-1', id: 'host-web-1' }, message: 'Failed password for root from 203.0.113.66' },
    { '@timestamp': at(3), event: { id: 'a4', dataset: 'agent.ssh', category: 'authentication', action: 'ssh-login', outcome: 'success' }, source: { ip: ATTACKER }, user: { name: 'deploy' }, host: { name: 'web-1', id: 'host-web-1' }, message: 'Accepted password for deploy from 203.0.113.66' },
    { '@timestamp': at(4), event: { id: 'a5', dataset: 'bulwark.audit', category: 'authentication', action: 'ConsoleSignin', outcome: 'failure' }, source: { ip: ATTACKER }, user: { name: 'alice' }, message: 'console sign-in refused' },
    { '@timestamp': at(5), event: { id: 'n1', dataset: 'agent.ssh', category: 'authentication', action: 'ssh-login', outcome: 'success' }, source: { ip: '10.0.0.5' }, user: { name: 'ops' }, host: { name: 'db-1', id: 'host-db-1' }, message: 'Accepted publickey for ops' },
    { '@timestamp': at(6), event: { id: 'n2', dataset: 'bulwark.gateway', kind: 'event', category: 'web', action: 'request', outcome: 'success' }, source: { ip: '198.51.100.7' }, http: { request: { method: 'GET' }, response: { status_code: 200 } }, url: { path: '/', original: '/' } },
  ];
}

describe('web console events search and incident backtracking (Chromium)', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await save(page, name);
  };
  const total = () => page.getByTestId('events-total').innerText();
  const input = () => page.getByTestId('query-input');

  beforeAll(async () => {
    assertConsoleReady();
    server = await startTestServer();
    await consoleUser(server, 'analyst', PASSWORD);
    const key = { accessKeyId: server.root.accessKeyId, accessKeySecret: server.root.accessKeySecret };
    const docs = fixtures(Date.now() - 30 * MIN);
    const r = await signedPost(server.server.url, INGEST_PATH, Buffer.from(docs.map((d) => JSON.stringify(d)).join('\n')), 'application/x-ndjson', key, PUT_EVENTS_ACTION);
    expect(r.json).toMatchObject({ accepted: docs.length, rejected: [] });
    server.server.app.log.level = 'silent';
    ({ browser, page } = await openConsoleBrowser(errors, { reducedMotion: 'reduce' }));
    await signIn(page, server, 'analyst', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches, points at a syntax error, completes fields and values, filters from a value, saves and reloads a search', async () => {
    await page.getByRole('menuitem', { name: 'Events' }).click();
    await page.getByTestId('histogram').waitFor();
    expect(await page.getByTestId('histogram-bar').count()).toBeGreaterThan(0);

    // a query and its results
    await input().fill('event.dataset:agent.ssh');
    await input().press('Enter');
    await expect.poll(total).toBe('3 matching events');
    expect(await page.locator('[data-testid="events-table"] tr.ant-table-row').count()).toBe(3);
    expect(new URL(page.url()).searchParams.get('q')).toBe('event.dataset:agent.ssh');

    // a mistake: coded message and a caret under the column the server reports (the unclosed "(")
    const bad = 'event.outcome:failure AND (user.name:root';
    await input().fill(bad);
    await input().press('Enter');
    await page.getByTestId('query-error').waitFor();
    expect(await page.getByTestId('query-error').innerText()).toContain('Events.QuerySyntax');
    expect(await page.getByTestId('query-error').innerText()).toContain('column 27');
    const [line, caret] = (await page.getByTestId('query-caret').innerText()).split('\n');
    expect(line).toBe(bad);
    expect(caret!.indexOf('^')).toBe(bad.indexOf('('));
    // the search did not run: the results are still those of the last good query
    expect(await total()).toBe('3 matching events');
    await shot('events-syntax-error');

    // completion: a field from its first letters, then one of its values
    await input().fill('');
    await input().pressSequentially('sourc');
    await page.getByTestId('suggest-source.ip').click();
    await expect.poll(() => input().inputValue()).toBe('source.ip:');
    await page.getByTestId(`suggest-value-${ATTACKER}`).click();
    await expect.poll(() => input().inputValue()).toBe(`source.ip:${ATTACKER} `);
    await page.getByTestId('query-error').waitFor({ state: 'detached' });
    await input().press('Enter');
    await expect.poll(total).toBe('5 matching events');
    await shot('events-search');

    // the detail drawer: every field, and a filter from one of its values
    await page.locator('[data-testid="events-table"] tr.ant-table-row', { hasText: 'agent.ssh' }).first().click();
    await page.getByTestId('filter-in-event.dataset').waitFor();
    expect(await page.getByTestId('event-drawer').innerText()).toContain('host.id');
    await shot('events-drawer');
    await page.getByTestId('filter-in-event.dataset').click();
    await expect.poll(() => input().inputValue()).toBe(`source.ip:${ATTACKER} AND event.dataset:agent.ssh`);
    await expect.poll(total).toBe('2 matching events');
    // and an exclusion
    await page.locator('[data-testid="events-table"] tr.ant-table-row', { hasText: 'deploy' }).first().click();
    await page.getByTestId('filter-out-user.name').click();
    await expect.poll(() => input().inputValue()).toBe(`source.ip:${ATTACKER} AND event.dataset:agent.ssh AND NOT user.name:deploy`);
    await expect.poll(total).toBe('1 matching events');

    // save it, leave, and load it again
    await page.getByTestId('saved-save').click();
    await page.getByTestId('saved-name').fill('attacker ssh');
    await page.getByTestId('modal-ok').click();
    await page.getByTestId('saved-modal').waitFor({ state: 'hidden' });
    await page.goto(`${server.server.url}/console/security/events`);
    await page.getByTestId('histogram').waitFor();
    expect(await input().inputValue()).toBe('');
    await page.getByTestId('saved-select').click();
    await page.getByTitle(`source.ip:${ATTACKER} AND event.dataset:agent.ssh AND NOT user.name:deploy`).click();
    await expect.poll(() => input().inputValue()).toBe(`source.ip:${ATTACKER} AND event.dataset:agent.ssh AND NOT user.name:deploy`);
    await expect.poll(total).toBe('1 matching events');

    // from an event to the attacker's timeline
    await page.locator('[data-testid="events-table"] tr.ant-table-row').first().click();
    await page.getByTestId('investigate-source.ip').click();
    await page.getByTestId('incident-timeline').waitFor();
    expect(new URL(page.url()).searchParams.get('ip')).toBe(ATTACKER);
    expect(errors).toEqual([]);
  });

  it('backtracks an IP address: its WAF, gateway, host and identity events in order, grouped, expandable', async () => {
    await page.goto(`${server.server.url}/console/security/incidents`);
    await page.getByTestId('page-title').waitFor();
    await page.getByTestId('incident-target').locator('input').fill(ATTACKER);
    await page.getByTestId('incident-target').locator('input').press('Enter');
    await page.getByTestId('incident-timeline').waitFor();
    await expect.poll(() => page.getByTestId('timeline-summary').count()).toBe(5);
    const summaries = await page.getByTestId('timeline-summary').allInnerTexts();
    expect(summaries).toEqual(['GET /login 200', "GET /?id=1' or 1=1-- 403 · SQL injection attack detected", 'Failed password for root from 203.0.113.66', 'Accepted password for deploy from 203.0.113.66', 'console sign-in refused']);
    for (const group of ['waf', 'gateway', 'host', 'identity']) expect(await page.getByTestId(`group-${group}`).count()).toBe(1);
    expect(await page.getByTestId('group-host').innerText()).toContain('2');
    // expand one entry: all its fields
    await page.getByTestId('timeline-entry').nth(1).getByRole('button', { name: 'Details' }).click();
    expect(await page.getByTestId('timeline-entry').nth(1).innerText()).toContain('waf:942100');
    // hide a group
    await page.getByTestId('group-host').click();
    await expect.poll(() => page.getByTestId('timeline-summary').count()).toBe(3);
    await page.getByTestId('group-host').click();
    await expect.poll(() => page.getByTestId('timeline-summary').count()).toBe(5);
    await shot('incidents-timeline');
    // a host: only what happened on it
    await page.goto(`${server.server.url}/console/security/incidents?host=host-web-1`);
    await expect.poll(() => page.getByTestId('timeline-summary').allInnerTexts()).toEqual(['Failed password for root from 203.0.113.66', 'Accepted password for deploy from 203.0.113.66']);
    expect(errors).toEqual([]);
  });

  it('shows both pages in 简体中文', async () => {
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'zh-CN'));
    await page.goto(`${server.server.url}/console/security/events?q=${encodeURIComponent(`source.ip:${ATTACKER}`)}`);
    await page.getByTestId('page-title').filter({ hasText: '事件' }).waitFor();
    await expect.poll(total).toBe('共 5 条匹配事件');
    await input().fill('user.nmae:root');
    await page.getByTestId('query-error').waitFor();
    expect(await page.getByTestId('query-error').innerText()).toContain('第 1 列');
    expect(await page.getByTestId('query-error').innerText()).toContain('user.name');
    await shot('zh-events-search');
    await page.goto(`${server.server.url}/console/security/incidents?ip=${ATTACKER}`);
    await page.getByTestId('page-title').filter({ hasText: '安全事件' }).waitFor();
    await expect.poll(() => page.getByTestId('timeline-summary').count()).toBe(5);
    expect(await page.getByTestId('incident-groups').innerText()).toContain('身份与 API');
    await shot('zh-incidents-timeline');
    await page.evaluate(() => localStorage.setItem('bulwark.lang', 'en'));
    expect(errors).toEqual([]);
  });
});
