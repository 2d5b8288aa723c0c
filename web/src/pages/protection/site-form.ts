/**
 * A managed gateway site document (the gateway's site schema, docs/gateway.md) ↔ the values of the
 * site editor. Settings the editor does not show are kept as they are; settings left at their
 * default are not written unless the document had them (so the saved document and its diff stay small).
 */

export type SiteDocument = Record<string, unknown>;

export type Balance = 'round_robin' | 'least_conn' | 'weighted';
export type WafMode = 'off' | 'detect' | 'block';
export type RuleAction = 'allow' | 'block' | 'log';
export type MatchKind = 'equals' | 'prefix' | 'contains' | 'regex';
export type DlpAction = 'mask' | 'block' | 'log';

export interface ExclusionForm {
  kind: 'id' | 'tag';
  value: string;
  target?: string | undefined;
  path?: string | undefined;
}

export interface AccessRuleForm {
  id: string;
  priority: number;
  action: RuleAction;
  status: number;
  methods: string[];
  pathKind?: MatchKind | undefined;
  pathValue?: string | undefined;
  ip: string[];
  /** The other conditions (query, header, cookie, userAgent, referer, bodySize) as JSON text. */
  more: string;
}

export interface RateLimitForm {
  id?: string | undefined;
  key: 'ip' | 'ip_path' | 'header';
  header?: string | undefined;
  pathPrefix?: string | undefined;
  limit: number;
  window: string;
  block: string;
}

export interface SiteForm {
  name: string;
  hosts: string[];
  upstreams: Array<{ url: string; weight?: number | undefined }>;
  balance: Balance;
  healthCheck: { enabled: boolean; path: string; interval: string; timeout: string; unhealthyThreshold: number; healthyThreshold: number };
  waf: { mode: WafMode; paranoia: number; inbound: number; outbound: number; crs: string; rules: string; exclusions: ExclusionForm[] };
  acl: { allow: string[]; deny: string[] };
  rules: AccessRuleForm[];
  rateLimits: RateLimitForm[];
  dlp: { enabled: boolean; action: DlpAction; exceptions: string[]; bulkThreshold?: number | undefined };
  /** Managed certificates (uploaded to the server) the site serves, by name. */
  certificates: string[];
}

/** How close a certificate is to its end: expired, within 30 days, or fine. */
export function expiryLevel(daysLeft: number): 'expired' | 'soon' | 'ok' {
  return daysLeft < 0 ? 'expired' : daysLeft <= 30 ? 'soon' : 'ok';
}

/** The names of the managed certificates a site references (`tls.certificates[].certificate`). */
export function certificateRefs(doc: SiteDocument): string[] {
  return arr(obj(doc.tls).certificates).flatMap((c) => (typeof obj(c).certificate === 'string' ? [obj(c).certificate as string] : []));
}

const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
/** A duration or size as the document has it: `10s` stays, a number of ms becomes its digits. */
const durationText = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
/** Back to the document: bare digits are a number (milliseconds), anything else stays text for the server to check. */
const durationValue = (text: string): string | number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());

const MATCH_KINDS: readonly MatchKind[] = ['equals', 'prefix', 'contains', 'regex'];

export const EMPTY_SITE: SiteDocument = { name: '', hosts: ['*'], upstreams: [] };

/** The editor's values for a site document. */
export function toForm(doc: SiteDocument): SiteForm {
  const waf = obj(doc.waf);
  const thresholds = obj(waf.thresholds);
  const hc = doc.healthCheck === undefined ? undefined : obj(doc.healthCheck);
  const acl = obj(doc.acl);
  const dlp = doc.dlp === undefined ? undefined : obj(doc.dlp);
  return {
    name: str(doc.name),
    hosts: arr(doc.hosts ?? ['*']).map((h) => str(h)),
    upstreams: arr(doc.upstreams).map((u) => (typeof u === 'string' ? { url: u } : { url: str(obj(u).url), weight: typeof obj(u).weight === 'number' ? (obj(u).weight as number) : undefined })),
    balance: (str(doc.balance, 'round_robin') as Balance),
    healthCheck: {
      enabled: hc !== undefined,
      path: str(hc?.path, '/'),
      interval: durationText(hc?.interval, '5s'),
      timeout: durationText(hc?.timeout, '2s'),
      unhealthyThreshold: num(hc?.unhealthyThreshold, 2),
      healthyThreshold: num(hc?.healthyThreshold, 1),
    },
    waf: {
      mode: str(waf.mode, 'off') as WafMode,
      paranoia: num(waf.paranoia, 1),
      inbound: num(thresholds.inbound, 5),
      outbound: num(thresholds.outbound, 4),
      crs: str(waf.crs ?? waf.crsDir),
      rules: arr(waf.rules).map((r) => str(r)).join('\n'),
      exclusions: arr(waf.exclusions).map((e) => {
        const x = obj(e);
        return { kind: 'tag' in x ? 'tag' : 'id', value: str('tag' in x ? x.tag : x.id), target: typeof x.target === 'string' ? x.target : undefined, path: typeof x.path === 'string' ? x.path : undefined };
      }),
    },
    acl: { allow: arr(acl.allow).map((a) => str(a)), deny: arr(acl.deny).map((a) => str(a)) },
    rules: arr(doc.rules).map((r) => {
      const x = obj(r);
      const when = { ...obj(x.when) };
      const path = obj(when.path);
      const pathKind = MATCH_KINDS.find((k) => typeof path[k] === 'string');
      const methods = arr(when.method).map((m) => str(m));
      const ip = arr(when.ip).map((a) => str(a));
      delete when.method;
      delete when.ip;
      if (pathKind) delete when.path;
      return {
        id: str(x.id),
        priority: num(x.priority, 100),
        action: str(x.action, 'block') as RuleAction,
        status: num(x.status, 403),
        methods,
        pathKind,
        pathValue: pathKind ? str(path[pathKind]) : undefined,
        ip,
        more: Object.keys(when).length > 0 ? JSON.stringify(when, null, 2) : '',
      };
    }),
    rateLimits: arr(doc.rateLimits).map((r) => {
      const x = obj(r);
      return {
        id: typeof x.id === 'string' ? x.id : undefined,
        key: str(x.key, 'ip') as RateLimitForm['key'],
        header: typeof x.header === 'string' ? x.header : undefined,
        pathPrefix: typeof x.pathPrefix === 'string' ? x.pathPrefix : undefined,
        limit: num(x.limit, 100),
        window: durationText(x.window, '1m'),
        block: durationText(x.block, '0'),
      };
    }),
    dlp: {
      enabled: dlp !== undefined && dlp.enabled !== false,
      action: str(dlp?.action, 'mask') as DlpAction,
      exceptions: arr(dlp?.exceptions).map((e) => str(e)),
      bulkThreshold: typeof dlp?.bulkThreshold === 'number' ? dlp.bulkThreshold : undefined,
    },
    certificates: certificateRefs(doc),
  };
}

/** A form value that cannot become a document value (the field it belongs to and why). */
export class FormMappingError extends Error {
  constructor(readonly field: Array<string | number>, readonly reason: 'json') {
    super(`${field.join('.')}: ${reason}`);
  }
}

/** Sets `key` unless the value is the default and the original document did not have it. */
function put(out: SiteDocument, original: SiteDocument, key: string, value: unknown, fallback: unknown): void {
  if (JSON.stringify(value) === JSON.stringify(fallback) && !(key in original)) delete out[key];
  else out[key] = value;
}

const present = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';

/** The site document for the editor's values, on top of the original document (settings the editor does not show stay). */
export function toDocument(form: SiteForm, original: SiteDocument = {}): SiteDocument {
  const out: SiteDocument = { ...original };
  out.name = form.name.trim();
  put(out, original, 'hosts', form.hosts.map((h) => h.trim()).filter(Boolean), ['*']);
  out.upstreams = form.upstreams.filter((u) => present(u.url)).map((u) => (u.weight !== undefined && u.weight !== null ? { url: u.url.trim(), weight: u.weight } : u.url.trim()));
  put(out, original, 'balance', form.balance, 'round_robin');

  if (form.healthCheck.enabled) {
    const hc = form.healthCheck;
    // a new health check is written out in full; an existing one keeps the defaults it left out
    const before = original.healthCheck === undefined ? undefined : obj(original.healthCheck);
    const next: Record<string, unknown> = { ...before };
    const set = (key: string, value: unknown, fallback: unknown) => (before ? put(next, before, key, value, fallback) : (next[key] = value));
    set('path', hc.path, '/');
    set('interval', durationValue(hc.interval), '5s');
    set('timeout', durationValue(hc.timeout), '2s');
    set('unhealthyThreshold', hc.unhealthyThreshold, 2);
    set('healthyThreshold', hc.healthyThreshold, 1);
    out.healthCheck = next;
  } else delete out.healthCheck;

  const origWaf = obj(original.waf);
  const waf: Record<string, unknown> = { ...origWaf };
  const w = form.waf;
  put(waf, origWaf, 'mode', w.mode, 'off');
  put(waf, origWaf, 'paranoia', w.paranoia, 1);
  put(waf, origWaf, 'thresholds', { inbound: w.inbound, outbound: w.outbound }, { inbound: 5, outbound: 4 });
  const crsKey = 'crsDir' in origWaf && !('crs' in origWaf) ? 'crsDir' : 'crs';
  if (present(w.crs)) waf[crsKey] = w.crs.trim();
  else delete waf[crsKey];
  put(waf, origWaf, 'rules', w.rules.split('\n').map((l) => l.trim()).filter(Boolean), []);
  put(
    waf,
    origWaf,
    'exclusions',
    w.exclusions.filter((e) => present(e.value)).map((e) => ({
      ...(e.kind === 'tag' ? { tag: e.value.trim() } : { id: /^\d+$/.test(e.value.trim()) ? Number(e.value.trim()) : e.value.trim() }),
      ...(present(e.target) ? { target: e.target.trim() } : {}),
      ...(present(e.path) ? { path: e.path.trim() } : {}),
    })),
    [],
  );
  put(out, original, 'waf', waf, {});

  const origAcl = obj(original.acl);
  put(out, original, 'acl', { ...origAcl, allow: form.acl.allow, deny: form.acl.deny }, { allow: [], deny: [] });

  put(
    out,
    original,
    'rules',
    form.rules.map((r, i) => {
      let more: Record<string, unknown> = {};
      if (present(r.more)) {
        try {
          more = obj(JSON.parse(r.more));
        } catch {
          throw new FormMappingError(['rules', i, 'more'], 'json');
        }
      }
      const when: Record<string, unknown> = {
        ...(r.methods.length > 0 ? { method: r.methods } : {}),
        ...(r.pathKind && r.pathValue !== undefined ? { path: { [r.pathKind]: r.pathValue } } : {}),
        ...(r.ip.length > 0 ? { ip: r.ip } : {}),
        ...more,
      };
      const before = obj(arr(original.rules)[i]);
      const rule: Record<string, unknown> = { ...before, id: r.id.trim(), action: r.action };
      put(rule, before, 'priority', r.priority, 100);
      put(rule, before, 'when', when, {});
      put(rule, before, 'status', r.status, 403);
      return rule;
    }),
    [],
  );

  put(
    out,
    original,
    'rateLimits',
    form.rateLimits.map((r) => ({
      ...(present(r.id) ? { id: r.id.trim() } : {}),
      key: r.key,
      ...(r.key === 'header' && present(r.header) ? { header: r.header.trim() } : {}),
      ...(present(r.pathPrefix) ? { pathPrefix: r.pathPrefix.trim() } : {}),
      limit: r.limit,
      window: durationValue(r.window),
      ...(present(r.block) && r.block.trim() !== '0' ? { block: durationValue(r.block) } : {}),
    })),
    [],
  );

  if (form.dlp.enabled || original.dlp !== undefined) {
    const origDlp = obj(original.dlp);
    const dlp: Record<string, unknown> = { ...origDlp };
    if (form.dlp.enabled) delete dlp.enabled;
    else dlp.enabled = false;
    put(dlp, origDlp, 'action', form.dlp.action, 'mask');
    put(dlp, origDlp, 'exceptions', form.dlp.exceptions, []);
    if (form.dlp.bulkThreshold !== undefined && form.dlp.bulkThreshold !== null) dlp.bulkThreshold = form.dlp.bulkThreshold;
    else delete dlp.bulkThreshold;
    out.dlp = dlp;
  }

  // certificate files stay as they are; managed references follow the form
  const refs = form.certificates ?? [];
  if (refs.length > 0 || certificateRefs(original).length > 0) {
    const tls = obj(original.tls);
    const files = arr(tls.certificates).filter((c) => typeof obj(c).certificate !== 'string');
    out.tls = { ...tls, certificates: [...files, ...refs.map((certificate) => ({ certificate }))] };
  }
  return out;
}

/** The document with one more WAF exclusion (rule id, optionally only under a path); unchanged when it is already there. */
export function withExclusion(doc: SiteDocument, ruleId: number | string, path?: string): SiteDocument {
  const waf = obj(doc.waf);
  const exclusions = arr(waf.exclusions);
  const id = typeof ruleId === 'string' && /^\d+$/.test(ruleId) ? Number(ruleId) : ruleId;
  const exclusion = { id, ...(path ? { path } : {}) };
  if (exclusions.some((e) => JSON.stringify(e) === JSON.stringify(exclusion))) return doc;
  return { ...doc, waf: { ...waf, exclusions: [...exclusions, exclusion] } };
}
