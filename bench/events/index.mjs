#!/usr/bin/env node
// bench/events: ingest N synthetic ECS events through Bulwark's ingest path (validation + DuckDB
// appender), then time five searches through Bulwark (KQL → parameterised SQL + result mapping)
// against the same hand-written SQL run directly on DuckDB, and against grep -c / jq over the NDJSON.
// Usage: npm run bench -- events [--events 10000000] [--runs 5]
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import { EventService } from '../../dist/events/service.js';
import { cidrKeyRange } from '../../dist/events/ip-key.js';
import { performance } from 'node:perf_hooks';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('events', 1_000_000);
const RUNS = arg('runs', 5);
const dir = mkdtempSync(join(tmpdir(), 'bw-bench-events-'));
const ndjson = join(dir, 'events.ndjson');
const END = Date.UTC(2026, 10, 28, 0, 0, 0);
const SPAN = 24 * 3_600_000;

// ---- deterministic generator -------------------------------------------------------------
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const ACTIONS = ['login', 'login', 'http-request', 'http-request', 'http-request', 'file-open', 'process-start', 'waf-block'];
const USERS = Array.from({ length: 500 }, (_, i) => `user${i}`);
const PATHS = ['/', '/login', '/api/v1/items', '/admin', '/static/app.js', '/search', '/api/v1/orders'];
const MESSAGES = ['request served', 'user logged in', 'upstream timeout', 'file opened', 'process started', 'blocked by rule 942100'];
function ip() {
  const r = rnd();
  if (r < 0.4) return `10.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`;
  if (r < 0.5) return `192.168.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`;
  return `${11 + Math.floor(rnd() * 180)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`;
}
function event(i) {
  const action = pick(ACTIONS);
  const outcome = rnd() < 0.8 ? 'success' : 'failure';
  const status = action === 'http-request' ? pick([200, 200, 200, 200, 301, 404, 500, 502, 503]) : outcome === 'success' ? 200 : 401;
  return {
    '@timestamp': new Date(END - SPAN + Math.floor((i / N) * SPAN)).toISOString(),
    message: rnd() < 0.01 ? 'upstream error: connection refused by origin' : pick(MESSAGES),
    event: { id: `e${i}`, action, outcome, category: action === 'login' ? 'authentication' : 'web', severity: Math.floor(rnd() * 100) },
    source: { ip: ip(), port: 1024 + Math.floor(rnd() * 60000) },
    destination: { ip: '172.16.0.10', port: 443 },
    user: { name: pick(USERS) },
    host: { name: `web${Math.floor(rnd() * 20)}` },
    url: { path: pick(PATHS) },
    http: { request: { method: pick(['GET', 'GET', 'POST']) }, response: { status_code: status, bytes: Math.floor(rnd() * 50_000) } },
    user_agent: { original: pick(['curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64)', 'sqlmap/1.8']) },
  };
}

const t = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// ---- 1. generate -------------------------------------------------------------------------
process.stderr.write(`generating ${N.toLocaleString('en-US')} events…\n`);
let t0 = t();
{
  const out = createWriteStream(ndjson);
  let chunk = [];
  for (let i = 0; i < N; i++) {
    chunk.push(JSON.stringify(event(i)));
    if (chunk.length === 5000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}
const genMs = t() - t0;
const bytes = statSync(ndjson).size;

// ---- 2. ingest through Bulwark -----------------------------------------------------------
const config = { retentionDays: 0, maxBatchEvents: 20_000, maxQueuedEvents: 200_000, ruleIntervalSeconds: 0 };
const dataDir = join(dir, 'data');
let service = await EventService.open(dataDir, config);
process.stderr.write('ingesting through Bulwark…\n');
t0 = t();
{
  let batch = [];
  const inflight = new Set();
  for await (const line of createInterface({ input: createReadStream(ndjson), crlfDelay: Infinity })) {
    batch.push(JSON.parse(line));
    if (batch.length === 10_000) {
      const p = service.ingest.ingest(batch).then((r) => {
        if (r.rejected.length) throw new Error(`rejected: ${JSON.stringify(r.rejected[0])}`);
        inflight.delete(p);
      });
      inflight.add(p);
      batch = [];
      if (inflight.size >= 3) await Promise.race(inflight);
    }
  }
  if (batch.length) await service.ingest.ingest(batch);
  await Promise.all(inflight);
}
const ingestMs = t() - t0;
await service.close();

// baseline: DuckDB's own NDJSON loader into an untyped, auto-detected table
process.stderr.write('native DuckDB load (baseline)…\n');
let nativeLoadMs;
{
  const inst = await DuckDBInstance.create(join(dir, 'native.duckdb'));
  const c = await inst.connect();
  t0 = t();
  await c.run(`CREATE TABLE raw AS SELECT * FROM read_ndjson_auto('${ndjson.replace(/'/g, "''")}')`);
  nativeLoadMs = t() - t0;
  c.closeSync();
  inst.closeSync();
}

// ---- 3. queries --------------------------------------------------------------------------
const ten = cidrKeyRange('10.0.0.0/8');
const QUERIES = [
  {
    name: 'filter + terms',
    bulwark: { query: 'event.action:login AND event.outcome:failure', size: 0, aggs: ['terms:source.ip:10'] },
    sql: [
      [`SELECT count(*) AS n FROM events WHERE "event_action" = ? AND "event_outcome" = ?`, ['login', 'failure']],
      [`SELECT "source_ip" AS k, count(*) AS c FROM events WHERE "event_action" = ? AND "event_outcome" = ? AND "source_ip" IS NOT NULL GROUP BY k ORDER BY c DESC, k LIMIT 10`, ['login', 'failure']],
    ],
    grep: ['-c', '"action":"login","outcome":"failure"'],
    jq: `jq -r 'select(.event.action=="login" and .event.outcome=="failure") | .source.ip' FILE | sort | uniq -c | sort -rn | head -10`,
  },
  {
    name: 'date histogram',
    bulwark: { query: 'http.response.status_code>=500', size: 0, aggs: ['date_histogram:1h'] },
    sql: [
      [`SELECT count(*) AS n FROM events WHERE "http_response_status_code" >= ?`, [500]],
      [`SELECT epoch_ms(time_bucket(INTERVAL 1 HOUR, "ts")) AS k, count(*) AS c FROM events WHERE "http_response_status_code" >= ? GROUP BY k ORDER BY k`, [500]],
    ],
    grep: ['-cE', '"status_code":5[0-9][0-9]'],
    jq: `jq -r 'select(.http.response.status_code>=500) | .["@timestamp"][0:13]' FILE | uniq -c | wc -l`,
  },
  {
    name: 'CIDR',
    bulwark: { query: 'source.ip:10.0.0.0/8', size: 100 },
    sql: [
      [`SELECT count(*) AS n FROM events WHERE "source_ip__key" BETWEEN ? AND ?`, [ten.low, ten.high]],
      [`SELECT * FROM events WHERE "source_ip__key" BETWEEN ? AND ? ORDER BY "ts" DESC, "event_id" DESC LIMIT 100`, [ten.low, ten.high]],
    ],
    grep: ['-c', '"source":{"ip":"10.'],
    jq: `jq -c 'select(.source.ip|startswith("10."))' FILE | wc -l`,
  },
  {
    name: 'phrase',
    bulwark: { query: '"connection refused"', size: 100 },
    sql: [
      [`SELECT count(*) AS n FROM events WHERE "message" ILIKE ?`, ['%connection refused%']],
      [`SELECT * FROM events WHERE "message" ILIKE ? ORDER BY "ts" DESC, "event_id" DESC LIMIT 100`, ['%connection refused%']],
    ],
    grep: ['-ci', 'connection refused'],
    jq: `jq -c 'select(.message|ascii_downcase|contains("connection refused"))' FILE | wc -l`,
  },
  {
    name: 'NOT',
    bulwark: { query: 'event.action:login AND NOT event.outcome:success', size: 100 },
    sql: [
      [`SELECT count(*) AS n FROM events WHERE "event_action" = ? AND NOT coalesce("event_outcome" = ?, FALSE)`, ['login', 'success']],
      [`SELECT * FROM events WHERE "event_action" = ? AND NOT coalesce("event_outcome" = ?, FALSE) ORDER BY "ts" DESC, "event_id" DESC LIMIT 100`, ['login', 'success']],
    ],
    grep: ['-c', '"action":"login","outcome":"failure"'],
    jq: `jq -c 'select(.event.action=="login" and .event.outcome!="success")' FILE | wc -l`,
  },
];

const results = QUERIES.map((q) => ({ name: q.name, bulwark: [], duckdb: [], totals: {} }));
for (let run = 0; run < RUNS; run++) {
  // alternate phases so both sides see the same cache state
  service = await EventService.open(dataDir, config);
  for (const [i, q] of QUERIES.entries()) {
    const s = t();
    const r = await service.search(q.bulwark);
    results[i].bulwark.push(t() - s);
    results[i].totals.bulwark = r.total;
  }
  await service.close();
  const inst = await DuckDBInstance.create(join(dataDir, 'events', 'events.duckdb'));
  const c = await inst.connect();
  for (const [i, q] of QUERIES.entries()) {
    const s = t();
    let total = 0;
    for (const [j, [sql, params]] of q.sql.entries()) {
      const rows = (await c.runAndReadAll(sql, params)).getRowObjectsJS();
      if (j === 0) total = Number(rows[0].n);
    }
    results[i].duckdb.push(t() - s);
    results[i].totals.duckdb = total;
  }
  c.closeSync();
  inst.closeSync();
}

// grep -c and jq over the same NDJSON (once each: they are orders of magnitude slower)
for (const [i, q] of QUERIES.entries()) {
  let s = t();
  const g = spawnSync('grep', [...q.grep, ndjson], { encoding: 'utf8' });
  results[i].grep = t() - s;
  results[i].totals.grep = Number(g.stdout.trim());
  s = t();
  spawnSync('sh', ['-c', q.jq.replace('FILE', `'${ndjson}'`)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  results[i].jq = t() - s;
}

// ---- report ------------------------------------------------------------------------------
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const ingestRate = N / (ingestMs / 1000);
const nativeRate = N / (nativeLoadMs / 1000);
console.log(`events: ${N.toLocaleString('en-US')} synthetic ECS events (${round(bytes / 2 ** 20)} MiB NDJSON), generated in ${fmt(genMs)} ms`);
console.log(`ingest through Bulwark (parse + validate + appender, durable batches): ${fmt(ingestMs)} ms = ${fmt(ingestRate)} events/s`);
console.log(`baseline DuckDB read_ndjson_auto (no validation, auto types):        ${fmt(nativeLoadMs)} ms = ${fmt(nativeRate)} events/s (Bulwark ${round(ingestRate / nativeRate, 2)}×)\n`);
console.log(`query            |  matches | Bulwark ms | DuckDB SQL ms | overhead | grep -c ms |    jq ms | vs grep | vs jq`);
console.log(`-----------------|----------|------------|---------------|----------|------------|----------|---------|------`);
const rows = results.map((r) => {
  const b = median(r.bulwark);
  const d = median(r.duckdb);
  const row = { query: r.name, matches: r.totals.bulwark, duckdb_matches: r.totals.duckdb, grep_count: r.totals.grep, bulwark_ms: round(b), duckdb_ms: round(d), overhead: round(b / d, 2), grep_ms: round(r.grep), jq_ms: round(r.jq), vs_grep: round(r.grep / b, 1), vs_jq: round(r.jq / b, 1) };
  console.log(`${r.name.padEnd(16)} | ${String(row.matches).padStart(8)} | ${String(row.bulwark_ms).padStart(10)} | ${String(row.duckdb_ms).padStart(13)} | ${`${row.overhead}×`.padStart(8)} | ${String(row.grep_ms).padStart(10)} | ${String(row.jq_ms).padStart(8)} | ${`${row.vs_grep}×`.padStart(7)} | ${row.vs_jq}×`);
  if (row.matches !== row.duckdb_matches) console.log(`  !! Bulwark and hand-written SQL disagree: ${row.matches} vs ${row.duckdb_matches}`);
  return row;
});
const worst = Math.max(...rows.map((r) => r.overhead));
console.log(`\nmedian of ${RUNS} runs (Bulwark and DuckDB alternate); overhead target ≤ 1.3×; worst ${worst}×. grep -c counts lines only (no aggregation, no typed ranges); jq runs the full semantics.`);
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'events',
    events: N,
    ingest_events_per_s: Math.round(ingestRate),
    native_load_events_per_s: Math.round(nativeRate),
    ingest_vs_native_load: round(ingestRate / nativeRate, 2),
    queries: rows,
    worst_overhead_vs_duckdb: worst,
    min_speedup_vs_jq: Math.min(...rows.map((r) => r.vs_jq)),
  }),
);
