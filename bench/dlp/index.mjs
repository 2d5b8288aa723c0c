#!/usr/bin/env node
// bench/dlp: throughput of the DLP masking core and its cost through the gateway.
//
// 1. Masking core on a 10 MB realistic HTML document (a few values per 100 KB): MB/s of the DLP
//    Transform vs a plain pass-through Transform, piped the same way in the same run; the bare
//    scanner; an adversarial 10 MB input (worst cases of every detector) to show linear time.
// 2. Compression: gzip and br bodies decoded, scanned and re-encoded vs the same decode/re-encode
//    without scanning (the price of inspecting compressed responses).
// 3. Gateway: requests/s for a 100 KB HTML page with a few matches through `startGateway` with the
//    DLP plugin vs without it (origin + gateway in a child process, autocannon here), two
//    interleaved rounds, plus CPU milliseconds per request (gateway process and load generator).
//
// Usage: npm run bench -- dlp [--seconds N]   (last line: one JSON object)
//        BULWARK_BASELINE_DIST=/path/to/old/dist npm run bench -- dlp   adds the scanner of an earlier
//        build, side by side in this process (CPU per 100 KB page).
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { PassThrough, Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zc, createBrotliCompress, createBrotliDecompress, createGunzip, createGzip, gzipSync } from 'node:zlib';
import { adversarial, realisticHtml } from './document.mjs';

const dist = new URL('../../dist/', import.meta.url);
const { createDlpStream } = await import(new URL('gateway/dlp/stream.js', dist).href);
const { DlpScanner } = await import(new URL('gateway/dlp/scanner.js', dist).href);
const { compileDlpPolicy } = await import(new URL('gateway/dlp/policy.js', dist).href);
const { dlpConfig } = await import(new URL('gateway/dlp/config.js', dist).href);

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 0) || 5;

// ---------------------------------------------------------------------------------------------
// Child: origin + gateway (DLP on or off), prints its URL, runs until killed.
if (args[0] === '--serve') {
  const { startGateway } = await import(new URL('gateway/gateway.js', dist).href);
  const { gatewayConfig } = await import(new URL('config/gateway.js', dist).href);
  const page = realisticHtml(100 * 1024, 5, 42).buffer;
  const origin = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page));
  await new Promise((r) => origin.listen(0, '127.0.0.1', r));
  const cfg = gatewayConfig.parse({
    listen: [{ address: '127.0.0.1:0' }],
    accessLog: { stdout: false },
    logLevel: 'silent',
    // DLP is built into the gateway: a site with a `dlp` block is inspected, one without is not.
    sites: [{ name: 'bench', upstreams: [`http://127.0.0.1:${origin.address().port}`], ...(args[1] === 'on' ? { dlp: {} } : {}) }],
  });
  const quiet = { active: false, write() {}, async flush() {}, async close() {} };
  const gw = await startGateway(cfg, { accessLog: quiet });
  process.send?.({ url: gw.urls[0], bytes: page.length });
  // CPU time of this process (origin + gateway) on request, for CPU per request.
  process.on('message', (m) => {
    if (m !== 'cpu') return;
    const c = process.cpuUsage();
    process.send?.({ cpuMs: (c.user + c.system) / 1000 });
  });
  process.on('SIGTERM', () => gw.stop().then(() => process.exit(0)));
  await new Promise(() => {});
}

// ---------------------------------------------------------------------------------------------
const MB = 1024 * 1024;
const policy = compileDlpPolicy(dlpConfig.parse({}));

function chunksOf(buf, size = 16 * 1024) {
  return Readable.from((function* () {
    for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
  })(), { objectMode: false });
}

const sink = () => new Writable({ write(_c, _e, cb) { cb(); } });

/** Best of `runs` timings of `fn`, as MB/s of `bytes`. */
async function mbps(bytes, fn, runs = 3) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return bytes / MB / best;
}

const html = realisticHtml(10 * MB, 5, 1).buffer;
const adv = adversarial(10 * MB);

const passThrough = await mbps(html.length, () => pipeline(chunksOf(html), new Transform({ transform(c, _e, cb) { cb(null, c); } }), sink()));
const dlpStream = await mbps(html.length, () => pipeline(chunksOf(html), createDlpStream(policy, { contentType: 'text/html; charset=utf-8' }), sink()));
const scanOnly = async (doc) => {
  const s = new DlpScanner(policy, {});
  for (let i = 0; i < doc.length; i += 16 * 1024) s.write(doc.subarray(i, i + 16 * 1024));
  s.end();
};
const scanner = await mbps(html.length, () => scanOnly(html));
const adversarialScanner = await mbps(adv.length, () => scanOnly(adv));

// Optional "before" build (BULWARK_BASELINE_DIST=DIR, a dist/ of an earlier commit): both scanners
// on the 100 KB gateway page in this process, alternating, CPU µs per page (best of 40 rounds).
let sideBySide;
if (process.env.BULWARK_BASELINE_DIST) {
  const base = new URL(`file://${process.env.BULWARK_BASELINE_DIST.replace(/\/?$/, '/')}`);
  const old = {
    Scanner: (await import(new URL('gateway/dlp/scanner.js', base).href)).DlpScanner,
    policy: (await import(new URL('gateway/dlp/policy.js', base).href)).compileDlpPolicy((await import(new URL('gateway/dlp/config.js', base).href)).dlpConfig.parse({})),
  };
  const page = realisticHtml(100 * 1024, 5, 42).buffer;
  const once = (Scanner, p) => {
    const s = new Scanner(p, {});
    for (let i = 0; i < page.length; i += 16 * 1024) s.write(page.subarray(i, i + 16 * 1024));
    s.end();
  };
  const best = { before: Infinity, after: Infinity };
  for (let r = 0; r < 40; r++) {
    for (const [k, S, p] of [['before', old.Scanner, old.policy], ['after', DlpScanner, policy]]) {
      const c0 = process.cpuUsage();
      for (let q = 0; q < 10; q++) once(S, p);
      const c = process.cpuUsage(c0);
      best[k] = Math.min(best[k], (c.user + c.system) / 10);
    }
  }
  sideBySide = best;
}

const gz = gzipSync(html);
const br = brotliCompressSync(html, { params: { [zc.BROTLI_PARAM_QUALITY]: 5 } });
const gzipBaseline = await mbps(html.length, () => pipeline(chunksOf(gz), createGunzip(), new PassThrough(), createGzip({ level: 6, flush: zc.Z_SYNC_FLUSH }), sink()), 2);
const gzipDlp = await mbps(html.length, () => pipeline(chunksOf(gz), createDlpStream(policy, { contentType: 'text/html', contentEncoding: 'gzip' }), sink()), 2);
const brBaseline = await mbps(
  html.length,
  () => pipeline(chunksOf(br), createBrotliDecompress(), new PassThrough(), createBrotliCompress({ flush: zc.BROTLI_OPERATION_FLUSH, params: { [zc.BROTLI_PARAM_QUALITY]: 5 } }), sink()),
  2,
);
const brDlp = await mbps(html.length, () => pipeline(chunksOf(br), createDlpStream(policy, { contentType: 'text/html', contentEncoding: 'br' }), sink()), 2);

// ---------------------------------------------------------------------------------------------
async function gatewayRps(mode) {
  const { default: autocannon } = await import('autocannon');
  const child = fork(fileURLToPath(import.meta.url), ['--serve', mode], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { url } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`gateway child exited with ${code}`)));
  });
  const childCpu = () => new Promise((resolve) => {
    child.once('message', (m) => resolve(m.cpuMs));
    child.send('cpu');
  });
  try {
    await autocannon({ url, connections: 10, duration: 2 }); // warm-up
    const c0 = await childCpu();
    const p0 = process.cpuUsage();
    const r = await autocannon({ url, connections: 10, duration: seconds });
    const p = process.cpuUsage(p0);
    const c1 = await childCpu();
    const n = Math.max(1, r.requests.total);
    // CPU per request: the gateway process (with its origin) and the load generator.
    return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, serverMs: (c1 - c0) / n, clientMs: (p.user + p.system) / 1000 / n };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

// Two interleaved rounds (off, on, off, on) so that load drifting on a shared machine hits both.
const mean = (xs, k) => xs.reduce((a, x) => a + x[k], 0) / xs.length;
let gateway = { off: undefined, on: undefined, error: undefined };
try {
  const runs = { off: [], on: [] };
  for (let pass = 0; pass < 2; pass++) for (const mode of ['off', 'on']) runs[mode].push(await gatewayRps(mode));
  for (const mode of ['off', 'on']) {
    const rs = runs[mode];
    gateway[mode] = { rps: mean(rs, 'rps'), p99: Math.max(...rs.map((r) => r.p99)), errors: rs.reduce((a, r) => a + r.errors, 0), serverMs: mean(rs, 'serverMs'), clientMs: mean(rs, 'clientMs') };
  }
} catch (e) {
  gateway.error = String(e?.message ?? e);
}
// On a CPU-bound machine req/s go as 1 / (CPU per request of server + load generator): the ratio
// of those is the rps ratio without the noise of other jobs stealing time.
const cpuRatio = gateway.on && gateway.off ? (gateway.off.serverMs + gateway.off.clientMs) / (gateway.on.serverMs + gateway.on.clientMs) : undefined;

const rows = [
  ['pass-through Transform (baseline)', `${passThrough.toFixed(0)} MB/s`],
  ['DLP Transform, identity, 10 MB HTML', `${dlpStream.toFixed(1)} MB/s`],
  ['DLP scanner core (no stream)', `${scanner.toFixed(1)} MB/s`],
  ['DLP scanner, adversarial 10 MB', `${adversarialScanner.toFixed(1)} MB/s`],
  ['gunzip → gzip (baseline)', `${gzipBaseline.toFixed(1)} MB/s`],
  ['DLP gzip (decode → scan → encode)', `${gzipDlp.toFixed(1)} MB/s`],
  ['brotli q5 decode → encode (baseline)', `${brBaseline.toFixed(1)} MB/s`],
  ['DLP br (decode → scan → encode)', `${brDlp.toFixed(1)} MB/s`],
  ['gateway 100 KB page, DLP off', gateway.off ? `${gateway.off.rps.toFixed(0)} req/s (p99 ${gateway.off.p99} ms), CPU/req ${gateway.off.serverMs.toFixed(3)} ms gateway + ${gateway.off.clientMs.toFixed(3)} ms client` : `n/a: ${gateway.error}`],
  ['gateway 100 KB page, DLP on', gateway.on ? `${gateway.on.rps.toFixed(0)} req/s (p99 ${gateway.on.p99} ms), CPU/req ${gateway.on.serverMs.toFixed(3)} ms gateway + ${gateway.on.clientMs.toFixed(3)} ms client` : `n/a: ${gateway.error}`],
  ...(sideBySide ? [['scanner CPU per 100 KB page, before / this build', `${sideBySide.before.toFixed(0)} / ${sideBySide.after.toFixed(0)} µs (${(sideBySide.before / sideBySide.after).toFixed(2)}× faster)`]] : []),
  ['gateway DLP on / off', gateway.on && gateway.off ? `${(gateway.on.rps / gateway.off.rps).toFixed(3)} (req/s), ${cpuRatio.toFixed(3)} (CPU per request)` : 'n/a'],
];
const width = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);

const round = (x, d = 2) => (x === undefined ? null : Number(x.toFixed(d)));
console.log(
  JSON.stringify({
    bench: 'dlp',
    document_mb: round(html.length / MB, 1),
    passthrough_mbps: round(passThrough, 0),
    dlp_stream_mbps: round(dlpStream, 1),
    dlp_scanner_mbps: round(scanner, 1),
    dlp_adversarial_mbps: round(adversarialScanner, 1),
    dlp_vs_passthrough: round(dlpStream / passThrough, 4),
    gzip_baseline_mbps: round(gzipBaseline, 1),
    gzip_dlp_mbps: round(gzipDlp, 1),
    gzip_dlp_vs_baseline: round(gzipDlp / gzipBaseline, 3),
    br_baseline_mbps: round(brBaseline, 1),
    br_dlp_mbps: round(brDlp, 1),
    br_dlp_vs_baseline: round(brDlp / brBaseline, 3),
    gateway_rps_dlp_off: round(gateway.off?.rps, 0),
    gateway_rps_dlp_on: round(gateway.on?.rps, 0),
    gateway_dlp_on_vs_off: gateway.on && gateway.off ? round(gateway.on.rps / gateway.off.rps, 3) : null,
    gateway_cpu_ms_per_req_off: round(gateway.off && gateway.off.serverMs + gateway.off.clientMs, 3),
    gateway_cpu_ms_per_req_on: round(gateway.on && gateway.on.serverMs + gateway.on.clientMs, 3),
    gateway_dlp_on_vs_off_cpu: round(cpuRatio, 3),
    gateway_errors: gateway.on && gateway.off ? gateway.on.errors + gateway.off.errors : null,
    scanner_us_per_page_before: sideBySide ? round(sideBySide.before, 0) : null,
    scanner_us_per_page_after: sideBySide ? round(sideBySide.after, 0) : null,
  }),
);
