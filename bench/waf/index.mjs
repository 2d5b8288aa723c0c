#!/usr/bin/env node
// WAF throughput and efficacy, side by side in one run: the Bulwark gateway with its SecLang engine and
// nginx + libmodsecurity3 (Debian's libnginx-mod-http-modsecurity), both running the same OWASP CRS v4
// at paranoia 1 in blocking mode in front of the same nginx origin, same wrk settings, CPU-pinned with
// taskset. Scenarios: benign GET, 1 KB urlencoded POST, 100 KB JSON POST. Then the GoTestWAF cases are
// replayed through both (attacks blocked, benign passed) and the RE2 ReDoS figures for CRS 941160 and
// 942251 are measured. Prints a table and, as its last line, one JSON object.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gotestwafCases } from './gotestwaf.mjs';
import { benchScenarios } from './scenarios.mjs';
import { CORE_ORIGIN, CORE_PROXY, CORE_WRK, cpuTicks, freePort, listeningUrl, startPinned, stopPinned, toMs, writeNginxConf } from '../lib/proc.mjs';

const cores = cpus().length;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built gateway to measure (BULWARK_DIST=DIR compares another build, e.g. before/after a change). */
const DIST = process.env.BULWARK_DIST ?? join(ROOT, 'dist');
const CRS = process.env.BENCH_CRS ?? join(ROOT, '..', 'shared', 'corpora', 'crs');
const GOTESTWAF = join(ROOT, '..', 'shared', 'corpora', 'gotestwaf', 'testcases');
const DURATION = process.env.BENCH_DURATION ?? '8s';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const MODSEC_MODULE = '/usr/lib/nginx/modules/ngx_http_modsecurity_module.so';

for (const bin of ['wrk', 'nginx', 'taskset']) {
  if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) {
    process.stderr.write(`bench/waf needs ${bin}: apt-get install -y wrk nginx libnginx-mod-http-modsecurity\n`);
    process.exit(1);
  }
}
if (!existsSync(MODSEC_MODULE)) {
  process.stderr.write('bench/waf needs libmodsecurity3 for nginx: apt-get install -y libnginx-mod-http-modsecurity\n');
  process.exit(1);
}
if (!existsSync(join(CRS, 'rules'))) {
  process.stderr.write(`bench/waf needs the CRS at ${CRS} (or BENCH_CRS=DIR)\n`);
  process.exit(1);
}



const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-waf-'));
chmodSync(dir, 0o755);

const nginxConf = (name, top, server) => writeNginxConf(dir, name, { top, server, errorLevel: 'error', http: 'client_max_body_size 2m;\n  client_body_buffer_size 256k;' });

// The ModSecurity side gets the same engine settings createWaf() uses (modsecurity.conf-recommended).
writeFileSync(join(dir, 'modsecurity-rules.conf'), `SecRuleEngine On
SecRequestBodyAccess On
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecRequestBodyLimitAction Reject
SecResponseBodyAccess Off
SecAuditEngine Off
SecDebugLogLevel 0
SecRule REQUEST_HEADERS:Content-Type "@rx (?:application(?:/soap\\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQBODY_ERROR "!@eq 0" "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.'"
SecRule MULTIPART_STRICT_ERROR "!@eq 0" "id:200003,phase:2,t:none,log,deny,status:400,msg:'Multipart request body failed strict validation'"
Include ${join(CRS, 'crs-setup.conf.example')}
Include ${join(CRS, 'rules', '*.conf')}
`);

const start = startPinned;

const agent = new Agent({ keepAlive: true, maxSockets: 4 });
function send(base, req) {
  return new Promise((resolve) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers = { ...req.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) };
    let r;
    try {
      r = httpRequest(`${base}${req.path}`, { method: req.method, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
    } catch {
      resolve(-1);
      return;
    }
    const timer = setTimeout(() => { r.destroy(); resolve(-2); }, 10_000);
    r.on('close', () => clearTimeout(timer));
    r.on('error', () => resolve(-1));
    r.end(body);
  });
}

async function waitUp(base) {
  for (let i = 0; i < 300; i++) {
    if ((await send(base, { method: 'GET', path: '/', headers: { 'User-Agent': 'bench', Accept: '*/*' } })) === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not come up`);
}


const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);

function luaScript(name, method, contentType, body) {
  const file = join(dir, `${name}.lua`);
  writeFileSync(file, `wrk.method = "${method}"\nwrk.headers["Content-Type"] = "${contentType}"\nwrk.headers["User-Agent"] = "Mozilla/5.0 (bench)"\nwrk.headers["Accept"] = "*/*"\nwrk.body = [[${body}]]\n`);
  return file;
}

function wrk(url, pid, script, connections = CONNECTIONS) {
  const before = cpuTicks(pid);
  // --timeout: a request slower than wrk's 2 s default would not be counted at all (100 KB JSON under CRS)
  const args = ['-c', CORE_WRK, 'wrk', '-t1', `-c${connections}`, `-d${DURATION}`, '--timeout', '60s', '--latency', ...(script ? ['-s', script] : ['-H', 'User-Agent: Mozilla/5.0 (bench)', '-H', 'Accept: */*']), url];
  const out = execFileSync('taskset', args, { encoding: 'utf8' });
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  return {
    // slow scenarios (100 KB JSON) run at a few requests per second: keep two decimals there
    rps: ((v) => Number(v.toFixed(v < 100 ? 2 : 0)))(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])),
    p99_ms: Number(toMs(/\s99%\s+(\S+)/.exec(out)?.[1]).toFixed(2)),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
    cpu_us: total > 0 ? Number((((cpuTicks(pid) - before) * TICK_US) / total).toFixed(1)) : NaN,
  };
}

const originPort = await freePort();
const modsecPort = await freePort();
start(CORE_ORIGIN, 'nginx', ['-p', dir, '-c', nginxConf('origin', '', `server { listen 127.0.0.1:${originPort}; location / { return 200 "ok\\n"; } }`), '-g', 'daemon off;']);
const modsec = start(CORE_PROXY, 'nginx', ['-p', dir, '-c', nginxConf('modsec', `load_module ${MODSEC_MODULE};`, `
  upstream origin { server 127.0.0.1:${originPort}; keepalive 64; }
  modsecurity on;
  modsecurity_rules_file ${join(dir, 'modsecurity-rules.conf')};
  server { listen 127.0.0.1:${modsecPort};
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; } }`), '-g', 'daemon off;']);

const gwConfig = join(dir, 'gateway.yaml');
writeFileSync(gwConfig, `workers: 1
listen:
  - address: 127.0.0.1:0
accessLog: { stdout: false }
logLevel: warn
sites:
  - name: bench
    upstreams: ["http://127.0.0.1:${originPort}"]
    waf: { mode: block, crsDir: ${JSON.stringify(CRS)}, paranoia: 1 }
`);
const gw = start(CORE_PROXY, process.execPath, [join(DIST, 'cli/main.js'), 'gateway', '--config', gwConfig]);
const gwUrl = await listeningUrl(gw, 120_000);
const targets = { modsec: `http://127.0.0.1:${modsecPort}`, bulwark: gwUrl };
for (const base of Object.values(targets)) await waitUp(base);

const requests = benchScenarios();
const scenarios = {
  get: { path: requests.get.path, script: undefined },
  post_form_1k: { path: requests.post_form_1k.path, script: luaScript('form', 'POST', 'application/x-www-form-urlencoded', requests.post_form_1k.body) },
  // few connections: each request takes a large part of a second on either side, a queue of 32 would only add latency
  post_json_100k: { path: requests.post_json_100k.path, script: luaScript('json', 'POST', 'application/json', requests.post_json_100k.body), connections: 2 },
};
// GoTestWAF first, while both servers are idle (a saturated server would time the replay out).
// GoTestWAF replay (time-boxed per target: BENCH_GOTESTWAF_SECONDS, default 120).
const BUDGET_MS = Number(process.env.BENCH_GOTESTWAF_SECONDS ?? 120) * 1000;
const efficacy = {};
let skipped = 0;
if (existsSync(GOTESTWAF)) {
  const expanded = gotestwafCases(GOTESTWAF);
  skipped = expanded.skipped;
  for (const [name, base] of Object.entries(targets)) {
    let attacks = 0, blocked = 0, benign = 0, passed = 0, errors = 0, timeouts = 0;
    const started = Date.now();
    for (const c of expanded.cases) {
      if (Date.now() - started > BUDGET_MS) break;
      const status = await send(base, c.request);
      if (status === -2) timeouts++;
      if (status < 0) { errors++; continue; }
      const isBlocked = status === 403 || status === 400;
      if (c.attack) { attacks++; if (isBlocked) blocked++; } else { benign++; if (!isBlocked) passed++; }
    }
    efficacy[name] = { attacks, blocked, benign, passed, errors, timeouts, blocked_pct: Number(((100 * blocked) / Math.max(1, attacks)).toFixed(1)), passed_pct: Number(((100 * passed) / Math.max(1, benign)).toFixed(1)) };
  }
}
const pids = { modsec: modsec.pid, bulwark: gw.pid };
// Warm-up (JIT, keep-alive pools).
for (const base of Object.values(targets)) execFileSync('taskset', ['-c', CORE_WRK, 'wrk', '-t1', `-c${CONNECTIONS}`, '-d2s', `${base}/`], { stdio: 'ignore' });
const results = {};
for (const [scenario, s] of Object.entries(scenarios)) {
  results[scenario] = {};
  for (const [name, base] of Object.entries(targets)) results[scenario][name] = wrk(`${base}${s.path}`, pids[name], s.script, s.connections);
}

console.log(`WAF bench: wrk -t1 -c${CONNECTIONS} (100 KB JSON: -c2) -d${DURATION} --timeout 60s; CRS ${CRS} at PL1, blocking; cores: wrk ${CORE_WRK}, WAF ${CORE_PROXY}, origin ${CORE_ORIGIN} (of ${cores})`);
console.log('scenario          target                        rps   p99 ms  CPU µs/req  non-2xx');
const ratios = {};
const cpuRatios = {};
for (const [scenario, r] of Object.entries(results)) {
  for (const [name, m] of Object.entries(r)) {
    const label = name === 'modsec' ? 'nginx + libmodsecurity3' : 'bulwark gateway';
    console.log(`${scenario.padEnd(17)} ${label.padEnd(26)} ${String(m.rps).padStart(7)} ${m.p99_ms.toFixed(2).padStart(8)} ${String(m.cpu_us).padStart(11)} ${String(m.non2xx).padStart(8)}`);
  }
  ratios[scenario] = Number((r.bulwark.rps / r.modsec.rps).toFixed(2));
  cpuRatios[scenario] = Number((r.modsec.cpu_us / r.bulwark.cpu_us).toFixed(2));
  console.log(`${''.padEnd(17)} ratio bulwark/modsecurity rps ${ratios[scenario]} (target >= 10); CPU efficiency (modsecurity µs/req ÷ bulwark µs/req) ${cpuRatios[scenario]}`);
}

stopPinned();

// ReDoS: the engine's @rx on the worst cases of CRS 941160 / 942251 (V8's backtracking needs minutes at 1 KB).
const { createWaf } = await import(join(DIST, 'waf/waf.js'));
const engine = await createWaf({ crsDir: CRS, paranoia: 4, mode: 'detect' });
const redos = {};
for (const [id, make] of [[941160, (n) => `<${'!'.repeat(n - 1)}`], [942251, (n) => '!'.repeat(n)]]) {
  const rule = engine.rules.find((r) => r.id === id);
  for (const size of [8192, 65536]) {
    const input = make(size);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) rule.operator.evaluate(`${input}${i}`, {}, false, () => '');
    redos[`rx_${id}_${size / 1024}k_ms`] = Number((Number(process.hrtime.bigint() - t0) / 5e6).toFixed(3));
  }
}

if (Object.keys(efficacy).length > 0) {
  console.log(`\nGoTestWAF (${GOTESTWAF}; ${skipped} RawRequest/GraphQL/gRPC cases skipped)`);
  for (const [name, e] of Object.entries(efficacy)) {
    console.log(`${(name === 'modsec' ? 'nginx + libmodsecurity3' : 'bulwark gateway').padEnd(26)} attacks blocked ${e.blocked}/${e.attacks} (${e.blocked_pct}%)  benign passed ${e.passed}/${e.benign} (${e.passed_pct}%)${e.errors ? `  unanswered ${e.errors} (of which > 10 s: ${e.timeouts})` : ''}`);
  }
}
console.log(`\nReDoS (RE2 @rx, ms per evaluation): ${Object.entries(redos).map(([k, v]) => `${k}=${v}`).join('  ')}`);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
if (Number(load) > cores) console.log(`note: load average ${load} on ${cores} cores — the machine is busy, rps figures are noisy; CPU µs/req is the steadier measure`);
console.log(JSON.stringify({
  bench: 'waf',
  baseline: 'nginx+libmodsecurity3',
  ...Object.fromEntries(Object.entries(results).flatMap(([s, r]) => [
    [`${s}_bulwark_rps`, r.bulwark.rps], [`${s}_modsec_rps`, r.modsec.rps],
    [`${s}_bulwark_p99_ms`, r.bulwark.p99_ms], [`${s}_modsec_p99_ms`, r.modsec.p99_ms],
    [`${s}_bulwark_cpu_us`, r.bulwark.cpu_us], [`${s}_modsec_cpu_us`, r.modsec.cpu_us],
    [`${s}_vs_modsec`, ratios[s]], [`${s}_cpu_vs_modsec`, cpuRatios[s]],
  ])),
  ...Object.fromEntries(Object.entries(efficacy).flatMap(([n, e]) => [[`gotestwaf_${n}_blocked_pct`, e.blocked_pct], [`gotestwaf_${n}_benign_passed_pct`, e.passed_pct]])),
  ...redos,
  load_average: Number(load),
}));
process.exit(0);
