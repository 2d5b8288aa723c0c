#!/usr/bin/env node
// bench/secrets: secret-scanning throughput over a synthetic source tree (200 MB by default).
//
// Baseline: `grep -rE` with the Alibaba AccessKey id regex, the same regex Bulwark's rule uses.
// Bulwark: `scanSecrets` from dist/ (keyword pre-filter, RE2, worker threads) with
//   a) only the AccessKey id rule (same work as grep: one regex),
//   b) Bulwark's default rules (23 rules, pairs, PEM keys, DB URLs, tokens),
//   c) the gitleaks default config (222 rules) when ../shared/corpora/gitleaks is present.
// Every run must find the same planted AccessKey ids. Page cache is warmed before timing.
//
// Usage: npm run bench -- secrets [--mb N] [--threads N]   (last line: one JSON object)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = new URL('../../dist/', import.meta.url);
const { scanSecrets } = await import(new URL('scan/secrets/scanner.js', dist).href);
const { defaultRules, loadRules, parseRules } = await import(new URL('scan/secrets/config.js', dist).href);

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const totalMb = arg('--mb', 200);
const threads = arg('--threads', Math.min(2, availableParallelism()));
const MB = 1e6;
const ID_REGEX = 'LTAI[A-Za-z0-9]{12,30}';

// ---------------------------------------------------------------------------------------------
// Synthetic tree: source-like files of ~100 KB in nested folders; 1 in 50 files holds an
// AccessKey pair, others mention keywords (password, token, postgres, sk_live_) without secrets.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rand = (n) => {
  const b = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[b[i] % 62];
  return s;
};
const words = ['const', 'let', 'return', 'function', 'import', 'export', 'await', 'if', 'else', 'for', 'value', 'result', 'config', 'user', 'request', 'response', 'handler', 'options', 'items', 'index', 'password', 'token', 'postgres', 'secret', 'key'];
function chunk(bytes) {
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const n = 3 + (lines.length % 9);
    let line = '  '.repeat(lines.length % 4);
    for (let i = 0; i < n; i++) line += `${words[(lines.length * 7 + i * 13) % words.length]}${i % 3 === 0 ? `_${rand(6)}` : ''} `;
    line += lines.length % 40 === 0 ? `// see https://example.test/${rand(12)}` : `= ${(lines.length * 2654435761) % 100000};`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

const root = mkdtempSync(join(tmpdir(), 'bw-bench-secrets-'));
const FILE_BYTES = 100_000;
const files = Math.ceil((totalMb * MB) / FILE_BYTES);
const bases = Array.from({ length: 32 }, () => chunk(FILE_BYTES));
const planted = [];
process.stderr.write(`generating ${files} files (${totalMb} MB) under ${root}…\n`);
for (let i = 0; i < files; i++) {
  const dir = join(root, `pkg${i % 20}`, `mod${Math.floor(i / 20) % 25}`);
  mkdirSync(dir, { recursive: true });
  let text = bases[i % bases.length];
  if (i % 50 === 7) {
    const id = `LTAI${rand(20)}`;
    planted.push(id);
    const at = text.indexOf('\n', (i * 997) % (text.length - 200));
    text = `${text.slice(0, at)}\nconst accessKeyId = '${id}';\nconst accessKeySecret = '${rand(30)}';${text.slice(at)}`;
  }
  writeFileSync(join(dir, `file${i}.ts`), text);
}

function run(cmd, argv) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

async function timeScan(rules) {
  const started = process.hrtime.bigint();
  const result = await scanSecrets({ path: root, rules, threads });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ids = new Set(result.findings.filter((f) => /^LTAI/.test(f.secret)).map((f) => f.secret));
  return { seconds, bytes: result.stats.bytes, findings: result.findings.length, ids };
}

const round = (n, d = 1) => (n === null || n === undefined ? null : Math.round(n * 10 ** d) / 10 ** d);
const totalBytes = files * FILE_BYTES;

try {
  // warm the page cache
  await run('grep', ['-rEc', 'zzzz-no-match', root]);
  const grepRuns = [];
  for (let i = 0; i < 3; i++) grepRuns.push(await run('grep', ['-rEoh', ID_REGEX, root]));
  const grep = grepRuns.sort((a, b) => a.seconds - b.seconds)[0];
  const grepIds = new Set(grep.out.split('\n').filter(Boolean));

  const idOnly = parseRules(`[[rules]]\nid = "alibaba-access-key-id"\nregex = '''\\b(${ID_REGEX})\\b'''\nkeywords = ["ltai"]\n`, 'bench');
  const best = async (rules, n) => {
    const runs = [];
    for (let i = 0; i < n; i++) runs.push(await timeScan(rules));
    return runs.sort((a, b) => a.seconds - b.seconds)[0];
  };
  const same = await best(idOnly, 3);
  const defaults = await best(defaultRules(), 3);
  const gitleaksPath = fileURLToPath(new URL('../../../shared/corpora/gitleaks/gitleaks.toml', import.meta.url));
  const gitleaks = existsSync(gitleaksPath) ? await best(loadRules(gitleaksPath), 1) : undefined;

  const check = (name, ids) => {
    const missing = planted.filter((p) => !ids.has(p));
    if (missing.length > 0) throw new Error(`${name} missed ${missing.length} planted AccessKey ids`);
  };
  check('grep', grepIds);
  check('bulwark (same regex)', same.ids);
  check('bulwark (default rules)', defaults.ids);
  if (gitleaks) check('bulwark (gitleaks rules)', gitleaks.ids);

  const mbps = (r) => totalBytes / MB / r.seconds;
  const rows = [
    ['grep -rE (AccessKey id regex)', grep.seconds, mbps(grep), grepIds.size],
    [`bulwark, same regex (${threads} threads)`, same.seconds, mbps(same), same.findings],
    [`bulwark, default rules (${threads} threads)`, defaults.seconds, mbps(defaults), defaults.findings],
    ...(gitleaks ? [[`bulwark, gitleaks rules (${threads} threads)`, gitleaks.seconds, mbps(gitleaks), gitleaks.findings]] : []),
  ];
  process.stdout.write(`secret scanning over ${files} files, ${round(totalBytes / MB, 0)} MB (${planted.length} planted AccessKey pairs)\n\n`);
  process.stdout.write(`${'scanner'.padEnd(44)} ${'seconds'.padStart(8)} ${'MB/s'.padStart(8)} ${'findings'.padStart(9)}\n`);
  for (const [name, s, m, f] of rows) process.stdout.write(`${name.padEnd(44)} ${s.toFixed(2).padStart(8)} ${m.toFixed(1).padStart(8)} ${String(f).padStart(9)}\n`);
  process.stdout.write(`\nratios are Bulwark MB/s ÷ grep MB/s measured above in the same run (grep: one regex, one thread, no allowlists or entropy).\n`);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'secrets',
      tree_mb: round(totalBytes / MB, 0),
      files,
      threads,
      grep_mbps: round(mbps(grep)),
      bulwark_same_regex_mbps: round(mbps(same)),
      bulwark_default_rules_mbps: round(mbps(defaults)),
      bulwark_gitleaks_rules_mbps: gitleaks ? round(mbps(gitleaks)) : null,
      same_regex_vs_grep: round(mbps(same) / mbps(grep), 3),
      default_rules_vs_grep: round(mbps(defaults) / mbps(grep), 3),
      gitleaks_rules_vs_grep: gitleaks ? round(mbps(gitleaks) / mbps(grep), 3) : null,
      planted: planted.length,
    })}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
