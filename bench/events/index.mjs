#!/usr/bin/env node
// bench/events: ingest N synthetic ECS events through Bulwark's ingest path (JSON parse, validation,
// DuckDB appender, durable batches) against DuckDB's own NDJSON loader into an equivalent typed table,
// then time five searches through Bulwark (zod input, KQL → parameterised SQL, DuckDB, result shaping)
// against the same hand-written SQL on another connection to the same database (interleaved, median),
// and against grep -c / jq over the same NDJSON.
// Usage: npm run bench -- events [--events 10000000] [--runs 9] [--producers 3] [--jq-events 1000000]
//        (or BENCH_EVENTS=…); progress goes to stderr, the report to stdout, its last line is JSON.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { EventService } from '../../dist/events/service.js';
import { cidrKeyRange } from '../../dist/events/ip-key.js';
import { FIELDS } from '../../dist/events/schema.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('events', Number(process.env.BENCH_EVENTS ?? 10_000_000));
const RUNS = arg('runs', 9);
/** ingest calls in flight, like as many producers (gateways, agents) pushing at once */
const PRODUCERS = arg('producers', 3);
/** jq is ~100× slower than the rest: it reads the first JQ_LINES lines and its time is scaled to N (it is linear) */
const JQ_LINES = Math.min(N, arg('jq-events', 1_000_000));
if (!Number.isInteger(N) || N < 1000 || !Number.isInteger(RUNS) || RUNS < 1 || !Number.isInteger(PRODUCERS) || PRODUCERS < 1 || !Number.isInteger(JQ_LINES) || JQ_LINES < 1) {
  process.stderr.write('usage: npm run bench -- events [--events N ≥ 1000] [--runs R] [--producers P] [--jq-events N]\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'bw-bench-events-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
const ndjson = join(dir, 'events.ndjson');
const END = Date.UTC(2026, 10, 28, 0, 0, 0);
const SPAN = 24 * 3_600_000;

const t = () => performance.now();
const started = t();
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loads = [];
const progress = (msg) => {
  process.stderr.write(`[${Math.round((t() - started) / 1000)
    .toString()
    .padStart(5)} s] ${msg}\n`);
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const cpuSeconds = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

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
/** dotted leaf paths of one generated event (every event has the same shape) */
function leafPaths(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leafPaths(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
const GENERATED = new Set(leafPaths(event(0)));
seed = 42;

const config = { retentionDays: 0, maxBatchEvents: 20_000, maxQueuedEvents: 200_000, ruleIntervalSeconds: 0 };
const dataDir = join(dir, 'data');
const report = {};
try {
  // ---- 1. generate the NDJSON file once ----------------------------------------------------
  loads.push(loadavg());
  progress(`generating ${fmt(N)} events in ${dir} (load average ${loads[0]})…`);
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
      if ((i + 1) % 2_000_000 === 0) progress(`  ${fmt(i + 1)} generated`);
    }
    if (chunk.length) out.write(`${chunk.join('\n')}\n`);
    out.end();
    await once(out, 'finish');
  }
  const genMs = t() - t0;
  const bytes = statSync(ndjson).size;

  // ---- 2. ingest through Bulwark: streamed lines → JSON.parse → EventService ingest (validation, appender) --
  let service = await EventService.open(dataDir, config);
  progress(`ingesting ${round(bytes / 2 ** 20)} MiB through Bulwark (${PRODUCERS} calls of 10 000 events in flight)…`);
  t0 = t();
  const cpu0 = process.cpuUsage();
  {
    let batch = [];
    let done = 0;
    let lastReport = t0;
    const inflight = new Set();
    const send = (docs) => {
      const p = service.ingest.ingest(docs).then((r) => {
        if (r.rejected.length) throw new Error(`rejected: ${JSON.stringify(r.rejected[0])}`);
        inflight.delete(p);
        done += r.accepted;
        if (done % 1_000_000 < docs.length) {
          const now = t();
          progress(`  ${fmt(done)} ingested, ${fmt(1_000_000 / ((now - lastReport) / 1000))} events/s (load average ${loadavg()})`);
          lastReport = now;
        }
      });
      inflight.add(p);
      return p;
    };
    for await (const line of createInterface({ input: createReadStream(ndjson), crlfDelay: Infinity })) {
      batch.push(JSON.parse(line));
      if (batch.length === 10_000) {
        send(batch);
        batch = [];
        if (inflight.size >= PRODUCERS) await Promise.race(inflight);
      }
    }
    if (batch.length) send(batch);
    await Promise.all(inflight);
  }
  const ingestMs = t() - t0;
  const ingestCpu = cpuSeconds(cpu0);
  loads.push(loadavg());
  // the same typed table, column for column, for DuckDB's own loader
  // (`instance` is the DuckDB store's private handle: the bench reads the schema and, below, runs the
  // hand-written SQL on the very database Bulwark searches)
  const meta = await service.store.instance.connect();
  const ddl = (await meta.runAndReadAll(`SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position`)).getRowObjectsJS();
  meta.closeSync();
  await service.close();

  // ---- 3. baseline: DuckDB's NDJSON loader into an equivalent table (same columns and types) ----
  progress('DuckDB read_ndjson_auto → INSERT into the same typed table (baseline)…');
  let nativeMs;
  {
    const inst = await DuckDBInstance.create(join(dir, 'native.duckdb'));
    const c = await inst.connect();
    await c.run(`CREATE TABLE events (${ddl.map((r) => `"${r.c}" ${r.t}`).join(', ')})`);
    const byColumn = new Map(FIELDS.map((f) => [f.column, f]));
    const select = ddl
      .map((r) => {
        if (r.c === 'ingested') return `current_timestamp::TIMESTAMP AS ingested`;
        const f = byColumn.get(r.c);
        if (!f || !GENERATED.has(f.name)) return null; // left NULL, like Bulwark (ip keys are Bulwark's own derived columns)
        return `CAST(${f.name.split('.').map((p) => `"${p}"`).join('.')} AS ${r.t}) AS "${r.c}"`;
      })
      .filter(Boolean);
    t0 = t();
    await c.run(`INSERT INTO events BY NAME SELECT ${select.join(', ')} FROM read_ndjson_auto('${ndjson.replace(/'/g, "''")}')`);
    nativeMs = t() - t0;
    const loaded = Number((await c.runAndReadAll('SELECT count(*) AS n FROM events')).getRowObjectsJS()[0].n);
    if (loaded !== N) throw new Error(`the DuckDB loader stored ${loaded} rows, expected ${N}`);
    c.closeSync();
    inst.closeSync();
    rmSync(join(dir, 'native.duckdb'), { force: true });
  }

  // ---- 4. queries: Bulwark vs the hand-written SQL, on one database, interleaved ----------------
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
      jq: `jq -r 'select(.event.action=="login" and .event.outcome=="failure") | .source.ip' | sort | uniq -c | sort -rn | head -10`,
    },
    {
      name: 'date histogram',
      bulwark: { query: 'http.response.status_code>=500', size: 0, aggs: ['date_histogram:1h'] },
      sql: [
        [`SELECT count(*) AS n FROM events WHERE "http_response_status_code" >= ?`, [500]],
        [`SELECT epoch_ms(time_bucket(INTERVAL 1 HOUR, "ts")) AS k, count(*) AS c FROM events WHERE "http_response_status_code" >= ? GROUP BY k ORDER BY k`, [500]],
      ],
      grep: ['-cE', '"status_code":5[0-9][0-9]'],
      jq: `jq -r 'select(.http.response.status_code>=500) | .["@timestamp"][0:13]' | uniq -c | wc -l`,
    },
    {
      name: 'CIDR',
      bulwark: { query: 'source.ip:10.0.0.0/8', size: 100 },
      sql: [
        [`SELECT count(*) AS n FROM events WHERE "source_ip__key" BETWEEN ? AND ?`, [ten.low, ten.high]],
        [`SELECT * FROM events WHERE "source_ip__key" BETWEEN ? AND ? ORDER BY "ts" DESC, "event_id" DESC LIMIT 100`, [ten.low, ten.high]],
      ],
      grep: ['-c', '"source":{"ip":"10.'],
      jq: `jq -c 'select(.source.ip|startswith("10."))' | wc -l`,
    },
    {
      name: 'phrase',
      bulwark: { query: '"connection refused"', size: 100 },
      sql: [
        [`SELECT count(*) AS n FROM events WHERE "message" ILIKE ?`, ['%connection refused%']],
        [`SELECT * FROM events WHERE "message" ILIKE ? ORDER BY "ts" DESC, "event_id" DESC LIMIT 100`, ['%connection refused%']],
      ],
      grep: ['-ci', 'connection refused'],
      jq: `jq -c 'select(.message|ascii_downcase|contains("connection refused"))' | wc -l`,
    },
    {
      name: 'NOT',
      bulwark: { query: 'event.action:login AND NOT event.outcome:success', size: 100 },
      sql: [
        [`SELECT count(*) AS n FROM events WHERE "event_action" = ? AND NOT coalesce("event_outcome" = ?, FALSE)`, ['login', 'success']],
        [`SELECT * FROM events WHERE "event_action" = ? AND NOT coalesce("event_outcome" = ?, FALSE) ORDER BY "ts" DESC, "event_id" DESC LIMIT 100`, ['login', 'success']],
      ],
      grep: ['-c', '"action":"login","outcome":"failure"'],
      jq: `jq -c 'select(.event.action=="login" and .event.outcome!="success")' | wc -l`,
    },
  ];

  progress(`queries: ${RUNS} interleaved runs of Bulwark and the hand-written SQL…`);
  service = await EventService.open(dataDir, config);
  // another connection to the store's DuckDB instance: same database, same buffer cache
  const hand = await service.store.instance.connect();
  const runBulwark = async (q) => {
    const s = t();
    const r = await service.search(q.bulwark);
    return { ms: t() - s, total: r.total };
  };
  const runHand = async (q) => {
    const s = t();
    let total = 0;
    for (const [j, [sql, params]] of q.sql.entries()) {
      const rows = (await hand.runAndReadAll(sql, params)).getRowObjectsJS();
      if (j === 0) total = Number(rows[0].n);
    }
    return { ms: t() - s, total };
  };
  const results = QUERIES.map((q) => ({ name: q.name, bulwark: [], duckdb: [], totals: {} }));
  for (const q of QUERIES) {
    await runBulwark(q); // warm-up, untimed
    await runHand(q);
  }
  for (let run = 0; run < RUNS; run++) {
    for (const [i, q] of QUERIES.entries()) {
      // alternate which side goes first, so neither always finds the other's cache state
      let w;
      let h;
      if (run % 2 === 0) {
        w = await runBulwark(q);
        h = await runHand(q);
      } else {
        h = await runHand(q);
        w = await runBulwark(q);
      }
      results[i].bulwark.push(w.ms);
      results[i].duckdb.push(h.ms);
      results[i].totals.bulwark = w.total;
      results[i].totals.duckdb = h.total;
    }
  }
  hand.closeSync();
  await service.close();

  // ---- 5. grep -c (whole file) and jq (first JQ_LINES lines, scaled) over the same NDJSON ----
  progress(`grep -c over the file, jq over ${JQ_LINES === N ? 'the file' : `its first ${fmt(JQ_LINES)} lines`}…`);
  const source = JQ_LINES === N ? `cat '${ndjson}'` : `head -n ${JQ_LINES} '${ndjson}'`;
  for (const [i, q] of QUERIES.entries()) {
    let s = t();
    const g = spawnSync('grep', [...q.grep, ndjson], { encoding: 'utf8' });
    results[i].grep = t() - s;
    results[i].totals.grep = Number(g.stdout.trim());
    s = t();
    const j = spawnSync('sh', ['-c', `${source} | ${q.jq}`], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (j.status !== 0) throw new Error(`jq failed: ${j.stderr}`);
    results[i].jq = ((t() - s) * N) / JQ_LINES;
  }
  loads.push(loadavg());

  // ---- report ------------------------------------------------------------------------------
  const ingestRate = N / (ingestMs / 1000);
  const nativeRate = N / (nativeMs / 1000);
  console.log(`events: ${fmt(N)} synthetic ECS events (${round(bytes / 2 ** 20)} MiB NDJSON), generated in ${fmt(genMs)} ms; load average (1/5/15 min) at start ${loads[0]}, after ingest ${loads[1]}, at end ${loads[2]}`);
  console.log(`ingest through Bulwark (JSON.parse + validate + appender, durable batches, ${PRODUCERS} producers): ${fmt(ingestMs)} ms = ${fmt(ingestRate)} events/s (${round(ingestCpu)} s CPU, ${fmt(N / ingestCpu)} events per CPU-second)`);
  console.log(`baseline DuckDB read_ndjson_auto → INSERT into the same typed table:      ${fmt(nativeMs)} ms = ${fmt(nativeRate)} events/s (Bulwark ${round(ingestRate / nativeRate, 2)}×)\n`);
  console.log(`query            |  matches | Bulwark ms | hand SQL ms | overhead | grep -c ms |    jq ms | vs grep | vs jq`);
  console.log(`-----------------|----------|------------|-------------|----------|------------|----------|---------|------`);
  const rows = results.map((r) => {
    const b = median(r.bulwark);
    const d = median(r.duckdb);
    const row = { query: r.name, matches: r.totals.bulwark, duckdb_matches: r.totals.duckdb, grep_count: r.totals.grep, bulwark_ms: round(b), duckdb_ms: round(d), overhead: round(b / d, 2), grep_ms: round(r.grep), jq_ms: round(r.jq), vs_grep: round(r.grep / b, 1), vs_jq: round(r.jq / b, 1) };
    console.log(`${r.name.padEnd(16)} | ${String(row.matches).padStart(8)} | ${String(row.bulwark_ms).padStart(10)} | ${String(row.duckdb_ms).padStart(11)} | ${`${row.overhead}×`.padStart(8)} | ${String(row.grep_ms).padStart(10)} | ${String(row.jq_ms).padStart(8)} | ${`${row.vs_grep}×`.padStart(7)} | ${row.vs_jq}×`);
    if (row.matches !== row.duckdb_matches) console.log(`  !! Bulwark and hand-written SQL disagree: ${row.matches} vs ${row.duckdb_matches}`);
    return row;
  });
  const worst = Math.max(...rows.map((r) => r.overhead));
  console.log(
    `\nmedian of ${RUNS} interleaved runs on one database (after a warm-up); overhead target ≤ 1.3×; worst ${worst}×. grep -c counts lines only (no aggregation, no typed ranges; its CIDR count also takes 100.–109.); jq runs the full semantics${JQ_LINES === N ? '' : ` over the first ${fmt(JQ_LINES)} lines, its time scaled ×${round(N / JQ_LINES, 2)} (jq is linear in its input)`}.`,
  );
  Object.assign(report, {
    bench: 'events',
    events: N,
    ndjson_mib: round(bytes / 2 ** 20),
    load_average: loads,
    producers: PRODUCERS,
    ingest_events_per_s: Math.round(ingestRate),
    ingest_events_per_cpu_s: Math.round(N / ingestCpu),
    native_load_events_per_s: Math.round(nativeRate),
    ingest_vs_native_load: round(ingestRate / nativeRate, 2),
    queries: rows,
    worst_overhead_vs_duckdb: worst,
    min_speedup_vs_jq: Math.min(...rows.map((r) => r.vs_jq)),
    jq_lines: JQ_LINES,
  });
} finally {
  cleanup();
}
console.log(JSON.stringify(report));
