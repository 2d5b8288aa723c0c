import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { BulwarkError } from '../../core/errors.js';
import { judgeStage, needsLog, summarize, toRequest, type FtwReport, type FtwRunOptions, type FtwTestResult } from './ftw-runner.js';
import { loadFtwTests, type FtwInput } from './ftw-test.js';

export interface FtwHttpOptions extends FtwRunOptions {
  /** The gateway under test, e.g. `http://127.0.0.1:8081` (loopback only). */
  url: string;
  /** The gateway's NDJSON access log (`accessLog.file`): matched rule ids are read from it. */
  accessLog: string;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
}

export interface FtwHttpReport extends FtwReport {
  /** Stages whose log-text expectations (match_regex, log_contains…) cannot be seen over HTTP: judged on ids and status only. */
  readonly logChecksSkipped: number;
}

/** The bytes a stage sends: the raw `encoded_request`, or the request line, headers and body go-ftw would write. */
function rawBytes(input: FtwInput): Buffer {
  if (input.encoded_request !== undefined) return Buffer.from(input.encoded_request, 'base64');
  const req = toRequest(input);
  if (!req) return Buffer.alloc(0);
  const line = req.version === '' ? `${req.method} ${req.uri}` : `${req.method} ${req.uri} ${req.version}`;
  return Buffer.from(`${line}\r\n${req.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${req.body}`, 'latin1');
}

/** How long the runner waits for the gateway to log every answered request. */
const LOG_WAIT_MS = 15_000;

/** Sends raw bytes and reads the answer until the server closes (or 2 s pass); returns status and request id. */
function exchange(url: URL, bytes: Buffer): Promise<{ status: number; requestId: string | undefined }> {
  return new Promise((resolve) => {
    let out = '';
    // write, not end: a half-closed request is dropped by some front ends before they answer
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(out)?.[1] ?? 0);
      const head = out.split('\r\n\r\n')[0] ?? '';
      resolve({ status, requestId: /\r\nx-request-id:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() });
    };
    const timer = setTimeout(done, 2000);
    socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
  });
}

/** Rule ids per request id, from the gateway's access events (`bulwark.rules`: `waf:<id>`). */
function matchedRules(accessLog: string): Map<string, Set<number>> {
  const byId = new Map<string, Set<number>>();
  let text = '';
  try {
    text = readFileSync(accessLog, 'utf8');
  } catch (e) {
    throw new BulwarkError('Waf.CorpusInvalid', { path: accessLog, reason: `cannot read the gateway access log (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
  }
  for (const line of text.split('\n')) {
    if (!line.includes('"request_id"')) continue;
    try {
      const e = JSON.parse(line) as { bulwark?: { request_id?: string; rules?: string[] } };
      const id = e.bulwark?.request_id;
      if (id) byId.set(id, new Set((e.bulwark?.rules ?? []).filter((r) => r.startsWith('waf:')).map((r) => Number(r.slice(4)))));
    } catch {
      // a torn last line is skipped
    }
  }
  return byId;
}

/**
 * Runs the CRS regression suite through a running gateway (go-ftw style): every stage is sent as
 * raw bytes over TCP, the status is read from the answer, and the rules that matched are read from
 * the gateway's access log by request id. Configure the gateway as CRS CI does (docs/waf.md).
 */
export async function runCrsRegressionHttp(crsDir: string, options: FtwHttpOptions): Promise<FtwHttpReport> {
  const url = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new BulwarkError('InvalidParameter', { field: '--http', reason: 'load and attack traffic only goes to a gateway on 127.0.0.1' });
  const files = loadFtwTests(join(crsDir, 'tests', 'regression', 'tests')).filter((f) => options.ruleId === undefined || f.ruleId === options.ruleId);
  const jobs = files.flatMap((file) => file.tests.map((test) => ({ file, test })));
  const sent: Array<Array<{ status: number; requestId: string | undefined }>> = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const stages = [];
      for (const stage of jobs[i]!.test.stages) stages.push(await exchange(url, rawBytes(stage.input)));
      sent[i] = stages;
      options.onProgress?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, () => worker()));
  // the gateway writes its access log in batches (every 200 ms): wait until every answered request is
  // in it (a busy machine can take seconds), then judge
  const expected = sent.flatMap((stages) => stages.flatMap((s) => (s.requestId ? [s.requestId] : [])));
  let rules = matchedRules(options.accessLog);
  for (let waited = 0; waited < LOG_WAIT_MS && expected.some((id) => !rules.has(id)); waited += 200) {
    await sleep(200);
    rules = matchedRules(options.accessLog);
  }
  let logChecksSkipped = 0;
  const results: FtwTestResult[] = jobs.map(({ file, test }, i) => {
    const id = `${file.ruleId}-${test.test_id}`;
    for (const [j, stage] of test.stages.entries()) {
      const answer = sent[i]![j]!;
      if (needsLog(stage.output)) logChecksSkipped++;
      const ids = answer.requestId ? (rules.get(answer.requestId) ?? new Set<number>()) : new Set<number>();
      const reason = judgeStage(stage.output, { status: answer.status, ids, log: undefined });
      if (reason !== undefined) return { id, ruleFile: file.ruleFile, passed: false, reason };
    }
    return { id, ruleFile: file.ruleFile, passed: true };
  });
  return { ...summarize(results), logChecksSkipped };
}
