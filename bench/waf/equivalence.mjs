#!/usr/bin/env node
// Decision equivalence of two builds of the WAF engine, in one process: every GoTestWAF case
// (../shared/corpora/gotestwaf, as bench/waf replays them) and the three bench/waf scenarios run through
// both engines with CRS at PL1 and PL4 (blocking) and PL4 detection-only; interruption, matched rules
// (id, variable, data, msg, logdata), anomaly scores and log lines must be identical.
//   node bench/waf/equivalence.mjs BASE_DIST [NEW_DIST]     (NEW_DIST defaults to ./dist)
// e.g. BASE_DIST = a build of the commit before a performance change:
//   mkdir /tmp/base && git archive <commit> src tsconfig.json tsconfig.build.json package.json | tar -x -C /tmp/base \
//     && ln -s "$PWD/node_modules" /tmp/base/ && (cd /tmp/base && npx tsc -p tsconfig.build.json)
// Exit status 1 on any difference (the first ones are printed).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gotestwafCases } from './gotestwaf.mjs';
import { benchScenarios } from './scenarios.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const [baseArg, newArg = join(ROOT, 'dist')] = process.argv.slice(2);
if (baseArg === undefined) {
  process.stderr.write('usage: node bench/waf/equivalence.mjs BASE_DIST [NEW_DIST]\n');
  process.exit(2);
}
const CRS = process.env.BENCH_CRS ?? join(ROOT, '..', 'shared', 'corpora', 'crs');
const GOTESTWAF = join(ROOT, '..', 'shared', 'corpora', 'gotestwaf', 'testcases');
for (const dir of [join(CRS, 'rules'), GOTESTWAF]) {
  if (!existsSync(dir)) {
    process.stderr.write(`equivalence needs ${dir}\n`);
    process.exit(1);
  }
}

const engine = async (dist) => (await import(pathToFileURL(join(resolve(dist), 'waf', 'waf.js')).href)).createWaf;
const builds = { base: await engine(baseArg), new: await engine(newArg) };

/** Everything a caller can observe of one request through one engine. */
function observe(waf, req) {
  const tx = waf.newTransaction({ remoteAddr: '127.0.0.1', remotePort: 40000, serverName: 'localhost', serverPort: 80, requestId: 'equivalence' });
  const headers = [['Host', 'localhost'], ...Object.entries(req.headers)];
  if (req.body !== undefined) headers.push(['Content-Length', String(Buffer.byteLength(req.body))]);
  let it = tx.processRequestHeaders({ method: req.method, uri: req.path, protocol: 'HTTP/1.1', headers })
    ?? tx.processRequestBody(req.body === undefined ? undefined : Buffer.from(req.body));
  if (it === undefined) {
    it = tx.processResponseHeaders(200, [['Content-Type', 'text/html'], ['Content-Length', '3']]);
    if (it === undefined && tx.wantsResponseBody()) it = tx.processResponseBody(Buffer.from('ok\n'));
  }
  tx.processLogging();
  return JSON.stringify({
    interruption: tx.interrupted() ?? null,
    matched: tx.matchedRules().map((m) => [m.id, m.matchedVar, m.matchedData, m.msg, m.logdata, m.disruptive]),
    scores: tx.anomalyScores(),
    logs: tx.logs(),
  });
}

const { cases } = gotestwafCases(GOTESTWAF);
const requests = [...cases.map((c) => ({ label: `${c.set} ${c.request.method} ${c.request.path.slice(0, 60)}`, ...c.request })),
  ...Object.entries(benchScenarios()).map(([name, s]) => ({ label: `bench ${name}`, method: s.method, path: s.path, headers: s.headers, body: s.body }))];
const settings = [{ paranoia: 1, mode: 'block' }, { paranoia: 4, mode: 'block' }, { paranoia: 4, mode: 'detect' }];
let differences = 0;
const summary = [];
for (const setting of settings) {
  const wafs = {};
  for (const [name, createWaf] of Object.entries(builds)) wafs[name] = await createWaf({ crsDir: CRS, ...setting });
  let matchedRules = 0;
  let interrupted = 0;
  // twice over, so answers that come from the engines' cross-request caches are compared as well
  for (let round = 0; round < 2; round++) {
    for (const req of requests) {
      const a = observe(wafs.base, req);
      const b = observe(wafs.new, req);
      if (round === 0) {
        const o = JSON.parse(b);
        matchedRules += o.matched.length;
        if (o.interruption !== null) interrupted++;
      }
      if (a === b) continue;
      differences++;
      if (differences <= 10) console.log(`DIFFERENT (PL${setting.paranoia} ${setting.mode}, round ${round + 1}) ${req.label}\n  base: ${a.slice(0, 600)}\n  new:  ${b.slice(0, 600)}`);
    }
  }
  summary.push({ ...setting, requests: requests.length, interrupted, matchedRules });
  console.log(`PL${setting.paranoia} ${setting.mode}: ${requests.length} requests ×2, ${interrupted} interrupted, ${matchedRules} rule matches — ${differences === 0 ? 'identical' : `${differences} differences so far`}`);
}
console.log(JSON.stringify({ bench: 'waf-equivalence', differences, settings: summary }));
process.exit(differences === 0 ? 0 : 1);
