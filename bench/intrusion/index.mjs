#!/usr/bin/env node
// bench/intrusion: the agent's intrusion detectors over synthetic data, each beside a baseline
// measured in the same run on the same files.
//
// 1. SSH: a synthetic auth.log (sshd failures from many sources, logins, other daemons' lines).
//    Baseline: `grep -c 'Failed password'` — only finding the failure lines, no parsing or state.
//    Bulwark: parse every line, count attempts per connection, three leaky-bucket scenarios,
//    success-after-failure and new-source checks. Alerts must name every planted attacker.
// 2. Webshells: a web root of realistic PHP/JSP/ASPX files (the benign corpus, copied many times)
//    with the malicious corpus planted once. Baseline: the usual one-liner
//    `grep -rlE 'eval\(|assert\(|base64_decode|system\(|shell_exec|passthru|Runtime.getRuntime'`.
//    Compared: time, and files flagged (planted webshells found, benign files flagged).
// 3. File integrity: baseline of a tree of files. Baseline: `find -type f -exec sha256sum {} +`.
//    Then a check with nothing changed (hashes reused for files whose stat is unchanged).
//
// Usage: npm run bench -- intrusion [--lines N] [--copies N] [--files N]   (last line: one JSON object)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = new URL('../../dist/', import.meta.url);
const { SshDetector } = await import(new URL('agent/intrusion/ssh/ssh-detector.js', dist).href);
const { KnownLogins } = await import(new URL('agent/intrusion/ssh/known-logins.js', dist).href);
const { parseSshConfig } = await import(new URL('agent/intrusion/ssh/ssh-config.js', dist).href);
const { detectSshLog } = await import(new URL('agent/intrusion/ssh/read-log.js', dist).href);
const { loadWebshellRules } = await import(new URL('agent/intrusion/webshell/rule.js', dist).href);
const { DEFAULT_WEBSHELL_RULES_YAML } = await import(new URL('agent/intrusion/webshell/default-rules.js', dist).href);
const { scanWebshells } = await import(new URL('agent/intrusion/webshell/scanner.js', dist).href);
const { takeBaseline, checkBaseline } = await import(new URL('agent/intrusion/fim/fim-offline.js', dist).href);
const { parseFimConfig } = await import(new URL('agent/intrusion/fim/fim-config.js', dist).href);

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LINES = arg('--lines', 300_000);
const COPIES = arg('--copies', 150);
const FILES = arg('--files', 4000);

const work = mkdtempSync(join(tmpdir(), 'bw-bench-intrusion-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const time = async (fn) => {
  const t = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
};
const sh = (cmd, argv) => {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (e) {
    return e.stdout ?? ''; // grep exits 1 when nothing matches
  }
};
const best = async (n, fn) => {
  let out;
  for (let i = 0; i < n; i++) {
    const r = await time(fn);
    if (!out || r.ms < out.ms) out = r;
  }
  return out;
};

// ------------------------------------------------------------------------------------------ SSH
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');
const stamp = (ms) => {
  const d = new Date(ms);
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
const attackers = Array.from({ length: 50 }, (_, i) => `203.0.${113 + (i >> 8)}.${i & 255}`);
const users = ['root', 'admin', 'oracle', 'test', 'ubuntu', 'postgres', 'git', 'pi'];
const lines = [];
let t = new Date(2026, 10, 28, 0, 0, 0).getTime();
for (let i = 0; i < LINES; i++) {
  t += 200;
  const pid = 1000 + (i % 5000);
  const kind = i % 10;
  if (kind < 4) {
    // background scanners: one failure each from many addresses (no alert)
    lines.push(`${stamp(t)} web1 sshd[${pid}]: Failed password for invalid user ${users[i % users.length]} from 198.51.${(i >> 8) & 255}.${i & 255} port ${40000 + (i % 20000)} ssh2`);
  } else if (kind < 6) {
    // attackers in bursts: each 64-line block (about 13 s) belongs to one of them
    const a = attackers[(i >> 6) % attackers.length];
    lines.push(`${stamp(t)} web1 sshd[${pid}]: Failed password for root from ${a} port ${30000 + (i % 30000)} ssh2`);
  } else if (kind === 6) {
    lines.push(`${stamp(t)} web1 sshd[${pid}]: Accepted publickey for deploy from 192.0.2.${i % 4} port ${50000 + (i % 1000)} ssh2: ED25519 SHA256:abc`);
  } else {
    lines.push(`${stamp(t)} web1 CRON[${pid}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`);
  }
}
const authLog = join(work, 'auth.log');
writeFileSync(authLog, `${lines.join('\n')}\n`);
sh('cat', [authLog]); // warm the page cache

const grepSsh = await best(3, () => Number(sh('grep', ['-c', 'Failed password', authLog]).trim()));
const bulwarkSsh = await best(3, async () => {
  const detector = new SshDetector({ config: parseSshConfig({}), knownLogins: await KnownLogins.open(undefined), host: 'bench' });
  const docs = await detectSshLog(authLog, 'syslog', detector);
  return { docs, stats: detector.stats };
});
const flaggedSources = new Set(bulwarkSsh.result.docs.filter((d) => d.rule.id === 'ssh-bruteforce' || d.rule.id === 'ssh-slow-bruteforce').map((d) => d.source.ip));
const flaggedNoise = [...flaggedSources].filter((ip) => ip.startsWith('198.51.')).length;
const missedAttackers = attackers.filter((a) => !flaggedSources.has(a));

// ------------------------------------------------------------------------------------ webshells
const corpus = fileURLToPath(new URL('../../src/agent/intrusion/webshell/test-corpus/', import.meta.url));
const web = join(work, 'www');
for (let c = 0; c < COPIES; c++) cpSync(join(corpus, 'benign'), join(web, `site${c}`), { recursive: true });
cpSync(join(corpus, 'malicious'), join(web, 'uploads'), { recursive: true });
const planted = readdirSync(join(corpus, 'malicious')).length;
const benignFiles = COPIES * readdirSync(join(corpus, 'benign')).length;
sh('grep', ['-rc', 'x', web]); // warm
const NAIVE = 'eval\\(|assert\\(|base64_decode|system\\(|shell_exec|passthru|Runtime.getRuntime';
const grepWeb = await best(3, () => sh('grep', ['-rlE', NAIVE, web]).split('\n').filter(Boolean));
const rules = loadWebshellRules(DEFAULT_WEBSHELL_RULES_YAML, 'built-in');
const bulwarkWeb = await best(3, () => scanWebshells(web, rules));
const count = (paths) => ({ planted: paths.filter((p) => p.includes('/uploads/')).length, benign: paths.filter((p) => !p.includes('/uploads/')).length });
const grepFlags = count(grepWeb.result);
const bulwarkFlags = count(bulwarkWeb.result.findings.map((f) => f.path));

// ------------------------------------------------------------------------------------------ FIM
const tree = join(work, 'tree');
for (let i = 0; i < FILES; i++) {
  const dir = join(tree, `d${i % 40}`, `e${i % 7}`);
  if (i < 280) mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `f${i}.bin`), Buffer.alloc(4096 + (i % 64) * 512, i & 255));
}
sh('find', [tree, '-type', 'f', '-exec', 'cat', '{}', '+']); // warm
const sha256sum = await best(3, () => sh('find', [tree, '-type', 'f', '-exec', 'sha256sum', '{}', '+']).split('\n').filter(Boolean).length);
const fimConfig = parseFimConfig({});
const state = join(work, 'state');
const fimBaseline = await best(3, () => takeBaseline([tree], state, fimConfig));
const fimCheck = await best(3, () => checkBaseline([tree], state, fimConfig));

// ---------------------------------------------------------------------------------------- report
const rows = [
  ['SSH auth.log', `${LINES} lines`, `grep -c: ${grepSsh.ms.toFixed(0)} ms`, `bulwark: ${bulwarkSsh.ms.toFixed(0)} ms (${Math.round(LINES / (bulwarkSsh.ms / 1000)).toLocaleString('en')} lines/s)`, `alerts ${bulwarkSsh.result.stats.alerts}, attackers flagged ${attackers.length - missedAttackers.length}/${attackers.length}, one-off scanners flagged ${flaggedNoise}`],
  ['webshells', `${benignFiles + planted} files`, `grep -rlE: ${grepWeb.ms.toFixed(0)} ms, flags ${grepFlags.planted}/${planted} planted + ${grepFlags.benign} benign`, `bulwark: ${bulwarkWeb.ms.toFixed(0)} ms, flags ${bulwarkFlags.planted}/${planted} planted + ${bulwarkFlags.benign} benign`, ''],
  ['FIM baseline', `${FILES} files`, `find|sha256sum: ${sha256sum.ms.toFixed(0)} ms`, `bulwark baseline: ${fimBaseline.ms.toFixed(0)} ms; unchanged check: ${fimCheck.ms.toFixed(0)} ms`, `${fimBaseline.result.files} files, ${fimCheck.result.changes.length} changes`],
];
for (const r of rows) process.stdout.write(`${r.join(' | ')}\n`);
if (missedAttackers.length > 0 || flaggedNoise > 0 || bulwarkFlags.planted !== planted || fimCheck.result.changes.length !== 0) {
  process.stderr.write('bench/intrusion: results differ from what was planted\n');
  process.exitCode = 1;
}
process.stdout.write(
  `${JSON.stringify({
    bench: 'intrusion',
    ssh_lines: LINES,
    ssh_ms: Math.round(bulwarkSsh.ms),
    ssh_lines_per_s: Math.round(LINES / (bulwarkSsh.ms / 1000)),
    ssh_vs_grep: Number((bulwarkSsh.ms / grepSsh.ms).toFixed(2)),
    ssh_attackers_flagged: attackers.length - missedAttackers.length,
    ssh_noise_flagged: flaggedNoise,
    webshell_files: benignFiles + planted,
    webshell_ms: Math.round(bulwarkWeb.ms),
    webshell_vs_grep: Number((bulwarkWeb.ms / grepWeb.ms).toFixed(2)),
    webshell_detected: bulwarkFlags.planted,
    webshell_false_positives: bulwarkFlags.benign,
    grep_detected: grepFlags.planted,
    grep_false_positives: grepFlags.benign,
    fim_files: FILES,
    fim_baseline_ms: Math.round(fimBaseline.ms),
    fim_vs_sha256sum: Number((fimBaseline.ms / sha256sum.ms).toFixed(2)),
    fim_check_unchanged_ms: Math.round(fimCheck.ms),
  })}\n`,
);
