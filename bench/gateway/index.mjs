#!/usr/bin/env node
/* global fetch */
// Gateway throughput, side by side: wrk against (1) an nginx static origin directly, (2) nginx as a
// plain reverse proxy in front of it, (3) the Bulwark gateway (WAF off) in front of it. Same origin,
// same wrk settings, CPU-pinned with taskset so the load generator and the proxy never share a core.
// Prints a table and, as the last line, one JSON object with the figures and the Bulwark/nginx ratio.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aclBench } from './acl.mjs';
import { CORE_ORIGIN, CORE_PROXY, CORE_WRK, cpuTicks, freePort, listeningUrl, startPinned, stopPinned, toMs, writeNginxConf } from '../lib/proc.mjs';

const cores = cpus().length;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built gateway to measure (BULWARK_DIST=DIR compares another build, e.g. before/after a change). */
const DIST = process.env.BULWARK_DIST ?? join(ROOT, 'dist');
/** Optional second build measured in the same run (a "before" row): BULWARK_BASELINE_DIST=DIR. */
const BASELINE_DIST = process.env.BULWARK_BASELINE_DIST;
const DURATION = process.env.BENCH_DURATION ?? '8s';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
/** Rounds over all targets, each in a rotated order (a busy spell then hits every target); figures are per-target medians. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));

function need(bin) {
  if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) {
    process.stderr.write(`bench/gateway needs ${bin}: apt-get install -y wrk nginx\n`);
    process.exit(1);
  }
}
need('wrk');
need('nginx');
need('taskset');



const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-gw-'));
chmodSync(dir, 0o755);
const html = `<!doctype html><html><head><title>bench</title></head><body>${'<p>Bulwark gateway benchmark page.</p>'.repeat(20)}</body></html>\n`;
writeFileSync(join(dir, 'index.html'), html);

const nginxConf = (name, server) => writeNginxConf(dir, name, { server });

const start = startPinned;

async function waitHttp(url, tries = 100) {
  for (let i = 0; i < tries; i++) {
    try {
      const r = await fetch(url);
      await r.text();
      if (r.status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}


/** utime+stime (clock ticks) of a process and its children: CPU spent, robust on a busy shared machine. */
const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);

function wrk(url, pid) {
  const before = cpuTicks(pid);
  const out = execFileSync('taskset', ['-c', CORE_WRK, 'wrk', `-t${THREADS}`, `-c${CONNECTIONS}`, `-d${DURATION}`, '--latency', url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = toMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? '');
  const p99 = toMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? '');
  const errors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1];
  const socketErrors = /Socket errors: (.*)/.exec(out)?.[1];
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const cpuUsPerReq = total > 0 ? ((cpuTicks(pid) - before) * TICK_US) / total : NaN;
  return { cpu_us: Number(cpuUsPerReq.toFixed(1)), rps: Math.round(rps), p50_ms: Number(p50.toFixed(3)), p99_ms: Number(p99.toFixed(3)), non2xx: Number(errors ?? 0), socketErrors: socketErrors ?? '' };
}

const originPort = await freePort();
const nginxProxyPort = await freePort();
const originProc = start(CORE_ORIGIN, 'nginx', ['-p', dir, '-c', nginxConf('origin', `server { listen 127.0.0.1:${originPort}; root ${dir}; location / { try_files $uri /index.html; } }`), '-g', 'daemon off;']);
const nginxProc = start(CORE_PROXY, 'nginx', [
  '-p', dir, '-c',
  nginxConf('proxy', `upstream origin { server 127.0.0.1:${originPort}; keepalive 64; }
  server { listen 127.0.0.1:${nginxProxyPort};
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_set_header X-Real-IP $remote_addr; } }`),
  '-g', 'daemon off;',
]);

const floorPort = await freePort();
const floorProc = start(CORE_PROXY, process.execPath, [join(ROOT, 'bench/gateway/node-floor.mjs'), `http://127.0.0.1:${originPort}`, String(floorPort)]);

const gwConfig = join(dir, 'gateway.yaml');
writeFileSync(
  gwConfig,
  `workers: 1
listen:
  - address: 127.0.0.1:0
accessLog: { stdout: false }
logLevel: warn
sites:
  - name: bench
    upstreams: ["http://127.0.0.1:${originPort}"]
    waf: { mode: off }
`,
);
const gw = start(CORE_PROXY, process.execPath, [join(DIST, 'cli/main.js'), 'gateway', '--config', gwConfig]);
const gwUrl = await listeningUrl(gw, 30_000);

const baseline = BASELINE_DIST ? start(CORE_PROXY, process.execPath, [join(BASELINE_DIST, 'cli/main.js'), 'gateway', '--config', gwConfig]) : undefined;
const baselineUrl = baseline ? await listeningUrl(baseline, 30_000) : undefined;

const targets = {
  origin: `http://127.0.0.1:${originPort}/`,
  nginx: `http://127.0.0.1:${nginxProxyPort}/`,
  bulwark: `${gwUrl}/`,
  floor: `http://127.0.0.1:${floorPort}/`,
  ...(baselineUrl ? { baseline: `${baselineUrl}/` } : {}),
};
for (const url of Object.values(targets)) await waitHttp(url);
// Warm-up (JIT, keep-alive pools), then the measured runs.
execFileSync('taskset', ['-c', CORE_WRK, 'wrk', '-t1', `-c${CONNECTIONS}`, '-d2s', targets.bulwark], { stdio: 'ignore' });
execFileSync('taskset', ['-c', CORE_WRK, 'wrk', '-t1', `-c${CONNECTIONS}`, '-d1s', targets.nginx], { stdio: 'ignore' });
execFileSync('taskset', ['-c', CORE_WRK, 'wrk', '-t1', `-c${CONNECTIONS}`, '-d1s', targets.floor], { stdio: 'ignore' });
if (targets.baseline) execFileSync('taskset', ['-c', CORE_WRK, 'wrk', '-t1', `-c${CONNECTIONS}`, '-d2s', targets.baseline], { stdio: 'ignore' });

/** Median of each numeric figure over the rounds (mean of the middle two for an even count). */
function median(runs) {
  const out = { ...runs[0] };
  for (const key of Object.keys(out)) {
    if (typeof out[key] !== 'number') continue;
    const v = runs.map((r) => r[key]).sort((a, b) => a - b);
    const m = v.length / 2;
    out[key] = Number((v.length % 2 ? v[Math.floor(m)] : (v[m - 1] + v[m]) / 2).toFixed(3));
  }
  return out;
}

const pids = { origin: originProc.pid, nginx: nginxProc.pid, bulwark: gw.pid, floor: floorProc.pid, baseline: baseline?.pid };
const runs = {};
const names = Object.keys(targets);
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length];
    (runs[name] ??= []).push(wrk(targets[name], pids[name]));
  }
}
const results = {};
for (const name of names) results[name] = median(runs[name]);

const ratio = results.bulwark.rps / results.nginx.rps;
console.log(`gateway bench: wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}${ROUNDS > 1 ? ` × ${ROUNDS} rounds (medians)` : ''}, ${html.length} B static page; cores: wrk ${CORE_WRK}, proxy ${CORE_PROXY}, origin ${CORE_ORIGIN} (of ${cores})`);
console.log('target                     rps     p50 ms   p99 ms  CPU µs/req  non-2xx');
for (const [name, r] of Object.entries(results)) {
  const label = { origin: 'nginx origin (direct)', nginx: 'nginx reverse proxy', bulwark: 'bulwark gateway (WAF off)', floor: 'bare node+undici proxy', baseline: 'bulwark baseline build' }[name];
  console.log(`${label.padEnd(26)} ${String(r.rps).padStart(7)} ${r.p50_ms.toFixed(2).padStart(9)} ${r.p99_ms.toFixed(2).padStart(8)} ${String(r.cpu_us).padStart(11)} ${String(r.non2xx).padStart(8)}${r.socketErrors ? `  socket errors: ${r.socketErrors}` : ''}`);
}
const cpuRatio = results.nginx.cpu_us / results.bulwark.cpu_us;
console.log(`ratio bulwark/nginx: rps ${ratio.toFixed(2)} (target >= 0.6); CPU efficiency (nginx µs/req ÷ bulwark µs/req) ${cpuRatio.toFixed(2)}`);
console.log(`bulwark vs a bare node+undici proxy (the Node.js floor): CPU ${(results.floor.cpu_us / results.bulwark.cpu_us).toFixed(2)}, rps ${(results.bulwark.rps / results.floor.rps).toFixed(2)}`);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
if (Number(load) > cores) console.log(`note: load average ${load} on ${cores} cores — the machine is busy, rps figures are noisy; CPU µs/req is the steadier measure`);
stopPinned();

const acl = aclBench();
console.log(`\nIP access list lookup (ns): trie 1k entries ${acl.acl_1k_ns}, trie 100k entries ${acl.acl_100k_ns}, linear scan 100k ${acl.acl_linear_100k_ns} (x${(acl.acl_linear_100k_ns / acl.acl_100k_ns).toFixed(0)})`);
console.log(
  JSON.stringify({
    bench: 'gateway',
    origin_rps: results.origin.rps,
    nginx_rps: results.nginx.rps,
    bulwark_rps: results.bulwark.rps,
    nginx_p50_ms: results.nginx.p50_ms,
    nginx_p99_ms: results.nginx.p99_ms,
    bulwark_p50_ms: results.bulwark.p50_ms,
    bulwark_p99_ms: results.bulwark.p99_ms,
    nginx_cpu_us_per_req: results.nginx.cpu_us,
    bulwark_cpu_us_per_req: results.bulwark.cpu_us,
    vs_nginx: Number(ratio.toFixed(3)),
    cpu_vs_nginx: Number(cpuRatio.toFixed(3)),
    floor_rps: results.floor.rps,
    floor_cpu_us_per_req: results.floor.cpu_us,
    cpu_vs_node_floor: Number((results.floor.cpu_us / results.bulwark.cpu_us).toFixed(3)),
    load_average: Number(load),
    ...(results.baseline ? { baseline_rps: results.baseline.rps, baseline_cpu_us_per_req: results.baseline.cpu_us, cpu_vs_baseline: Number((results.baseline.cpu_us / results.bulwark.cpu_us).toFixed(3)) } : {}),
    acl_1k_ns: acl.acl_1k_ns,
    acl_100k_ns: acl.acl_100k_ns,
    acl_linear_100k_ns: acl.acl_linear_100k_ns,
    acl_100k_vs_1k: Number((acl.acl_100k_ns / acl.acl_1k_ns).toFixed(2)),
  }),
);
