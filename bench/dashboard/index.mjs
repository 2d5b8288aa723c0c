#!/usr/bin/env node
// bench/dashboard: does the security dashboard stay responsive with a realistic volume of events?
//
// A real server (dist/, SQLite + DuckDB in a temp data dir) holds two accounts: "large" gets N
// synthetic ECS events (default 100,000) over the last 24 h — gateway access events (~20 % WAF
// attacks of eight CRS classes, blocked or detected, plus rate-limit refusals), SSH failures and
// process alerts from hosts — and "small" gets 100 events of the same mix.
//
// (a) API: `POST /api/dashboard` (signed, range -24h) on "large", against two baselines measured in the
//     same run: the same call on "small" (the fixed cost: posture snapshot, SQL sections), and one raw
//     `POST /api/events/search` on "large" (the first 100 events, newest first: what the event search
//     page costs). Median of R interleaved runs after a warm-up.
// (b) Browser: Chromium (playwright-core, /usr/bin/chromium) opens /console/security/dashboard?from=-24h
//     signed in to each account; the time from navigation start to every chart drawn (ECharts
//     `finished`; the page marks it `data-rendered`) and the longest main-thread task (PerformanceObserver
//     'longtask') during that load. Median of R loads per account, interleaved, after a warm-up.
//
// Usage: npm run bench -- dashboard [--events N] [--runs R]   (last line: one JSON object)
/* global window, document, PerformanceObserver -- code that runs in the page */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';

const dist = new URL('../../dist/', import.meta.url);
const { startServer } = await import(new URL('server/start.js', dist).href);
const { initAccount } = await import(new URL('iam/bootstrap.js', dist).href);
const { createUser } = await import(new URL('iam/users.js', dist).href);
const { createLoginProfile } = await import(new URL('iam/login-profiles.js', dist).href);
const { attachPolicy } = await import(new URL('iam/attachments.js', dist).href);
const { systemCaller } = await import(new URL('iam/caller.js', dist).href);
const { signedPost } = await import(new URL('events/client.js', dist).href);
const { createLogger } = await import(new URL('core/logger.js', dist).href);

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = arg('events', 100_000);
const RUNS = arg('runs', 7);
const SMALL = 100;
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'Bench-Pass-2026!';
if (!Number.isInteger(N) || N < 1000 || !Number.isInteger(RUNS) || RUNS < 1) {
  process.stderr.write('usage: npm run bench -- dashboard [--events N ≥ 1000] [--runs R]\n');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  process.stderr.write(`${CHROMIUM} is missing: apt-get install -y chromium\n`);
  process.exit(2);
}
if (!existsSync(new URL('../../web/dist/index.html', import.meta.url))) {
  process.stderr.write('web/dist is missing: npm run build\n');
  process.exit(2);
}

const t = () => performance.now();
const started = t();
const progress = (msg) => process.stderr.write(`[${Math.round((t() - started) / 1000).toString().padStart(4)} s] ${msg}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// ---- deterministic synthetic events (shapes as src/gateway/access-log.ts and the agent send them) ----
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
/** a few addresses, sites and paths make most of the traffic */
const skewed = (xs) => xs[Math.min(xs.length - 1, Math.floor(xs.length * rnd() * rnd()))];
const CATEGORIES = ['sqli', 'xss', 'rce', 'lfi', 'protocol', 'injection-php', 'rfi', 'reputation-scanner'];
const SITES = ['shop', 'api', 'admin', 'blog'];
const PATHS = ['/', '/login', '/search', '/api/v1/orders', '/api/v1/users', '/admin/config.php', '/wp-login.php', '/static/app.js', '/cart', '/checkout'];
const ATTACKERS = Array.from({ length: 40 }, (_, i) => `203.0.113.${i + 1}`);
const CLIENTS = Array.from({ length: 2000 }, (_, i) => `198.51.${100 + (i >> 8)}.${i & 255}`);
function syntheticEvents(count, end) {
  const out = [];
  const span = 24 * 3_600_000 - 60_000;
  for (let i = 0; i < count; i++) {
    const at = new Date(end - span + Math.floor((i / count) * span)).toISOString();
    const roll = rnd();
    if (roll < 0.9) {
      const site = skewed(SITES);
      const base = { '@timestamp': at, url: { domain: `${site}.example.com`, path: skewed(PATHS) }, user_agent: { original: 'Mozilla/5.0' } };
      if (rnd() >= 0.2) {
        out.push({ ...base, event: { kind: 'event', category: 'web', type: 'access', outcome: 'success', dataset: 'bulwark.gateway' }, source: { ip: skewed(CLIENTS) }, http: { request: { method: 'GET' }, response: { status_code: 200 } }, bulwark: { site, action: 'proxy', blocked: false } });
        continue;
      }
      const limit = rnd() < 0.08;
      const category = limit ? 'rate limit' : skewed(CATEGORIES);
      const blocked = limit || rnd() < 0.85;
      out.push({
        ...base,
        event: { kind: 'alert', category: 'web', type: blocked ? 'denied' : 'access', outcome: blocked ? 'failure' : 'success', dataset: 'bulwark.gateway' },
        source: { ip: skewed(ATTACKERS) },
        http: { request: { method: 'GET' }, response: { status_code: blocked ? (limit ? 429 : 403) : 200 } },
        rule: { id: limit ? 'cc:per-ip' : 'waf:949110', category },
        bulwark: { site, action: blocked ? 'block' : 'proxy', blocked, ...(limit ? {} : { score: 5 + Math.floor(rnd() * 20) }) },
      });
    } else if (roll < 0.97) {
      out.push({ '@timestamp': at, message: 'Failed password for invalid user admin', event: { kind: 'event', category: 'authentication', dataset: 'agent.ssh', outcome: 'failure', provider: 'sshd' }, host: { name: `web-${Math.floor(rnd() * 4)}` }, source: { ip: skewed(ATTACKERS) }, user: { name: 'admin' } });
    } else {
      out.push({ '@timestamp': at, message: 'reverse shell', event: { kind: 'alert', category: 'process', dataset: 'agent.process', severity: 73 }, host: { name: `web-${Math.floor(rnd() * 4)}` }, process: { name: 'bash', pid: 1000 + Math.floor(rnd() * 30000) }, rule: { id: 'BWK-PROC-001', name: 'Reverse shell', category: 'process' } });
    }
  }
  return out;
}

const dataDir = mkdtempSync(join(tmpdir(), 'bw-bench-dashboard-'));
let server;
let browser;
try {
  progress(`starting a server in ${dataDir} (load average ${loadavg()})…`);
  server = await startServer(Object.freeze({ dataDir, listen: '127.0.0.1:0', logLevel: 'silent', shutdownTimeout: 5 }), { logger: createLogger({ level: 'silent' }) });
  const accounts = {};
  for (const [name, count] of [['large', N], ['small', SMALL]]) {
    const created = await initAccount(server.platform, { additional: name !== 'large' });
    const ctx = { db: server.platform.storage.db(), caller: systemCaller(created.accountId, 'bench'), clock: server.platform.clock, sealer: server.platform.sealer, invalidate: () => undefined };
    await createUser(ctx, { UserName: 'viewer' });
    await createLoginProfile(ctx, { UserName: 'viewer', Password: PASSWORD });
    await attachPolicy(ctx, 'User', { PolicyType: 'System', PolicyName: 'AdministratorAccess', PrincipalName: 'viewer' });
    const docs = syntheticEvents(count, Date.now());
    const t0 = t();
    for (let i = 0; i < docs.length; i += 5000) {
      const r = await server.app.events.ingest.ingest(docs.slice(i, i + 5000), { 'cloud.account.id': created.accountId });
      if (r.rejected.length) throw new Error(`rejected: ${JSON.stringify(r.rejected[0])}`);
    }
    progress(`${name}: ${count.toLocaleString('en-US')} events ingested in ${round((t() - t0) / 1000)} s`);
    accounts[name] = { id: created.accountId, key: { accessKeyId: created.accessKeyId, accessKeySecret: created.accessKeySecret } };
  }

  // ---- (a) API -------------------------------------------------------------------------------------
  const call = async (account, path, action, body) => {
    const t0 = t();
    const r = await signedPost(server.url, path, Buffer.from(JSON.stringify(body)), 'application/json', account.key, action);
    const ms = t() - t0;
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
    return { ms, json: r.json };
  };
  const dashboard = (a) => call(a, '/api/dashboard', 'bulwark:GetSecurityDashboard', { from: '-24h' });
  const search = (a) => call(a, '/api/events/search', 'bulwark:SearchEvents', { query: '', from: '-24h', size: 100 });
  const check = (await dashboard(accounts.large)).json.Dashboard.traffic;
  progress(`large dashboard: ${check.requests} requests, ${check.attacks} attacks in ${check.attackTypes.length} classes, top source ${check.topSources[0]?.ip}`);
  await dashboard(accounts.small);
  await search(accounts.large);
  const api = { large: [], small: [], search: [] };
  for (let i = 0; i < RUNS; i++) {
    api.large.push((await dashboard(accounts.large)).ms);
    api.small.push((await dashboard(accounts.small)).ms);
    api.search.push((await search(accounts.large)).ms);
  }
  progress(`API: dashboard ${round(median(api.large))} ms (large), ${round(median(api.small))} ms (small); search ${round(median(api.search))} ms`);

  // ---- (b) browser ---------------------------------------------------------------------------------
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const contexts = {};
  for (const [name, a] of Object.entries(accounts)) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    await context.addInitScript(() => {
      window.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longtasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const signin = await context.request.post(`${server.url}/console/api/session`, { data: { account: a.id, userName: 'viewer', password: PASSWORD } });
    if (!signin.ok()) throw new Error(`sign-in failed: ${signin.status()} ${await signin.text()}`);
    contexts[name] = context;
  }
  const load = async (name) => {
    const page = await contexts[name].newPage();
    try {
      await page.goto(`${server.url}/console/security/dashboard?from=-24h`, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const charts = [...document.querySelectorAll('[data-chart]')];
        return charts.length >= 5 && charts.every((c) => c.getAttribute('data-rendered') === 'true');
      }, undefined, { polling: 'raf', timeout: 60_000 });
      return await page.evaluate(() => ({ ms: performance.now(), longest: Math.max(0, ...window.__longtasks), charts: document.querySelectorAll('[data-chart]').length, attacks: document.querySelector('[data-testid="tile-attacks"]')?.textContent ?? '' }));
    } finally {
      await page.close();
    }
  };
  const warm = await load('large');
  await load('small');
  progress(`browser: ${warm.charts} charts drawn (tile "${warm.attacks}")`);
  const ui = { large: [], small: [] };
  for (let i = 0; i < RUNS; i++) {
    ui.large.push(await load('large'));
    ui.small.push(await load('small'));
  }
  const renderLarge = median(ui.large.map((r) => r.ms));
  const renderSmall = median(ui.small.map((r) => r.ms));
  const taskLarge = Math.max(...ui.large.map((r) => r.longest));
  const taskSmall = Math.max(...ui.small.map((r) => r.longest));

  const rows = [
    ['dashboard API, large account (POST /api/dashboard)', `${round(median(api.large))} ms`],
    [`dashboard API, small account (${SMALL} events) — baseline`, `${round(median(api.small))} ms`],
    ['events search API, large account (first 100) — baseline', `${round(median(api.search))} ms`],
    ['page: navigation → every chart drawn, large', `${round(renderLarge)} ms`],
    ['page: navigation → every chart drawn, small — baseline', `${round(renderSmall)} ms`],
    ['longest main-thread task, large (max of runs)', `${round(taskLarge)} ms`],
    ['longest main-thread task, small (max of runs)', `${round(taskSmall)} ms`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`\nbench/dashboard — ${N.toLocaleString('en-US')} events (large) vs ${SMALL} (small), range 24 h, median of ${RUNS} runs, load average ${loadavg()}\n\n`);
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v.padStart(10)}\n`);
  process.stdout.write(`\n  dashboard API large / small: ${round(median(api.large) / median(api.small), 2)}×, large / raw search: ${round(median(api.large) / median(api.search), 2)}×; page large / small: ${round(renderLarge / renderSmall, 2)}×\n\n`);
  process.stdout.write(`${JSON.stringify({
    bench: 'dashboard',
    events: N,
    runs: RUNS,
    api_ms: round(median(api.large)),
    api_small_ms: round(median(api.small)),
    search_ms: round(median(api.search)),
    api_vs_small: round(median(api.large) / median(api.small), 2),
    api_vs_search: round(median(api.large) / median(api.search), 2),
    render_ms: round(renderLarge),
    render_small_ms: round(renderSmall),
    render_vs_small: round(renderLarge / renderSmall, 2),
    longest_task_ms: round(taskLarge),
    longest_task_small_ms: round(taskSmall),
    charts: warm.charts,
  })}\n`);
} finally {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
