/**
 * The attack log over the event store: gateway access events that matched a rule (`event.kind:alert`
 * of dataset `bulwark.gateway`, see src/gateway/access-log.ts), the search filters as a query, and an
 * event as a table row.
 */

export const ATTACK_QUERY = 'event.dataset:bulwark.gateway AND event.kind:alert';

export interface AttackFilters {
  site?: string | undefined;
  sourceIp?: string | undefined;
  ruleId?: string | undefined;
  action?: 'blocked' | 'detected' | undefined;
  /** `-15m`, `-1h`, `-24h`, `-7d` */
  range: string;
}

/** A value as a quoted phrase of the query language. */
export const phrase = (v: string): string => `"${v.replace(/["\\]/g, '\\$&')}"`;

/** The query for the filters (values quoted; the rule id matches inside the list of matched rules). */
export function attackQuery(f: AttackFilters): string {
  const parts = [ATTACK_QUERY];
  if (f.site?.trim()) parts.push(`bulwark.site:${phrase(f.site.trim())}`);
  // source.ip is an ip field: an address or CIDR block, unquoted
  if (f.sourceIp?.trim()) parts.push(`source.ip:${f.sourceIp.trim().replace(/[^0-9A-Fa-f:./]/g, '')}`);
  if (f.ruleId?.trim()) parts.push(`extra.bulwark.rules:*${f.ruleId.trim().replace(/^waf:/, '').replace(/[^0-9A-Za-z_.-]/g, '')}*`);
  if (f.action === 'blocked') parts.push('bulwark.blocked:true');
  if (f.action === 'detected') parts.push('bulwark.blocked:false');
  return parts.join(' AND ');
}

/** The "top" cards: terms aggregations over the same events. */
export const TOP_AGGREGATIONS = ['terms:bulwark.site:5', 'terms:url.path:5', 'terms:rule.id:5', 'terms:source.ip:5'] as const;

export interface AttackRow {
  key: string;
  time: string;
  site: string;
  sourceIp: string;
  method: string;
  path: string;
  query: string;
  host: string;
  /** Rule ids as the gateway records them (`waf:942100`, an access rule's id …). */
  rules: string[];
  /** WAF rule ids (numbers) among them. */
  wafRuleIds: number[];
  messages: string[];
  matchedData: string;
  score: number | undefined;
  action: string;
  blocked: boolean;
  status: number | undefined;
  requestId: string;
  userAgent: string;
  document: Record<string, unknown>;
}

const at = (doc: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** CRS rules that only add up anomaly scores and decide (949/959 blocking evaluation, 980 correlation): nothing to exclude. */
export function isScoringRule(id: number): boolean {
  return (id >= 949000 && id < 950000) || (id >= 959000 && id < 960000) || (id >= 980000 && id < 981000);
}

/** An attack row from a search result document. */
export function toAttackRow(doc: Record<string, unknown>, index = 0): AttackRow {
  const extra = (doc.extra ?? {}) as Record<string, unknown>;
  const rawRules = extra['bulwark.rules'];
  const rules = Array.isArray(rawRules) ? rawRules.map(text).filter(Boolean) : text(at(doc, 'rule.id')) ? [text(at(doc, 'rule.id'))] : [];
  const wafRuleIds = [...new Set(rules.filter((r) => r.startsWith('waf:')).map((r) => Number(r.slice(4))).filter((n) => Number.isInteger(n) && n > 0))];
  const messages = text(extra['bulwark.tags.waf.messages']).split(' | ').filter(Boolean);
  const score = at(doc, 'bulwark.score');
  const status = at(doc, 'http.response.status_code');
  const requestId = text(at(doc, 'bulwark.request_id')) || text(at(doc, 'http.request.id'));
  return {
    key: `${requestId || text(doc['@timestamp'])}#${index}`,
    time: text(doc['@timestamp']),
    site: text(at(doc, 'bulwark.site')),
    sourceIp: text(at(doc, 'source.ip')),
    method: text(at(doc, 'http.request.method')),
    path: text(at(doc, 'url.path')),
    query: text(at(doc, 'url.query')),
    host: text(at(doc, 'url.domain')),
    rules,
    wafRuleIds,
    messages,
    matchedData: text(extra['bulwark.tags.waf.matched_data']),
    score: typeof score === 'number' ? score : undefined,
    action: text(at(doc, 'bulwark.action')),
    blocked: at(doc, 'bulwark.blocked') === true,
    status: typeof status === 'number' ? status : undefined,
    requestId,
    userAgent: text(at(doc, 'user_agent.original')),
    document: doc,
  };
}

/** The WAF rules worth excluding for an attack (detection rules first; scoring rules only when nothing else matched). */
export function exclusionCandidates(row: Pick<AttackRow, 'wafRuleIds'>): number[] {
  const detection = row.wafRuleIds.filter((id) => !isScoringRule(id));
  return detection.length > 0 ? detection : row.wafRuleIds;
}

/** A query string as a reader sees it (percent-decoding and + as space; malformed escapes stay as they are). */
export function decodeQuery(query: string): string {
  return query.replace(/\+/g, ' ').replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
