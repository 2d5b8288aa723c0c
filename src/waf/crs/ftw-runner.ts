import { join } from 'node:path';
import RE2 from 're2';
import { createWaf, type Waf } from '../waf.js';
import { loadFtwTests, type FtwFile, type FtwInput, type FtwOutput, type FtwTest } from './ftw-test.js';
import { frontEndReject } from './http-front.js';
import { decodeChunked, parseRawRequest, type ParsedRequest } from './raw-request.js';

/**
 * The configuration CRS CI uses for its regression run (tests/docker-compose.yml / Coraza's ftw set-up):
 * DetectionOnly, paranoia 4, UTF-8 validation on and the argument limits the tests are written for.
 */
export const CRS_CI_SECLANG = `SecAction "id:900005,phase:1,nolog,pass,t:none,ctl:ruleEngine=DetectionOnly,ctl:ruleRemoveById=910000,\
setvar:tx.blocking_paranoia_level=4,setvar:tx.crs_validate_utf8_encoding=1,setvar:tx.arg_name_length=100,\
setvar:tx.arg_length=400,setvar:tx.total_arg_length=64000,setvar:tx.max_num_args=255,setvar:tx.max_file_size=64100,\
setvar:tx.combined_file_sizes=65535"
`;

export interface FtwTestResult {
  readonly id: string;
  readonly ruleFile: string;
  readonly passed: boolean;
  readonly reason?: string;
}

export interface FtwFileSummary {
  readonly passed: number;
  readonly failed: number;
  readonly failing: string[];
}

export interface FtwReport {
  readonly totals: { readonly tests: number; readonly passed: number; readonly failed: number; readonly passRate: number };
  readonly files: Record<string, FtwFileSummary>;
  readonly results: FtwTestResult[];
}

export interface FtwRunOptions {
  /** Only tests whose rule id equals this. */
  readonly ruleId?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Builds the WAF exactly as the conformance run needs it. */
export async function createCrsTestWaf(crsDir: string): Promise<Waf> {
  return createWaf({ crsDir, paranoia: 4, mode: 'detect', preCrsSecLang: CRS_CI_SECLANG });
}

/** The request a go-ftw stage input describes (raw `encoded_request`, or built with go-ftw's header autocomplete). */
export function toRequest(input: FtwInput): ParsedRequest | undefined {
  if (input.encoded_request !== undefined) {
    return parseRawRequest(Buffer.from(input.encoded_request, 'base64').toString('latin1'));
  }
  const headers: Array<[string, string]> = Object.entries(input.headers ?? {}).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('latin1')]);
  const body = input.data === undefined ? '' : Buffer.from(expandTemplate(input.data), 'utf8').toString('latin1');
  const auto = input.autocomplete_headers !== false;
  // go-ftw's autocomplete: a body gets a Content-Length and, when absent, a urlencoded Content-Type.
  const method = input.method ?? 'GET';
  const bodyMethod = body.length > 0 || /^(POST|PUT|PATCH)$/.test(method);
  if (auto && bodyMethod && !headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))) {
    headers.push(['Content-Length', String(body.length)]);
  }
  if (auto && body.length > 0 && !headers.some(([k]) => /^content-type$/i.test(k))) {
    headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  if (auto && !headers.some(([k]) => /^connection$/i.test(k))) headers.push(['Connection', 'close']);
  return {
    method,
    uri: Buffer.from(input.uri ?? '/', 'utf8').toString('latin1'),
    version: input.version ?? 'HTTP/1.1',
    headers,
    body,
  };
}

/** go-ftw data templates CRS uses: `{{ "x" | repeat N }}`. */
export function expandTemplate(data: string): string {
  return data.replace(/\{\{\s*"((?:[^"\\]|\\.)*)"\s*\|\s*repeat\s+(\d+)\s*\}\}/g, (_m, s: string, n: string) => s.repeat(Number(n)));
}

/**
 * How the front end hands the request to the WAF: with Transfer-Encoding the body is de-chunked and
 * Content-Length dropped (RFC 9112 §6.3, as Apache does); without either header there is no body.
 */
function frameBody(req: ParsedRequest): ParsedRequest {
  const te = req.headers.find(([k]) => k.toLowerCase() === 'transfer-encoding');
  if (te !== undefined) {
    const headers = req.headers.filter(([k]) => k.toLowerCase() !== 'content-length');
    const body = /chunked/i.test(te[1]) && /^[0-9a-fA-F]+\r\n/.test(req.body) ? decodeChunked(req.body) : req.body;
    return { ...req, headers, body };
  }
  if (!req.headers.some(([k]) => k.toLowerCase() === 'content-length')) return { ...req, body: '' };
  return req;
}

/** Apache joins repeated request headers into one comma-separated header before modules see them. */
function joinRepeatedHeaders(req: ParsedRequest): ParsedRequest {
  const seen = new Map<string, [string, string]>();
  const headers: Array<[string, string]> = [];
  for (const [k, v] of req.headers) {
    const prev = seen.get(k.toLowerCase());
    if (prev !== undefined) { prev[1] = `${prev[1]}, ${v}`; continue; }
    const h: [string, string] = [k, v];
    seen.set(k.toLowerCase(), h);
    headers.push(h);
  }
  return { ...req, headers };
}

/** What the echo backend (CRS's albedo) answers: `/reflect` returns the status/headers/body it is sent. */
export function backendResponse(req: Pick<ParsedRequest, 'uri' | 'body'>): { status: number; headers: Array<[string, string]>; body: string } {
  const path = req.uri.split('?')[0] ?? '';
  if (path === '/reflect' && req.body !== '') {
    try {
      const spec = JSON.parse(Buffer.from(req.body, 'latin1').toString('utf8')) as { status?: number; headers?: Record<string, string>; body?: string; encodedBody?: string };
      const body = spec.encodedBody !== undefined ? Buffer.from(spec.encodedBody, 'base64').toString('latin1') : Buffer.from(spec.body ?? '', 'utf8').toString('latin1');
      const headers = Object.entries(spec.headers ?? {});
      if (!headers.some(([k]) => k.toLowerCase() === 'content-type')) {
        headers.push(['Content-Type', /^\s*<(?:!doctype html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)\b/i.test(body) ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8']);
      }
      return { status: spec.status ?? 200, headers, body };
    } catch {
      // not a reflect spec: fall through to the default answer
    }
  }
  return { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: '' };
}

function runStage(waf: Waf, input: FtwInput, output: FtwOutput): string | undefined {
  const parsed = toRequest(input);
  const req = parsed === undefined ? undefined : joinRepeatedHeaders(frameBody(parsed));
  let status: number;
  let ids = new Set<number>();
  let log = '';
  const rejected = req === undefined ? 400 : frontEndReject(req);
  if (rejected !== undefined || req === undefined) {
    status = rejected ?? 400;
  } else {
    const tx = waf.newTransaction({ remoteAddr: '127.0.0.1', remotePort: 40000, serverName: 'localhost', serverPort: input.port ?? 80 });
    // A request line without a version is HTTP/0.9 (the front end lets it through; CRS 920430 flags it).
    let it = tx.processRequestHeaders({ method: req.method, uri: req.uri, protocol: req.version === '' ? 'HTTP/0.9' : req.version, headers: req.headers });
    it ??= tx.processRequestBody(req.body);
    if (it === undefined) {
      const res = backendResponse(req);
      it = tx.processResponseHeaders(res.status, res.headers);
      it ??= tx.processResponseBody(res.body);
      status = it?.status ?? res.status;
    } else {
      status = it.status;
    }
    tx.processLogging();
    ids = new Set(tx.matchedRules().map((m) => m.id));
    log = tx.logs().join('\n');
  }
  return judgeStage(output, { status, ids, log });
}

/** What a stage produced: the status answered, the rule ids that matched and (when known) the engine's log. */
export interface StageOutcome {
  status: number;
  ids: ReadonlySet<number>;
  /** undefined over HTTP: the log lines are not visible there */
  log: string | undefined;
}

/** Checks a stage's expectations; undefined = passed. Log-text checks are skipped when the log is unknown. */
export function judgeStage(output: FtwOutput, { status, ids, log }: StageOutcome): string | undefined {
  const l = output.log;
  for (const id of l?.expect_ids ?? []) if (!ids.has(id)) return `expected rule ${id} did not match`;
  for (const id of l?.no_expect_ids ?? []) if (ids.has(id)) return `rule ${id} matched but must not`;
  if (log !== undefined) {
    if (l?.match_regex !== undefined && !new RE2(l.match_regex).test(log)) return `log does not match /${l.match_regex}/`;
    if (l?.no_match_regex !== undefined && new RE2(l.no_match_regex).test(log)) return `log matches /${l.no_match_regex}/ but must not`;
    if (output.log_contains !== undefined && !new RE2(output.log_contains).test(log)) return `log does not contain /${output.log_contains}/`;
    if (output.no_log_contains !== undefined && new RE2(output.no_log_contains).test(log)) return `log contains /${output.no_log_contains}/`;
  }
  if (output.status !== undefined) {
    const ok = Array.isArray(output.status) ? output.status.includes(status) : output.status === status;
    if (!ok) return `status ${status}, expected ${JSON.stringify(output.status)}`;
  }
  return undefined;
}

/** Whether a stage's verdict needs the engine's log text (not visible through a gateway). */
export function needsLog(output: FtwOutput): boolean {
  const l = output.log;
  return l?.match_regex !== undefined || l?.no_match_regex !== undefined || output.log_contains !== undefined || output.no_log_contains !== undefined;
}

function runTest(waf: Waf, file: FtwFile, test: FtwTest): FtwTestResult {
  const id = `${file.ruleId}-${test.test_id}`;
  for (const stage of test.stages) {
    let reason: string | undefined;
    try {
      reason = runStage(waf, stage.input, stage.output);
    } catch (e) {
      reason = `engine error: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (reason !== undefined) return { id, ruleFile: file.ruleFile, passed: false, reason };
  }
  return { id, ruleFile: file.ruleFile, passed: true };
}

/** Runs the CRS regression suite of `crsDir` in-process and summarises it per rule file. */
export async function runCrsRegression(crsDir: string, options: FtwRunOptions = {}, waf?: Waf): Promise<FtwReport> {
  const files = loadFtwTests(join(crsDir, 'tests', 'regression', 'tests'))
    .filter((f) => options.ruleId === undefined || f.ruleId === options.ruleId);
  const engine = waf ?? await createCrsTestWaf(crsDir);
  const results: FtwTestResult[] = [];
  const total = files.reduce((n, f) => n + f.tests.length, 0);
  for (const file of files) {
    for (const test of file.tests) {
      results.push(runTest(engine, file, test));
      options.onProgress?.(results.length, total);
    }
  }
  return summarize(results);
}

/** Totals and per-rule-file pass counts of a run. */
export function summarize(results: FtwTestResult[]): FtwReport {
  const summary: Record<string, FtwFileSummary> = {};
  for (const r of results) {
    const s = summary[r.ruleFile] ?? { passed: 0, failed: 0, failing: [] };
    summary[r.ruleFile] = r.passed ? { ...s, passed: s.passed + 1 } : { passed: s.passed, failed: s.failed + 1, failing: [...s.failing, r.id] };
  }
  const passed = results.filter((r) => r.passed).length;
  return {
    totals: { tests: results.length, passed, failed: results.length - passed, passRate: results.length === 0 ? 0 : passed / results.length },
    files: summary,
    results,
  };
}
