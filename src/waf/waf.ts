import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { EngineConfig } from './engine-config.js';
import { RuleSet } from './seclang/parser.js';
import { screenSlots, type ScreenSlot } from './screen-groups.js';
import { Transaction, type TransactionHost, type TransactionInit } from './transaction.js';
import type { Phase, Rule } from './types.js';

/** Where Debian/Ubuntu's `modsecurity-crs` package puts the Core Rule Set. */
export const DEBIAN_CRS_DIR = '/usr/share/modsecurity-crs';

/** A path prefix an exclusion is limited to (it becomes a `ctl:` rule, so no spaces, quotes or commas). */
const exclusionPath = z.string().max(1024).regex(/^\/[^\s"',\\]*$/, 'expected a path prefix such as /api/search (no spaces, quotes or commas)');
const CTL_SAFE = /^[^\s"',\\]+$/;
const ctlSafe = (e: { tag?: string; target?: string | undefined; path?: string | undefined }): boolean =>
  e.path === undefined || ((e.tag === undefined || CTL_SAFE.test(e.tag)) && (e.target === undefined || CTL_SAFE.test(e.target)));
const CTL_UNSAFE = { message: 'with a path, tag and target may not contain spaces, quotes or commas', path: ['path'] };

/**
 * Rule exclusions: `{ id }` / `{ tag }` removes rules; with `target` only that target (`ARGS:password`);
 * with `path` only for requests whose path starts with it (a phase-1 `ctl:` rule, as CRS exclusions do).
 */
export const exclusionSchema = z.union([
  z.object({ id: z.union([z.number().int().positive(), z.string().regex(/^\d+(-\d+)?$/)]), target: z.string().min(1).optional(), path: exclusionPath.optional() }).strict().refine(ctlSafe, CTL_UNSAFE),
  z.object({ tag: z.string().min(1), target: z.string().min(1).optional(), path: exclusionPath.optional() }).strict().refine(ctlSafe, CTL_UNSAFE),
]);
export type Exclusion = z.output<typeof exclusionSchema>;

/** First rule id of the generated path-scoped exclusion rules. */
export const PATH_EXCLUSION_BASE_ID = 9000100;

/** The phase-1 rules of path-scoped exclusions (loaded before the rules they exclude); '' when there are none. */
export function pathExclusionSecLang(exclusions: readonly Exclusion[]): string {
  return exclusions
    .filter((e) => e.path !== undefined)
    .map((e, i) => {
      const ctl = 'id' in e
        ? (e.target ? `ctl:ruleRemoveTargetById=${String(e.id)};${e.target}` : `ctl:ruleRemoveById=${String(e.id)}`)
        : (e.target ? `ctl:ruleRemoveTargetByTag=${e.tag};${e.target}` : `ctl:ruleRemoveByTag=${e.tag}`);
      return `SecRule REQUEST_FILENAME "@beginsWith ${e.path ?? '/'}" "id:${PATH_EXCLUSION_BASE_ID + i},phase:1,pass,nolog,t:none,${ctl}"`;
    })
    .join('\n');
}

export const wafOptionsSchema = z.object({
  /** CRS directory (with rules/ and crs-setup.conf[.example]); omitted = no CRS, only `rules`. */
  crsDir: z.string().min(1).optional(),
  /** CRS paranoia level (blocking and detection). */
  paranoia: z.number().int().min(1).max(4).default(1),
  /** block = SecRuleEngine On, detect = DetectionOnly, off = Off. */
  mode: z.enum(['block', 'detect', 'off']).default('block'),
  thresholds: z.object({ inbound: z.number().int().positive().default(5), outbound: z.number().int().positive().default(4) }).strict().default({ inbound: 5, outbound: 4 }),
  /** Rule exclusions: `{id}` / `{tag}` removes rules, with `target` only removes that target (`ARGS:password`). */
  exclusions: z.array(exclusionSchema).default([]),
  /** Custom SecLang lines (SecRule …), loaded after the CRS set-up and before the CRS rules. */
  rules: z.array(z.string()).default([]),
  /** Extra SecLang loaded after everything (tests, conformance runner). */
  extraSecLang: z.string().optional(),
  /** SecLang loaded before the CRS rules (after crs-setup), e.g. the conformance runner's set-up. */
  preCrsSecLang: z.string().optional(),
  /** Request / response body inspection limits, bytes. */
  requestBodyLimit: z.number().int().positive().optional(),
  responseBodyLimit: z.number().int().positive().optional(),
}).strict();

export type WafOptions = z.input<typeof wafOptionsSchema>;

/**
 * Equivalent of modsecurity.conf-recommended: body access, body processors for XML and JSON, and the
 * request-body / multipart error rules (200000–200004) that CRS expects from its host.
 */
export const RECOMMENDED_SECLANG = `
SecRequestBodyAccess On
SecResponseBodyAccess On
SecResponseBodyMimeType text/plain text/html text/xml application/json
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecRequestBodyLimitAction Reject
SecResponseBodyLimit 524288
SecResponseBodyLimitAction ProcessPartial
SecRule REQUEST_HEADERS:Content-Type "@rx (?:application(?:/soap\\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQUEST_HEADERS:Content-Type "@rx ^application/[a-z0-9.-]+[+]json" "id:200006,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQBODY_ERROR "!@eq 0" "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2"
SecRule MULTIPART_STRICT_ERROR "!@eq 0" "id:200003,phase:2,t:none,log,deny,status:400,msg:'Multipart request body failed strict validation'"
`;

/** A loaded rule set; creates transactions. Immutable after creation and safe to share. */
export class Waf implements TransactionHost {
  readonly config: EngineConfig;
  readonly phaseRules: ReadonlyMap<Phase, readonly Rule[]>;
  readonly rules: readonly Rule[];
  readonly screenSlots: ReadonlyMap<Rule, ScreenSlot>;
  private readonly defaults: RuleSet;

  constructor(ruleSet: RuleSet) {
    this.defaults = ruleSet;
    this.config = ruleSet.config;
    this.rules = ruleSet.rules;
    const phases = new Map<Phase, Rule[]>();
    for (const p of [1, 2, 3, 4, 5] as const) phases.set(p, []);
    for (const r of ruleSet.rules) {
      if (r.marker !== undefined) for (const list of phases.values()) list.push(r);
      else phases.get(r.phase)?.push(r);
    }
    this.phaseRules = phases;
    this.screenSlots = screenSlots(ruleSet.rules);
  }

  readonly defaultDisruptive = (phase: Phase): string => this.defaults.defaultsFor(phase).disruptive;

  newTransaction(init: TransactionInit = {}): Transaction {
    return new Transaction(this, init);
  }

  /** Number of loaded rules (markers excluded). */
  get ruleCount(): number {
    return this.rules.filter((r) => r.marker === undefined).length;
  }
}

/** Locates a CRS layout: `<dir>/rules/*.conf` plus `crs-setup.conf` or its `.example`. */
export function findCrsSetup(crsDir: string): string | undefined {
  for (const name of ['crs-setup.conf', 'crs-setup.conf.example']) {
    const p = join(crsDir, name);
    if (existsSync(p)) return p;
  }
  if (crsDir === DEBIAN_CRS_DIR && existsSync('/etc/modsecurity/crs/crs-setup.conf')) return '/etc/modsecurity/crs/crs-setup.conf';
  return undefined;
}

function settingsSecLang(o: z.output<typeof wafOptionsSchema>): string {
  const pl = o.paranoia;
  return `SecAction "id:9000001,phase:1,pass,nolog,t:none,`
    + `setvar:tx.blocking_paranoia_level=${pl},setvar:tx.detection_paranoia_level=${pl},setvar:tx.paranoia_level=${pl},setvar:tx.executing_paranoia_level=${pl},`
    + `setvar:tx.inbound_anomaly_score_threshold=${o.thresholds.inbound},setvar:tx.outbound_anomaly_score_threshold=${o.thresholds.outbound}"\n`;
}

/** Builds a WAF from options (validated with zod; bad input → Waf.InvalidConfig naming the field). */
export async function createWaf(options: WafOptions): Promise<Waf> {
  const parsed = wafOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BulwarkError('Waf.InvalidConfig', { field: issue?.path.join('.') ?? '', reason: issue?.message ?? 'invalid' });
  }
  const o = parsed.data;
  const scoped = pathExclusionSecLang(o.exclusions);
  const set = new RuleSet();
  set.loadText(RECOMMENDED_SECLANG, '<recommended>', process.cwd());
  set.config.ruleEngine = o.mode === 'block' ? 'On' : o.mode === 'detect' ? 'DetectionOnly' : 'Off';
  if (o.requestBodyLimit !== undefined) set.config.requestBodyLimit = o.requestBodyLimit;
  if (o.responseBodyLimit !== undefined) set.config.responseBodyLimit = o.responseBodyLimit;
  if (o.crsDir !== undefined) {
    const rulesDir = join(o.crsDir, 'rules');
    if (!existsSync(rulesDir)) throw new BulwarkError('Waf.InvalidConfig', { field: 'crsDir', reason: `no rules/ folder in ${o.crsDir}` });
    const setup = findCrsSetup(o.crsDir);
    if (setup !== undefined) set.loadFile(setup);
    set.config.ruleEngine = o.mode === 'block' ? 'On' : o.mode === 'detect' ? 'DetectionOnly' : 'Off';
    set.loadText(settingsSecLang(o), '<settings>', o.crsDir);
    if (o.preCrsSecLang !== undefined) set.loadText(o.preCrsSecLang, '<pre-crs>', o.crsDir);
    if (scoped) set.loadText(scoped, '<exclusions>', o.crsDir);
    if (o.rules.length > 0) set.loadText(o.rules.join('\n'), '<rules>', o.crsDir);
    set.loadText('Include rules/*.conf', '<crs>', o.crsDir);
  } else {
    if (o.preCrsSecLang !== undefined) set.loadText(o.preCrsSecLang, '<pre-crs>', process.cwd());
    if (scoped) set.loadText(scoped, '<exclusions>', process.cwd());
    if (o.rules.length > 0) set.loadText(o.rules.join('\n'), '<rules>', process.cwd());
  }
  set.config.ruleEngine = o.mode === 'block' ? 'On' : o.mode === 'detect' ? 'DetectionOnly' : 'Off';
  o.exclusions.filter((e) => e.path === undefined).forEach((e) => {
    const sel = 'id' in e ? `SecRule${e.target ? 'UpdateTarget' : 'Remove'}ById ${String(e.id)}` : `SecRule${e.target ? 'UpdateTarget' : 'Remove'}ByTag "${e.tag}"`;
    set.loadText(e.target ? `${sel} "!${e.target}"` : sel, '<exclusions>', process.cwd());
  });
  if (o.extraSecLang !== undefined) set.loadText(o.extraSecLang, '<extra>', process.cwd());
  return new Waf(set);
}
