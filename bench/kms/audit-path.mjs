#!/usr/bin/env node
// bench/kms/audit-path.mjs: CPU time per audit record of a call that changes nothing — record() in groups
// of 16 concurrent calls (an Encrypt-shaped record: 1 KiB parameter redacted, 1 KiB ciphertext kept), plus the
// event store forwarder's passes into DuckDB — this build (dist/) against another build, side by side in one
// process, alternating rounds (R, default 3; N records per round, default 4000). Not part of `npm run bench`:
// it needs a baseline build, e.g.
//   git archive <commit> src tsconfig.json tsconfig.build.json package.json | tar -x -C /tmp/base
//   ln -s "$PWD/node_modules" /tmp/base/node_modules && (cd /tmp/base && npx tsc -p tsconfig.build.json)
//   node bench/kms/audit-path.mjs /tmp/base/dist/
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
const baseDist = process.argv[2];
if (!baseDist) throw new Error('usage: node bench/kms/audit-path.mjs <baseline dist/ directory>');
const roots = { base: new URL(baseDist.endsWith('/') ? baseDist : `${baseDist}/`, `file://${process.cwd()}/`).href, new: new URL('../../dist/', import.meta.url).href };
const mods = {};
for (const [k, D] of Object.entries(roots)) mods[k] = {
  platform: await import(D + 'server/platform.js'), logger: await import(D + 'core/logger.js'), boot: await import(D + 'iam/bootstrap.js'),
  fwd: await import(D + 'events/audit-forwarder.js'), svc: await import(D + 'events/service.js'), cfg: await import(D + 'config/events.js'),
};
const N = Number(process.env.N ?? 4000);
const plaintext = 'x'.repeat(1024);
async function run(k) {
  const m = mods[k];
  const dir = mkdtempSync(join(tmpdir(), 'bw-micro-'));
  const p = await m.platform.openPlatform({ dataDir: dir, logger: m.logger.createLogger({ level: 'silent' }) });
  const events = await m.svc.EventService.open(dir, m.cfg.eventsConfigFromEnv({}));
  const { accountId } = await m.boot.initAccount(p);
  const fwd = new m.fwd.AuditForwarder(p.storage, events.ingest, p.logger, p.audit);
  const ev = (i) => ({ eventName: 'Encrypt', eventSource: 'kms.aliyuncs.com', eventType: 'ApiCall', eventRW: 'Read', requestId: `R-${i}`, apiVersion: '2016-01-20',
    requestParameters: { KeyId: 'key-123', Plaintext: plaintext, EncryptionContext: '{}' }, responseElements: { KeyId: 'key-123', KeyVersionId: 'v1', CiphertextBlob: plaintext + 'abc' },
    sourceIpAddress: '127.0.0.1', userAgent: 'bench', userIdentity: { type: 'root-account', principalId: accountId, accountId, accessKeyId: 'LTAI' } });
  for (let i = 0; i < 200; i += 16) await Promise.all(Array.from({ length: 16 }, (_, j) => p.audit.record(ev(i + j))));
  await fwd.forwardOnce();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < N; i += 16) { await Promise.all(Array.from({ length: 16 }, (_, j) => p.audit.record(ev(i + j)))); if (i % 1600 === 0) await fwd.forwardOnce(); }
  const c1 = process.cpuUsage(c0);
  await fwd.forwardOnce();
  const c2 = process.cpuUsage(c0);
  const rec = (c1.user + c1.system) / N, all = (c2.user + c2.system) / N;
  await events.close(); await p.storage.close(); rmSync(dir, { recursive: true, force: true });
  return { rec, all, wall: (performance.now() - t0) * 1000 / N };
}
const res = { base: [], new: [] };
for (let r = 0; r < Number(process.env.R ?? 3); r++) for (const k of ['base', 'new']) res[k].push(await run(k));
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const k of ['base', 'new']) console.log(k, 'µs/record incl. forwarding: median', med(res[k].map((x) => x.all)).toFixed(1), 'runs', res[k].map((x) => x.all.toFixed(0)).join(','));
const baseUs = med(res.base.map((x) => x.all));
const newUs = med(res.new.map((x) => x.all));
console.log(`ratio this build / baseline: ${(newUs / baseUs).toFixed(2)}`);
console.log(JSON.stringify({ bench: 'kms-audit-path', baseline_us_per_record: Math.round(baseUs), us_per_record: Math.round(newUs), vs_baseline: Math.round((newUs / baseUs) * 100) / 100 }));
process.exit(0);
