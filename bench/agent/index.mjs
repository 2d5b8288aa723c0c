#!/usr/bin/env node
// bench/agent: one offline host scan, Bulwark against Lynis, on this machine.
//
// Baseline: `lynis audit system --quick` (apt-get install lynis) — a shell-script host audit.
// Bulwark: `node dist/cli/main.js agent scan --once --format json`
//   a) built-in policies + asset inventory (what the agent does by default),
//   b) Wazuh's CIS Debian 12 policy (207 checks, ~60 distinct commands) with --policy, when
//      ../shared/corpora/wazuh-sca is present.
// Wall time and peak RSS come from GNU time (`%e`, `%M`: the largest resident set of the process or
// of any child it waited for). Each Bulwark variant runs --runs times (median wall, max RSS).
// Targets (the default scan, a): Bulwark ≥ 10× faster than Lynis, ≤ 100 MB peak RSS; b) is reported beside.
//
// Usage: npm run bench -- agent [--runs N]   (last line: one JSON object)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const corpus = fileURLToPath(new URL('../../../shared/corpora/wazuh-sca/cis_debian12.yml', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bw-bench-agent-'));

if (!existsSync('/usr/bin/time')) {
  process.stderr.write('bench/agent needs GNU time (/usr/bin/time): apt-get install time\n');
  process.exit(2);
}
const lynis = ['/usr/sbin/lynis', '/usr/bin/lynis', '/usr/local/bin/lynis'].find(existsSync);

/** Runs a command under GNU time; returns wall seconds, peak RSS in MB and the exit status. */
function timed(argv) {
  const out = join(work, 'time.txt');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', out, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const [wall, rssKb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, rssMb: rssKb / 1024, status: r.status, stdout: r.stdout.toString('utf8') };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs a Bulwark scan `runs` times; checks the JSON report and returns the figures. */
function bulwark(label, extra) {
  const samples = [];
  let summary;
  for (let i = 0; i < runs; i++) {
    const r = timed([process.execPath, cli, 'agent', 'scan', '--once', '--format', 'json', ...extra]);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${label}: exit ${r.status}`);
    summary = JSON.parse(r.stdout).summary;
    samples.push(r);
  }
  return { label, wall: median(samples.map((s) => s.wall)), rssMb: Math.max(...samples.map((s) => s.rssMb)), summary };
}

const rows = [];
process.stderr.write(`bulwark: built-in policies + inventory, ${runs} runs…\n`);
const builtin = bulwark('bulwark agent scan --once (built-in + inventory)', []);
rows.push(builtin);
let cis;
if (existsSync(corpus)) {
  process.stderr.write(`bulwark: Wazuh CIS Debian 12 policy, ${runs} runs…\n`);
  cis = bulwark('bulwark agent scan --once --policy cis_debian12.yml', ['--policy', corpus, '--no-inventory']);
  rows.push(cis);
} else process.stderr.write('[agent] ../shared/corpora/wazuh-sca is absent: skipping the CIS Debian 12 run\n');

let baseline;
if (lynis) {
  process.stderr.write('lynis audit system --quick (one run)…\n');
  const r = timed([lynis, 'audit', 'system', '--quick', '--no-colors', '--logfile', join(work, 'lynis.log'), '--report-file', join(work, 'lynis-report.dat')]);
  if (r.status !== 0) process.stderr.write(`lynis exited ${r.status}\n`);
  const tests = (readFileSync(join(work, 'lynis.log'), 'utf8').match(/Performing test ID/g) ?? []).length;
  baseline = { label: 'lynis audit system --quick', wall: r.wall, rssMb: r.rssMb, summary: { tests } };
  rows.push(baseline);
} else process.stderr.write('lynis is not installed (apt-get install lynis): no baseline\n');
rmSync(work, { recursive: true, force: true });

const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('run', 58)}${pad('wall s', 10)}${pad('peak RSS MB', 14)}checks`);
for (const r of rows) {
  const checks = r.summary.tests !== undefined ? `${r.summary.tests} tests` : `${r.summary.total} (pass ${r.summary.passed}, fail ${r.summary.failed}, n/a ${r.summary.notApplicable})`;
  console.log(`${pad(r.label, 58)}${pad(r.wall.toFixed(2), 10)}${pad(r.rssMb.toFixed(1), 14)}${checks}`);
}
const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const result = {
  bench: 'agent',
  runs,
  bulwark_wall_s: builtin.wall,
  bulwark_peak_rss_mb: round(builtin.rssMb, 1),
  ...(cis ? { bulwark_cis_wall_s: cis.wall, bulwark_cis_peak_rss_mb: round(cis.rssMb, 1) } : {}),
  ...(baseline
    ? {
        lynis_wall_s: baseline.wall,
        lynis_peak_rss_mb: round(baseline.rssMb, 1),
        vs_lynis: round(baseline.wall / builtin.wall, 1),
        ...(cis ? { cis_vs_lynis: round(baseline.wall / cis.wall, 1) } : {}),
      }
    : {}),
  target_10x: baseline ? baseline.wall / builtin.wall >= 10 : null,
  target_rss_100mb: builtin.rssMb <= 100,
  ...(cis ? { cis_rss_100mb: cis.rssMb <= 100 } : {}),
};
console.log(JSON.stringify(result));
