import type { Macro } from './actions/macro.js';
import type { ActionTarget } from './actions/action-target.js';
import { runAction } from './actions/run-action.js';
import { parseJsonBody } from './bodies/json.js';
import { parseMultipart } from './bodies/multipart.js';
import { parseUrlEncoded } from './bodies/urlencoded.js';
import { parseXmlBody } from './bodies/xml.js';
import { urlDecode } from './transformations/url-decode.js';
import type { EngineConfig } from './engine-config.js';
import type { Interruption, MatchedRule } from './interruption.js';
import type { OperatorResult } from './operators/operator.js';
import type { ScreenGroup, ScreenSlot } from './screen-groups.js';
import { idMatcher } from './seclang/parser.js';
import { parseVariables, variableSpec } from './seclang/parse-variables.js';
import type { Phase, Rule, RuleCache, VariableSpec } from './types.js';
import { MapCollection, SingleValues, type ChangeCounter, type VarValue } from './variables/collection.js';
import { groupExclusions, isRequestData, requestDataKey, resolveTargets, type VariableSource } from './variables/resolve.js';

/** Connection facts a transaction starts with. */
export interface TransactionInit {
  readonly remoteAddr?: string;
  readonly remotePort?: number;
  readonly serverName?: string;
  readonly serverPort?: number;
  readonly requestId?: string;
}

/** Headers as a list of pairs (order and duplicates kept) or a Node-style record. */
export type HeadersInput = ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface RequestHead {
  readonly method: string;
  /** The request target exactly as received (path and query, undecoded). */
  readonly uri: string;
  /** `HTTP/1.1`, `HTTP/2.0`, … */
  readonly protocol: string;
  readonly headers: HeadersInput;
}

/** What the transaction needs from its WAF: compiled rules per phase and settings. */
export interface TransactionHost {
  readonly config: EngineConfig;
  readonly phaseRules: ReadonlyMap<Phase, readonly Rule[]>;
  readonly defaultDisruptive: (phase: Phase) => string;
  /** Rule links whose operators can be screened by literals (see screen-groups.ts). */
  readonly screenSlots?: ReadonlyMap<Rule, ScreenSlot> | undefined;
}

/** A value after a transformation chain, with its screen result for the chain's group once known. */
interface Transformed {
  readonly value: string;
  /** The group `screened` was computed for (entries are shared by all WAFs' transactions). */
  group: ScreenGroup | undefined;
  screened: Uint8Array | null;
}

const TX_SELF_MAX_MATCH = 256;
const PERSISTENT = new Set(['IP', 'SESSION', 'GLOBAL', 'USER', 'RESOURCE']);

function headerPairs(headers: HeadersInput): Array<[string, string]> {
  if (Array.isArray(headers)) return (headers as ReadonlyArray<readonly [string, string]>).map(([k, v]) => [k, v]);
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out.push([k, v]);
    else for (const item of v) out.push([k, item]);
  }
  return out;
}

function toBinary(body: Buffer | Uint8Array | string | undefined): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
}

let uniqueCounter = 0;
let envSnapshot: Array<[string, string]> | undefined;

/** The process environment, read once (ENV starts from it in every transaction). */
function processEnv(): Array<[string, string]> {
  envSnapshot ??= Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined);
  return envSnapshot;
}

/**
 * One HTTP exchange evaluated against the rules, phase by phase. Transport-free: the caller feeds request
 * and response parts and acts on the returned Interruption. Not reusable; create one per request.
 */
export class Transaction implements VariableSource, ActionTarget {
  private readonly maps = new Map<string, MapCollection>();
  /** Bumped on every change of request data (request-data maps, single values, XML) and of TX. */
  private readonly dataChanges: ChangeCounter = { n: 0 };
  private readonly singles = new SingleValues(this.dataChanges);
  /** Resolved targets of request-data (and TX) target lists, by RuleCache.targetsId, valid while dataChanges.n is `stamp`. */
  private readonly targetCache: Array<{ stamp: number; extra: readonly VariableSpec[]; list: readonly VarValue[] } | undefined> = [];
  private xmlTexts: string[] = [];
  private xmlAttributes: string[] = [];
  private interruption: Interruption | undefined;
  private readonly matched: MatchedRule[] = [];
  private readonly logLines: string[] = [];
  private readonly started = Date.now();
  private readonly tcache = new Map<string, Map<string, Transformed>>();
  private matchedVar = '';
  private matchedVarName = '';
  private currentRule: Rule | undefined;
  private allowAll = false;
  private allowRequest = false;
  private allowPhase = false;
  private ruleEngine: EngineConfig['ruleEngine'];
  private requestBodyAccess: boolean;
  private responseBodyAccess: boolean;
  private forceRequestBodyVariable = false;
  private requestBodyLimit: number;
  private bodyProcessor: string | undefined;
  private readonly removedIds: Array<(r: Rule) => boolean> = [];
  private readonly removedTags: string[] = [];
  private readonly targetExclusionsById: Array<{ match: (r: Rule) => boolean; spec: VariableSpec }> = [];
  private readonly targetExclusionsByTag: Array<{ tag: string; spec: VariableSpec }> = [];
  /** The ctl:ruleRemoveTarget* calls so far (interned: equal histories are one string). */
  private exclusionSignature = '';
  /** The distinct sets extraExclusions() returned, by the indices of their exclusions. */
  private readonly exclusionSets = new Map<string, readonly VariableSpec[]>();
  private readonly phasesDone = new Set<Phase>();
  private lastPhase: Phase = 1;
  private readonly expandFn = (m: Macro): string => this.expand(m);
  private readonly matchedVarsCollection: MapCollection;
  private multiLookups = 0;

  constructor(private readonly host: TransactionHost, init: TransactionInit = {}) {
    this.ruleEngine = host.config.ruleEngine;
    this.requestBodyAccess = host.config.requestBodyAccess;
    this.requestBodyLimit = host.config.requestBodyLimit;
    this.responseBodyAccess = host.config.responseBodyAccess;
    for (const name of ['ARGS', 'ARGS_GET', 'ARGS_POST', 'REQUEST_HEADERS', 'REQUEST_COOKIES', 'RESPONSE_HEADERS', 'TX',
      'FILES', 'FILES_SIZES', 'FILES_TMPNAMES', 'FILES_TMP_CONTENT', 'MULTIPART_PART_HEADERS', 'MATCHED_VARS', 'RULE', 'GEO']) {
      this.maps.set(name, new MapCollection(name, isRequestData(name) || name === 'TX' ? this.dataChanges : undefined));
    }
    this.matchedVarsCollection = this.maps.get('MATCHED_VARS') as MapCollection;
    const id = init.requestId ?? `${Date.now().toString(36)}${(uniqueCounter++).toString(36)}`;
    const s = this.singles;
    s.set('UNIQUE_ID', id);
    s.set('REMOTE_ADDR', init.remoteAddr ?? '');
    s.set('REMOTE_HOST', init.remoteAddr ?? '');
    s.set('REMOTE_PORT', String(init.remotePort ?? 0));
    s.set('SERVER_NAME', init.serverName ?? '');
    s.set('SERVER_PORT', String(init.serverPort ?? 0));
    const now = new Date(this.started);
    const pad = (n: number): string => String(n).padStart(2, '0');
    s.set('TIME', `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`);
    s.set('TIME_EPOCH', String(Math.floor(this.started / 1000)));
    s.set('TIME_YEAR', String(now.getFullYear()));
    s.set('TIME_MON', String(now.getMonth() + 1));
    s.set('TIME_DAY', String(now.getDate()));
    s.set('TIME_HOUR', String(now.getHours()));
    s.set('TIME_MIN', String(now.getMinutes()));
    s.set('TIME_SEC', String(now.getSeconds()));
    s.set('TIME_WDAY', String(now.getDay()));
    s.set('REQBODY_ERROR', '0');
    s.set('REQBODY_PROCESSOR_ERROR', '0');
    s.set('MULTIPART_STRICT_ERROR', '0');
    s.set('MULTIPART_UNMATCHED_BOUNDARY', '0');
    s.set('HIGHEST_SEVERITY', '255');
  }

  // ---------------------------------------------------------------- VariableSource / ActionTarget

  map(name: string): MapCollection | undefined {
    if (name === 'RULE') this.fillRuleCollection();
    if (name === 'ENV') return this.env();
    return this.maps.get(name);
  }

  /** ENV starts as the process environment, copied on first use only. */
  private env(): MapCollection {
    let env = this.maps.get('ENV');
    if (env === undefined) {
      env = new MapCollection('ENV');
      for (const [k, v] of processEnv()) env.add(k, v);
      this.maps.set('ENV', env);
    }
    return env;
  }

  single(name: string): string | undefined {
    switch (name) {
      case 'MATCHED_VAR': return this.matchedVar;
      case 'MATCHED_VAR_NAME': return this.matchedVarName;
      case 'DURATION': return String((Date.now() - this.started) * 1000);
      default: return this.singles.get(name);
    }
  }

  xml(path: string): string[] {
    if (path.includes('@')) return this.xmlAttributes;
    return this.xmlTexts;
  }

  collection(name: string): MapCollection | undefined {
    if (name === 'ENV') return this.env();
    if (name === 'TX') return this.maps.get(name);
    if (PERSISTENT.has(name)) {
      let c = this.maps.get(name);
      if (c === undefined) { c = new MapCollection(name); this.maps.set(name, c); }
      return c;
    }
    return undefined;
  }

  expand(macro: Macro): string {
    if (macro.constant) return macro.text;
    let out = '';
    for (const part of macro.parts) {
      if (typeof part === 'string') { out += part; continue; }
      out += this.lookup(part.collection, part.key);
    }
    return out;
  }

  private lookup(collection: string, key: string | undefined): string {
    if (collection === 'RULE') {
      const r = this.currentRule;
      if (r === undefined || key === undefined) return '';
      switch (key) {
        case 'id': return String(r.id);
        case 'msg': return r.msg === undefined ? '' : this.expand(r.msg);
        case 'logdata': return r.logdata === undefined ? '' : this.expand(r.logdata);
        case 'severity': return r.severity ?? '';
        case 'ver': return r.ver ?? '';
        case 'phase': return String(r.phase);
        case 'operator_value': return r.operatorParam;
        default: return '';
      }
    }
    if (key === undefined) return this.single(collection) ?? '';
    const m = this.map(collection) ?? (PERSISTENT.has(collection) ? this.collection(collection) : undefined);
    if (m !== undefined) return m.first(key) ?? '';
    return '';
  }

  private fillRuleCollection(): void {
    const c = this.maps.get('RULE');
    const r = this.currentRule;
    if (c === undefined || r === undefined) return;
    c.clear();
    c.add('id', String(r.id));
    c.add('phase', String(r.phase));
    if (r.severity !== undefined) c.add('severity', r.severity);
    if (r.ver !== undefined) c.add('ver', r.ver);
  }

  ctl(option: string, value: string): void {
    const rule = this.currentRule;
    const where = rule ? `${rule.file}:${rule.line} ctl:${option}` : `ctl:${option}`;
    switch (option) {
      case 'ruleengine': {
        const v = value.toLowerCase();
        this.ruleEngine = v === 'on' ? 'On' : v === 'off' ? 'Off' : v === 'detectiononly' ? 'DetectionOnly' : this.ruleEngine;
        return;
      }
      case 'ruleremovebyid': this.removedIds.push(idMatcher(value, where)); return;
      case 'ruleremovebytag': this.removedTags.push(value.toLowerCase()); return;
      case 'ruleremovetargetbyid': {
        const [ids, target] = splitCtlTarget(value);
        if (target === undefined) return;
        const match = idMatcher(ids, where);
        for (const spec of parseVariables(target, where)) this.targetExclusionsById.push({ match, spec: excluding(spec) });
        this.exclusionSignature = signature(this.exclusionSignature, option, value);
        return;
      }
      case 'ruleremovetargetbytag': {
        const [tag, target] = splitCtlTarget(value);
        if (target === undefined) return;
        for (const spec of parseVariables(target, where)) this.targetExclusionsByTag.push({ tag: tag.toLowerCase(), spec: excluding(spec) });
        this.exclusionSignature = signature(this.exclusionSignature, option, value);
        return;
      }
      case 'requestbodyprocessor': this.setBodyProcessor(value.toUpperCase()); return;
      case 'requestbodyaccess': this.requestBodyAccess = value.toLowerCase() === 'on'; return;
      case 'responsebodyaccess': this.responseBodyAccess = value.toLowerCase() === 'on'; return;
      case 'requestbodylimit': {
        const n = Number(value);
        if (Number.isInteger(n) && n > 0) this.requestBodyLimit = n;
        return;
      }
      case 'forcerequestbodyvariable': this.forceRequestBodyVariable = value.toLowerCase() === 'on'; return;
      default: return; // auditEngine, auditLogParts, debugLogLevel, …: no audit log in this engine.
    }
  }

  // ---------------------------------------------------------------- request / response processing

  /** Phase 1: request line and headers. */
  processRequestHeaders(head: RequestHead): Interruption | undefined {
    const s = this.singles;
    const uri = head.uri;
    s.set('REQUEST_METHOD', head.method);
    s.set('REQUEST_PROTOCOL', head.protocol);
    s.set('REQUEST_URI_RAW', uri);
    s.set('REQUEST_LINE', `${head.method} ${uri} ${head.protocol}`);
    let target = uri;
    const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(target);
    if (abs) target = target.slice(abs[0].length) || '/';
    s.set('REQUEST_URI', target);
    const hash = target.indexOf('#');
    const noFragment = hash < 0 ? target : target.slice(0, hash);
    const q = noFragment.indexOf('?');
    const path = q < 0 ? noFragment : noFragment.slice(0, q);
    const query = q < 0 ? '' : noFragment.slice(q + 1);
    // REQUEST_FILENAME is the percent-decoded path, as the web server maps it (`+` stays a plus).
    const filename = path.includes('%') ? urlDecode(path.replace(/\+/g, '%2B')) : path;
    s.set('REQUEST_FILENAME', filename);
    const slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
    s.set('REQUEST_BASENAME', slash < 0 ? filename : filename.slice(slash + 1));
    s.set('QUERY_STRING', query);
    const args = this.maps.get('ARGS') as MapCollection;
    const get = this.maps.get('ARGS_GET') as MapCollection;
    for (const p of parseUrlEncoded(query, this.host.config.argumentSeparator)) {
      get.add(p.name, p.value);
      args.add(p.name, p.value);
    }
    const headers = this.maps.get('REQUEST_HEADERS') as MapCollection;
    const cookies = this.maps.get('REQUEST_COOKIES') as MapCollection;
    for (const [k, v] of headerPairs(head.headers)) {
      headers.add(k, v);
      if (k.toLowerCase() === 'cookie') {
        for (const part of v.split(';')) {
          const item = part.replace(/^[ \t]+/, '');
          if (item === '') continue;
          const eq = item.indexOf('=');
          if (eq < 0) cookies.add(item, '');
          else cookies.add(item.slice(0, eq), item.slice(eq + 1));
        }
      }
    }
    const ct = headers.first('content-type');
    if (ct !== undefined) {
      s.set('REQUEST_CONTENT_TYPE', ct);
      // As in ModSecurity, the processor is known from the headers on (CRS 920400 reads it in phase 1).
      if (/^application\/x-www-form-urlencoded/i.test(ct)) this.setBodyProcessor('URLENCODED');
      else if (/^multipart\/form-data/i.test(ct)) this.setBodyProcessor('MULTIPART');
    }
    this.updateCombinedSize();
    return this.runPhase(1);
  }

  /** Phase 2: the request body (call it even when there is none, so phase-2 rules run). */
  processRequestBody(body?: Buffer | Uint8Array | string): Interruption | undefined {
    if (this.interruption !== undefined) return this.interruption;
    let text = toBinary(body);
    const cfg = this.host.config;
    const s = this.singles;
    const ct = (this.maps.get('REQUEST_HEADERS') as MapCollection).first('content-type') ?? '';
    if (this.requestBodyAccess && text.length > 0) {
      const limit = /^multipart\/form-data/i.test(ct) ? this.requestBodyLimit : Math.min(this.requestBodyLimit, cfg.requestBodyNoFilesLimit);
      if (text.length > limit) {
        if (cfg.requestBodyLimitAction === 'Reject' && this.ruleEngine === 'On') {
          s.set('INBOUND_DATA_ERROR', '1');
          this.interruption = { status: 413, action: 'deny', ruleId: 0 };
          return this.interruption;
        }
        s.set('INBOUND_DATA_ERROR', '1');
        text = text.slice(0, limit);
      }
      s.set('REQUEST_BODY_LENGTH', String(text.length));
      const processor = this.bodyProcessor;
      this.processBody(processor, text, ct);
      // REQUEST_BODY holds the raw body unless a structured processor took it apart (XML, MULTIPART), as in
      // ModSecurity; JSON keeps it too (CRS 934210 looks for `"key__lookup":` in JSON bodies there).
      if (processor === undefined || processor === 'URLENCODED' || processor === 'JSON' || this.forceRequestBodyVariable) s.set('REQUEST_BODY', text);
    } else {
      s.set('REQUEST_BODY_LENGTH', String(text.length));
    }
    this.updateCombinedSize();
    return this.runPhase(2);
  }

  private processBody(processor: string | undefined, text: string, ct: string): void {
    const s = this.singles;
    const post = this.maps.get('ARGS_POST') as MapCollection;
    const args = this.maps.get('ARGS') as MapCollection;
    const addArg = (name: string, value: string): void => { post.add(name, value); args.add(name, value); };
    let error: string | undefined;
    switch (processor) {
      case 'URLENCODED':
        for (const p of parseUrlEncoded(text, this.host.config.argumentSeparator)) addArg(p.name, p.value);
        break;
      case 'JSON': {
        const r = parseJsonBody(text, this.host.config.jsonDepthLimit);
        for (const p of r.pairs) addArg(p.name, p.value);
        error = r.error;
        break;
      }
      case 'XML': {
        const r = parseXmlBody(text);
        this.xmlTexts = r.texts;
        this.xmlAttributes = r.attributes;
        this.dataChanges.n++;
        error = r.error;
        break;
      }
      case 'MULTIPART': {
        const r = parseMultipart(text, ct);
        const files = this.maps.get('FILES') as MapCollection;
        const sizes = this.maps.get('FILES_SIZES') as MapCollection;
        const content = this.maps.get('FILES_TMP_CONTENT') as MapCollection;
        const partHeaders = this.maps.get('MULTIPART_PART_HEADERS') as MapCollection;
        let combined = 0;
        for (const part of r.parts) {
          for (const h of part.headers) partHeaders.add(part.name, h);
          if (part.filename !== undefined) {
            files.add(part.name, part.filename);
            sizes.add(part.name, String(part.value.length));
            content.add(part.name, part.value);
            combined += part.value.length;
            s.set('MULTIPART_FILENAME', part.filename);
          } else {
            addArg(part.name, part.value);
          }
          s.set('MULTIPART_NAME', part.name);
        }
        s.set('FILES_COMBINED_SIZE', String(combined));
        const f = r.flags;
        const flag = (name: string, v: boolean): void => { s.set(name, v ? '1' : '0'); };
        flag('MULTIPART_BOUNDARY_QUOTED', f.boundaryQuoted);
        flag('MULTIPART_BOUNDARY_WHITESPACE', f.boundaryWhitespace);
        flag('MULTIPART_DATA_BEFORE', f.dataBefore);
        flag('MULTIPART_DATA_AFTER', f.dataAfter);
        flag('MULTIPART_HEADER_FOLDING', f.headerFolding);
        flag('MULTIPART_LF_LINE', f.lfLine);
        flag('MULTIPART_CRLF_LF_LINES', f.crlfLfLines);
        flag('MULTIPART_MISSING_SEMICOLON', f.missingSemicolon);
        flag('MULTIPART_INVALID_QUOTING', f.invalidQuoting);
        flag('MULTIPART_INVALID_PART', f.invalidPart);
        flag('MULTIPART_INVALID_HEADER_FOLDING', f.invalidHeaderFolding);
        flag('MULTIPART_FILE_LIMIT_EXCEEDED', f.fileLimitExceeded);
        flag('MULTIPART_UNMATCHED_BOUNDARY', f.unmatchedBoundary);
        const strict = r.error !== undefined || f.boundaryQuoted || f.boundaryWhitespace || f.dataBefore || f.dataAfter
          || f.headerFolding || f.lfLine || f.missingSemicolon || f.invalidQuoting || f.invalidPart || f.invalidHeaderFolding
          || f.fileLimitExceeded;
        flag('MULTIPART_STRICT_ERROR', strict);
        error = r.error;
        break;
      }
      default:
        break;
    }
    if (error !== undefined) {
      s.set('REQBODY_ERROR', '1');
      s.set('REQBODY_ERROR_MSG', error);
      s.set('REQBODY_PROCESSOR_ERROR', '1');
      s.set('REQBODY_PROCESSOR_ERROR_MSG', error);
      this.logLines.push(`ModSecurity: Request body processing error: ${error}`);
    }
  }

  private setBodyProcessor(name: string): void {
    this.bodyProcessor = name;
    this.singles.set('REQBODY_PROCESSOR', name);
  }

  private updateCombinedSize(): void {
    let size = 0;
    for (const e of (this.maps.get('ARGS') as MapCollection).all()) size += e.key.length + e.value.length;
    this.singles.set('ARGS_COMBINED_SIZE', String(size));
  }

  /** Phase 3: response status and headers. */
  processResponseHeaders(status: number, headers: HeadersInput, protocol = 'HTTP/1.1'): Interruption | undefined {
    if (this.interruption !== undefined) return this.interruption;
    const s = this.singles;
    s.set('RESPONSE_STATUS', String(status));
    s.set('RESPONSE_PROTOCOL', protocol);
    s.set('STATUS_LINE', `${protocol} ${status}`);
    const rh = this.maps.get('RESPONSE_HEADERS') as MapCollection;
    for (const [k, v] of headerPairs(headers)) rh.add(k, v);
    const ct = rh.first('content-type');
    if (ct !== undefined) s.set('RESPONSE_CONTENT_TYPE', ct);
    const cl = rh.first('content-length');
    if (cl !== undefined) s.set('RESPONSE_CONTENT_LENGTH', cl);
    return this.runPhase(3);
  }

  /** Whether the response body should be buffered and given to processResponseBody (access on, MIME type listed). */
  wantsResponseBody(): boolean {
    if (!this.responseBodyAccess || this.ruleEngine === 'Off') return false;
    const ct = (this.singles.get('RESPONSE_CONTENT_TYPE') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return this.host.config.responseBodyMimeTypes.has(ct);
  }

  /** Phase 4: the response body. */
  processResponseBody(body?: Buffer | Uint8Array | string): Interruption | undefined {
    if (this.interruption !== undefined) return this.interruption;
    if (this.wantsResponseBody()) {
      let text = toBinary(body);
      const limit = this.host.config.responseBodyLimit;
      if (text.length > limit) {
        this.singles.set('OUTBOUND_DATA_ERROR', '1');
        if (this.host.config.responseBodyLimitAction === 'Reject' && this.ruleEngine === 'On') {
          this.interruption = { status: 500, action: 'deny', ruleId: 0 };
          return this.interruption;
        }
        text = text.slice(0, limit);
      }
      this.singles.set('RESPONSE_BODY', text);
      this.singles.set('RESPONSE_BODY_LENGTH', String(text.length));
    }
    return this.runPhase(4);
  }

  /** Phase 5: logging rules (correlation); never interrupts. */
  processLogging(): void {
    const saved = this.interruption;
    this.interruption = undefined;
    this.runPhase(5);
    this.interruption = saved;
  }

  // ---------------------------------------------------------------- results

  /** The interruption decided so far, if any. */
  interrupted(): Interruption | undefined {
    return this.interruption;
  }

  /** Rules that matched and log, in order (attack events). */
  matchedRules(): readonly MatchedRule[] {
    return this.matched;
  }

  /** ModSecurity-style error-log lines (`… [id "942100"] [msg "…"] …`), as CRS regression tests read them. */
  logs(): readonly string[] {
    return this.logLines;
  }

  /** Anomaly scores as CRS computes them (blocking level), for attack events. */
  anomalyScores(): { inbound: number; outbound: number } {
    const tx = this.maps.get('TX') as MapCollection;
    const num = (k: string): number => Number.parseInt(tx.first(k) ?? '0', 10) || 0;
    return {
      inbound: num('blocking_inbound_anomaly_score') || num('anomaly_score') || num('inbound_anomaly_score'),
      outbound: num('blocking_outbound_anomaly_score') || num('outbound_anomaly_score'),
    };
  }

  /** Reads a TX variable (tests, diagnostics). */
  txVar(key: string): string | undefined {
    return (this.maps.get('TX') as MapCollection).first(key.toLowerCase());
  }

  // ---------------------------------------------------------------- rule evaluation

  private runPhase(phase: Phase): Interruption | undefined {
    if (this.interruption !== undefined) return this.interruption;
    if (this.ruleEngine === 'Off' || this.phasesDone.has(phase)) return undefined;
    this.phasesDone.add(phase);
    this.lastPhase = phase;
    this.allowPhase = false;
    if (phase !== 5 && (this.allowAll || (this.allowRequest && phase <= 2))) return undefined;
    const rules = this.host.phaseRules.get(phase) ?? [];
    let skip = 0;
    let skipAfter: string | undefined;
    for (const rule of rules) {
      if (rule.marker !== undefined) {
        if (skipAfter !== undefined && rule.marker === skipAfter) skipAfter = undefined;
        continue;
      }
      if (skipAfter !== undefined) continue;
      if (skip > 0) { skip--; continue; }
      if (this.isRemoved(rule)) continue;
      const hit = this.evaluateChain(rule);
      if (!hit) continue;
      if (rule.skipAfter !== undefined) skipAfter = rule.skipAfter;
      if (rule.skip > 0) skip = rule.skip;
      if (this.interruption !== undefined) return this.interruption;
      if (this.allowPhase || (phase !== 5 && (this.allowAll || (this.allowRequest && phase <= 2)))) break;
    }
    return this.interruption;
  }

  private isRemoved(rule: Rule): boolean {
    for (const m of this.removedIds) if (m(rule)) return true;
    if (this.removedTags.length > 0) {
      for (const t of ruleCache(rule).tagsLower) if (this.removedTags.includes(t)) return true;
    }
    return false;
  }

  /**
   * The ctl:ruleRemoveTarget* exclusions that apply to a chain; equal sets are one array (so targets
   * resolved with them can be shared).
   */
  private extraExclusions(starter: Rule): readonly VariableSpec[] {
    const byId = this.targetExclusionsById;
    const byTag = this.targetExclusionsByTag;
    if (byId.length === 0 && byTag.length === 0) return NO_SPECS;
    // which exclusions apply depends on the starter and the ctl values only: remembered on the rule, by signature
    const c = ruleCache(starter);
    let key = c.exclusionSignature === this.exclusionSignature ? c.exclusionKey : undefined;
    if (key === undefined) {
      key = '';
      for (let i = 0; i < byId.length; i++) if ((byId[i] as (typeof byId)[number]).match(starter)) key += `i${i},`;
      if (c.tagSet.size > 0) for (let i = 0; i < byTag.length; i++) if (c.tagSet.has((byTag[i] as (typeof byTag)[number]).tag)) key += `t${i},`;
      c.exclusionSignature = this.exclusionSignature;
      c.exclusionKey = key;
    }
    if (key === '') return NO_SPECS;
    let specs = this.exclusionSets.get(key);
    if (specs === undefined) {
      specs = key.slice(0, -1).split(',').map((k) => (k[0] === 'i' ? byId : byTag)[Number(k.slice(1))]?.spec as VariableSpec);
      this.exclusionSets.set(key, specs);
    }
    return specs;
  }

  /** Evaluates a rule and its chain; on a full match logs it and applies its disruptive action. */
  private evaluateChain(starter: Rule): boolean {
    this.matchedVarsCollection.clear();
    let lastData = '';
    for (let link: Rule | undefined = starter; link !== undefined; link = link.chain) {
      this.currentRule = starter;
      const r = this.evaluateLink(link, starter);
      if (r === undefined) return false;
      lastData = r;
    }
    this.currentRule = starter;
    const disruptive = starter.disruptive === 'block' ? this.host.defaultDisruptive(starter.phase) : starter.disruptive;
    if (starter.log) {
      const msg = starter.msg === undefined ? '' : this.expand(starter.msg);
      const logdata = starter.logdata === undefined ? '' : this.expand(starter.logdata);
      const data = lastData.length > TX_SELF_MAX_MATCH ? lastData.slice(0, TX_SELF_MAX_MATCH) : lastData;
      this.matched.push({ id: starter.id, phase: starter.phase, msg, logdata, tags: starter.tags, severity: starter.severity,
        matchedVar: this.matchedVarName, matchedData: data, disruptive, file: starter.file, line: starter.line });
      this.logLines.push(`ModSecurity: ${this.ruleEngine === 'On' && disruptive !== 'pass' && disruptive !== 'allow' ? 'Access denied' : 'Warning'}. `
        + `Matched "Operator \`${starter.operatorName}' with parameter \`${starter.operatorParam.slice(0, 128)}'" against variable \`${this.matchedVarName}' `
        + `[file "${starter.file}"] [line "${starter.line}"] [id "${starter.id}"] [msg "${logEscape(msg)}"] [data "${logEscape(logdata)}"] `
        + `[severity "${starter.severity ?? ''}"] [ver "${starter.ver ?? ''}"]${starter.tags.map((t) => ` [tag "${t}"]`).join('')} `
        + `[unique_id "${this.singles.get('UNIQUE_ID') ?? ''}"]`);
    }
    this.applyDisruptive(starter, disruptive);
    return true;
  }

  private applyDisruptive(rule: Rule, disruptive: string): void {
    if (disruptive === 'allow') {
      if (rule.allowScope === 'phase') this.allowPhase = true;
      else if (rule.allowScope === 'request') this.allowRequest = true;
      else this.allowAll = true;
      return;
    }
    if (this.ruleEngine !== 'On' || this.lastPhase === 5) return;
    if (disruptive === 'deny') this.interruption = { status: rule.status ?? 403, action: 'deny', ruleId: rule.id };
    else if (disruptive === 'drop') this.interruption = { status: 0, action: 'drop', ruleId: rule.id };
    else if (disruptive === 'redirect') {
      this.interruption = { status: rule.status ?? 302, action: 'redirect', ruleId: rule.id, location: rule.redirect ?? '' };
    }
  }

  /**
   * Applies the rule's transformation chain. Results are cached per chain within the transaction, and
   * for short values also across transactions (transformations are pure; header and form values
   * repeat from request to request). The cache entry also keeps the value's screen result.
   */
  private transformed(value: string, rule: Rule): Transformed {
    const ts = rule.transformations;
    const key = ruleCache(rule).tkey;
    let cache = this.tcache.get(key);
    if (cache === undefined) { cache = new Map(); this.tcache.set(key, cache); }
    const hit = cache.get(value);
    if (hit !== undefined) return hit;
    // A transaction with thousands of values (a large JSON body) would only churn the shared cache.
    const useShared = value.length <= SHARED_T_MAX_INPUT && cache.size < SHARED_T_MAX_PER_TX;
    let shared: Map<string, Transformed> | undefined;
    if (useShared) {
      shared = sharedTransforms.get(key);
      if (shared === undefined) { shared = new Map(); sharedTransforms.set(key, shared); }
      const known = shared.get(value);
      if (known !== undefined) return known;
    }
    let v = value;
    for (const t of ts) v = t.fn(v);
    const entry: Transformed = { value: v, group: undefined, screened: null };
    if (value.length < 65536) cache.set(value, entry);
    if (shared !== undefined) {
      if (shared.size >= SHARED_T_MAX_ENTRIES) shared.clear();
      shared.set(value, entry);
    }
    return entry;
  }

  /** transformed() for a target, remembered on the target itself (collection entries keep theirs for the transaction). */
  private transformedTarget(target: VarValue, rule: Rule, i: number): Transformed {
    const known = target.transformed?.[i] as Transformed | undefined;
    if (known !== undefined) return known;
    const entry = this.transformed(target.value, rule);
    (target.transformed ??= [])[i] = entry;
    return entry;
  }

  /** Whether the screen lets the link's operator see this value (false: the operator cannot match it). */
  private static screenPasses(entry: Transformed, slot: ScreenSlot): boolean {
    if (entry.group !== slot.group) {
      entry.screened = slot.group.scan(entry.value);
      entry.group = slot.group;
    }
    const screened = entry.screened;
    return screened === null || screened[slot.index] === 1;
  }

  /** True when a batch-capable operator (libinjection) matches none of the link's values. */
  private noneMatch(rule: Rule, targets: readonly VarValue[]): boolean {
    const batch = rule.operator?.noneMatch;
    if (batch === undefined || targets.length < NONE_MATCH_MIN_VALUES) return false;
    const values: string[] = [];
    const tindex = ruleCache(rule).tindex;
    for (const target of targets) {
      if (rule.multiMatch) values.push(...this.multiValues(target.value, rule));
      else values.push(rule.transformations.length === 0 ? target.value : this.transformedTarget(target, rule, tindex).value);
    }
    return batch(values);
  }

  /** The values a link's targets select; shared by links with the same request-data-only targets until the data changes. */
  private targetsOf(rule: Rule, starter: Rule): readonly VarValue[] {
    const extra = this.extraExclusions(starter);
    const c = ruleCache(rule);
    if (c.targetsId < 0) return resolveTargets(rule.variables, extra, this, c.exclusions);
    const known = this.targetCache[c.targetsId];
    const stamp = this.dataChanges.n;
    if (known !== undefined && known.stamp === stamp && known.extra === extra) return known.list;
    const list = resolveTargets(rule.variables, extra, this, c.exclusions);
    this.targetCache[c.targetsId] = { stamp, extra, list };
    return list;
  }

  /** Evaluates one rule of a chain over its targets; returns the last matched data or undefined. */
  private evaluateLink(rule: Rule, starter: Rule): string | undefined {
    const op = rule.operator;
    if (op === undefined) return undefined;
    const targets: readonly VarValue[] = rule.variables.length === 0 ? NO_VARIABLE : this.targetsOf(rule, starter);
    if (targets.length === 0) return undefined;
    let matchedVars: Array<[string, string]> | undefined;
    let lastData: string | undefined;
    const expand = this.expandFn;
    // One result object per link, reset before each evaluation (operators only assign its fields).
    const out: OperatorResult = {};
    const slot = rule.multiMatch ? undefined : this.host.screenSlots?.get(rule);
    // values as they are when there is neither a transformation nor a screen
    const tindex = slot === undefined && rule.transformations.length === 0 ? -1 : ruleCache(rule).tindex;
    // an operator that matches none of the values answers false for each, without being called
    const none = this.noneMatch(rule, targets);
    for (const target of targets) {
      if (!rule.multiMatch) {
        out.captures = undefined;
        out.matched = undefined;
        const entry = tindex < 0 ? undefined : this.transformedTarget(target, rule, tindex);
        const value = entry === undefined ? target.value : entry.value;
        const hit = !none && (slot === undefined || Transaction.screenPasses(entry as Transformed, slot)) && op.evaluate(value, out, rule.capture, expand);
        if (hit !== rule.negated) {
          lastData = this.onMatch(rule, starter, target, value, out);
          (matchedVars ??= []).push([target.name, value]);
        }
        continue;
      }
      for (const value of this.multiValues(target.value, rule)) {
        out.captures = undefined;
        out.matched = undefined;
        if ((!none && op.evaluate(value, out, rule.capture, expand)) === rule.negated) continue;
        lastData = this.onMatch(rule, starter, target, value, out);
        (matchedVars ??= []).push([target.name, value]);
      }
    }
    if (lastData === undefined) return undefined;
    const mv = this.matchedVarsCollection;
    mv.clear();
    for (const [k, v] of matchedVars as Array<[string, string]>) mv.add(k, v);
    return lastData;
  }

  /** Records one match of a link (MATCHED_VAR, captures) and runs its non-disruptive actions. */
  private onMatch(rule: Rule, starter: Rule, target: VarValue, value: string, out: OperatorResult): string {
    this.matchedVar = value;
    this.matchedVarName = target.name;
    if (rule.capture && out.captures !== undefined) {
      const tx = this.maps.get('TX') as MapCollection;
      for (let i = 0; i < 10; i++) {
        const c = out.captures[i];
        if (c !== undefined) tx.set(String(i), c);
      }
    }
    const data = out.matched ?? value;
    this.currentRule = starter;
    for (const a of rule.actions) runAction(a, this);
    return data;
  }

  /** multiMatch: the value and each distinct intermediate result of the chain (short values cached across transactions). */
  private multiValues(value: string, rule: Rule): readonly string[] {
    // as for transform(): a transaction with thousands of values stops using (and churning) the shared cache
    const cacheable = value.length <= SHARED_T_MAX_INPUT && rule.transformations.length > 0 && this.multiLookups++ < SHARED_MULTI_MAX_PER_TX;
    let shared: Map<string, readonly string[]> | undefined;
    if (cacheable) {
      const key = ruleCache(rule).tkey;
      shared = sharedMultiValues.get(key);
      if (shared === undefined) { shared = new Map(); sharedMultiValues.set(key, shared); }
      const known = shared.get(value);
      if (known !== undefined) return known;
    }
    const out = [value];
    let v = value;
    for (const t of rule.transformations) {
      const next = t.fn(v);
      if (next !== v) out.push(next);
      v = next;
    }
    if (shared !== undefined) {
      if (shared.size >= SHARED_T_MAX_ENTRIES) shared.clear();
      shared.set(value, out);
    }
    return out;
  }
}

/** The rule's derived caches, rebuilt if its variables or transformations were replaced since. */
function ruleCache(rule: Rule): RuleCache {
  const c = rule.cache;
  if (c !== undefined && c.variables === rule.variables && c.transformations === rule.transformations && c.tcount === rule.transformations.length
    && c.tags === rule.tags && c.tagsLower.length === rule.tags.length) return c;
  const tkey = rule.transformations.map((t) => t.name).join(',');
  const tagsLower = rule.tags.map((t) => t.toLowerCase());
  const fresh: RuleCache = {
    variables: rule.variables,
    exclusions: groupExclusions(rule.variables, NO_SPECS),
    transformations: rule.transformations,
    tcount: rule.transformations.length,
    tkey,
    tindex: chainIndex(tkey),
    targetsId: targetListIndex(rule.variables),
    tags: rule.tags,
    tagsLower,
    tagSet: new Set(tagsLower),
  };
  rule.cache = fresh;
  return fresh;
}
const NO_SPECS: readonly VariableSpec[] = [];

/** Request-data-only target lists numbered as first seen (rules with equal lists share resolved targets). */
const targetLists = new Map<string, number>();
function targetListIndex(specs: readonly VariableSpec[]): number {
  const key = requestDataKey(specs);
  if (key === undefined) return -1;
  let n = targetLists.get(key);
  if (n === undefined) { n = targetLists.size; targetLists.set(key, n); }
  return n;
}

/** Interned ctl:ruleRemoveTarget* histories (bounded: a history is as long as a transaction's ctl list). */
const signatures = new Map<string, string>();
function signature(before: string, option: string, value: string): string {
  const text = `${before}\u0000${option}=${value}`;
  let known = signatures.get(text);
  if (known === undefined) {
    if (signatures.size >= 4096) signatures.clear();
    known = text;
    signatures.set(text, known);
  }
  return known;
}

/** Transformation chains numbered as first seen (a handful in any rule set). */
const chainNumbers = new Map<string, number>();
function chainIndex(tkey: string): number {
  let n = chainNumbers.get(tkey);
  if (n === undefined) { n = chainNumbers.size; chainNumbers.set(tkey, n); }
  return n;
}

/** Transformation results shared by all transactions: per chain key, values up to 1 KB, bounded. */
const sharedTransforms = new Map<string, Map<string, Transformed>>();
const SHARED_T_MAX_INPUT = 1024;
const SHARED_T_MAX_ENTRIES = 4096;
const SHARED_T_MAX_PER_TX = 512;
/** The same for multiMatch value lists. */
const sharedMultiValues = new Map<string, Map<string, readonly string[]>>();
const SHARED_MULTI_MAX_PER_TX = 2048;
/** Links with fewer values call a batch-capable operator value by value. */
const NONE_MATCH_MIN_VALUES = 2;

function excluding(spec: VariableSpec): VariableSpec {
  return variableSpec(spec.collection, spec.key, spec.keyDisplay, spec.keyRegex, spec.count, true);
}
/** The one target of a rule without variables (SecAction-like links). */
const NO_VARIABLE: readonly VarValue[] = [{ name: '', key: '', value: '', transformed: undefined }];

/** Escapes a value for a log line as ModSecurity does: control and non-ASCII bytes as \xHH, `"` and `\` escaped. */
function logEscape(value: string): string {
  // eslint-disable-next-line no-control-regex -- control bytes are what gets escaped
  return value.replace(/[\x00-\x1f\x7f-\xff"\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

function splitCtlTarget(value: string): [string, string | undefined] {
  const semi = value.indexOf(';');
  if (semi < 0) return [value, undefined];
  return [value.slice(0, semi).trim(), value.slice(semi + 1).trim()];
}
