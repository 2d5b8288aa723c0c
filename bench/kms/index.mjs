#!/usr/bin/env node
// bench/kms: (1) Encrypt requests/s through the signed KMS API (V3 signatures computed per request,
// keep-alive) vs a bare Fastify endpoint doing only AES-256-GCM on the same payload; (2) encrypt-file
// MB/s vs `openssl enc -aes-256-ctr` on the same file. Both servers run in this process; the load
// generator (autocannon, load.mjs) runs in a child process for either side, so no server shares its
// event loop with it and the client's signing is the client's cost, as with real SDK clients.
// Env: BENCH_KMS_SECONDS (per side and round, default 4), BENCH_KMS_ROUNDS (3), BENCH_KMS_CONNECTIONS (16),
// BENCH_KMS_FILE_MB (512). BULWARK_AUDIT_DURABILITY=strict measures the fsync-before-answer audit mode.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, openSync, writeSync, closeSync } from 'node:fs';
import { URLSearchParams } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { createLogger } from '../../dist/core/logger.js';
import { initAccount } from '../../dist/iam/bootstrap.js';
import { KmsClient } from '../../dist/kms/client.js';
import { encryptFile } from '../../dist/kms/envelope-file.js';
import { percentEncode } from '../../dist/openapi/percent.js';
import { startServer } from '../../dist/server/start.js';

const SECONDS = Number(process.env.BENCH_KMS_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_KMS_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_KMS_CONNECTIONS ?? 16);
const FILE_MB = Number(process.env.BENCH_KMS_FILE_MB ?? 512);
const root = new URL('../../', import.meta.url).pathname;
const DURABILITY = process.env.BULWARK_AUDIT_DURABILITY || 'batched';
const dir = mkdtempSync(join(tmpdir(), 'bw-bench-kms-'));
const PLAINTEXT = randomBytes(768).toString('base64'); // 1 KiB of text, as SDK users send base64

function formBody(params) {
  return Object.entries(params).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

/** One autocannon run from a child process (load.mjs); `signed` adds per-request V3 signatures. */
function cannon(url, signed, duration = SECONDS) {
  return new Promise((resolve, reject) => {
    const args = { url, signed, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, body, seconds: duration, connections: CONNECTIONS };
    const child = fork(new URL('./load.mjs', import.meta.url).pathname, [JSON.stringify(args)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let result;
    child.on('message', (m) => (result = m));
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`load generator exited with ${code}`))));
  });
}

// --- Bulwark: real server, real RAM authorization, audit trail, SQLite ---
const server = await startServer(Object.freeze({ dataDir: dir, listen: '127.0.0.1:0', logLevel: 'silent', shutdownTimeout: 5 }), { logger: createLogger({ level: 'silent' }) });
const account = await initAccount(server.platform);
const key = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
const client = new KmsClient(server.url, key);
const keyId = (await client.call('CreateKey', {})).KeyMetadata.KeyId;
const body = formBody({ KeyId: keyId, Plaintext: PLAINTEXT });
const check = await client.call('Encrypt', { KeyId: keyId, Plaintext: PLAINTEXT });
if (!check.CiphertextBlob) throw new Error('Encrypt did not work');

// --- Baseline: bare Fastify, parse the same form body, AES-256-GCM, JSON answer ---
const bare = Fastify({ logger: false });
bare.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, text, done) => done(null, Object.fromEntries(new URLSearchParams(text))));
const bareKey = randomBytes(32);
bare.post('/', async (req) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', bareKey, iv);
  const ct = Buffer.concat([cipher.update(req.body.Plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { KeyId: req.body.KeyId, CiphertextBlob: Buffer.concat([iv, ct]).toString('base64'), RequestId: randomUUID() };
});
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

// warm-up, then alternating rounds (the machine is shared: load changes within seconds, so each
// round measures both sides back to back and the median of the per-round ratios is reported)
await cannon(server.url, true, 2).catch(() => undefined);
await cannon(bareUrl, false, 2);
const rounds = [];
for (let i = 0; i < ROUNDS; i++) {
  const b = await cannon(server.url, true);
  const f = await cannon(bareUrl, false);
  rounds.push({ bulwark: b, baseline: f, ratio: b.rps / f.rps });
}
await bare.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mid = rounds.find((r) => r.ratio === median(rounds.map((x) => x.ratio)));
const bulwark = { ...mid.bulwark, non2xx: rounds.reduce((n, r) => n + r.bulwark.non2xx, 0) };
const baseline = { ...mid.baseline, non2xx: rounds.reduce((n, r) => n + r.baseline.non2xx, 0) };

// --- encrypt-file vs openssl enc -aes-256-ctr on the same file ---
const file = join(dir, 'payload.bin');
const fd = openSync(file, 'w');
const block = randomBytes(1 << 20);
for (let i = 0; i < FILE_MB; i++) writeSync(fd, block);
closeSync(fd);
const env = { ...process.env, BULWARK_ACCESS_KEY_ID: key.accessKeyId, BULWARK_ACCESS_KEY_SECRET: key.accessKeySecret };
function timed(cmd, args, extraEnv = env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env: extraEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
// the server runs in this process: the CLI is a child process, so keep serving while it runs
const runAsync = (cmd, args) =>
  new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    import('node:child_process').then(({ spawn }) => {
      const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e9) : reject(new Error(`${cmd} failed: ${err}`))));
    });
  });
const cli = join(root, 'dist/cli/main.js');
const encFile = join(dir, 'payload.bwk');
const kmsTimes = [];
const libTimes = [];
const sslTimes = [];
const startTimes = [];
for (let i = 0; i < 2; i++) {
  rmSync(encFile, { force: true });
  kmsTimes.push(await runAsync(process.execPath, [cli, 'kms', 'encrypt-file', '--server', server.url, '--key', keyId, file, encFile]));
  startTimes.push(await runAsync(process.execPath, [cli, '--version']));
  // the same work without the CLI's process start: GenerateDataKey through the signed API + encryptFile
  const t0 = process.hrtime.bigint();
  const dk = await client.call('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256' });
  await encryptFile(file, join(dir, 'payload.lib.bwk'), { dataKey: Buffer.from(dk.Plaintext, 'base64'), keyBlob: dk.CiphertextBlob, context: '' });
  libTimes.push(Number(process.hrtime.bigint() - t0) / 1e9);
  sslTimes.push(timed('openssl', ['enc', '-aes-256-ctr', '-K', randomBytes(32).toString('hex'), '-iv', randomBytes(16).toString('hex'), '-in', file, '-out', join(dir, 'payload.ctr')]));
}
const libSec = Math.min(...libTimes);
const startSec = Math.min(...startTimes);
const kmsSec = Math.min(...kmsTimes);
const sslSec = Math.min(...sslTimes);
const overhead = (statSync(encFile).size - FILE_MB * (1 << 20)) / (FILE_MB * (1 << 20));
await server.stop();
rmSync(dir, { recursive: true, force: true });

const mbps = (s) => Math.round((FILE_MB / s) * 10) / 10;
const ratioApi = Math.round(mid.ratio * 100) / 100;
const ratioFile = Math.round((sslSec / kmsSec) * 100) / 100;
const ratioLib = Math.round((sslSec / libSec) * 100) / 100;
console.log(`KMS bench — ${ROUNDS} alternating rounds of ${SECONDS}s per side (median round shown), ${CONNECTIONS} connections, 1 KiB plaintext, audit durability ${DURABILITY}, load generator in a child process; ${FILE_MB} MB file (best of 2)\n`);
console.log('| measurement | Bulwark | baseline | ratio |');
console.log('|---|---|---|---|');
console.log(`| Encrypt req/s (signed V3 API vs bare Fastify AES-256-GCM) | ${bulwark.rps} (p99 ${bulwark.p99_ms} ms) | ${baseline.rps} (p99 ${baseline.p99_ms} ms) | ${ratioApi} |`);
console.log(`| file encryption MB/s (bulwark kms encrypt-file CLI vs openssl enc -aes-256-ctr) | ${mbps(kmsSec)} | ${mbps(sslSec)} | ${ratioFile} |`);
console.log(`| file encryption MB/s (GenerateDataKey + encryptFile, no process start) | ${mbps(libSec)} | ${mbps(sslSec)} | ${ratioLib} |`);
console.log(`\nper-round Encrypt ratios: ${rounds.map((r) => r.ratio.toFixed(2)).join(', ')}`);
console.log(`\nCLI process start (bulwark --version): ${startSec.toFixed(2)} s — included in the CLI row`);
console.log(`\nnon-2xx: bulwark ${bulwark.non2xx}, baseline ${baseline.non2xx}; envelope size overhead ${(overhead * 100).toFixed(3)} %; targets ≥ 0.5 for both ratios`);
console.log(
  JSON.stringify({
    bench: 'kms',
    audit_durability: DURABILITY,
    encrypt_rps: bulwark.rps,
    bare_fastify_aes_gcm_rps: baseline.rps,
    vs_bare_fastify: ratioApi,
    encrypt_round_ratios: rounds.map((r) => Math.round(r.ratio * 100) / 100),
    encrypt_file_mb_s: mbps(kmsSec),
    openssl_ctr_mb_s: mbps(sslSec),
    vs_openssl: ratioFile,
    encrypt_file_no_startup_mb_s: mbps(libSec),
    vs_openssl_no_startup: ratioLib,
    cli_start_s: Math.round(startSec * 100) / 100,
    note: 'Encrypt through the signed API (V3 signature, RAM authz, audit) vs bare Fastify doing only AES-256-GCM; encrypt-file (chunked AES-256-GCM, incl. process start + GenerateDataKey) vs openssl enc -aes-256-ctr',
  }),
);
