import { isAbsolute, resolve } from 'node:path';
import type { SiteConfig } from '../config/gateway.js';
import { createWaf, type Waf } from '../waf/waf.js';
import { attackCategory } from './attack-category.js';
import { CONTINUE, type Decision, type RequestContext, type RequestStage } from './pipeline.js';
import type { GatewayPlugin } from './plugin.js';
import { wafResponseStage, type WafTransactions } from './waf-response-stage.js';

type WafSettings = SiteConfig['waf'];

function crsDirOf(w: WafSettings, baseDir: string): string | undefined {
  const dir = w.crsDir ?? w.crs;
  return dir === undefined ? undefined : isAbsolute(dir) ? dir : resolve(baseDir, dir);
}

function keyOf(w: WafSettings, baseDir: string): string {
  return JSON.stringify([w.mode, crsDirOf(w, baseDir), w.paranoia, w.rules, w.thresholds, w.exclusions]);
}

function headerPairs(raw: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

/**
 * The WAF stage: one engine transaction per request, fed the request line, headers and (buffered)
 * body. Matched rule ids are recorded as `waf:<id>`; in `block` mode an interruption refuses the
 * request, in `detect` mode it is only logged.
 */
export function wafStage(waf: Waf, mode: 'detect' | 'block', transactions?: WafTransactions): RequestStage {
  return {
    name: 'waf',
    kind: 'security',
    needsBody: () => true,
    onRequest(ctx: RequestContext): Decision {
      const tx = waf.newTransaction({ remoteAddr: ctx.clientIp, requestId: ctx.id, serverName: ctx.host });
      const uri = ctx.query === '' ? ctx.path : `${ctx.path}?${ctx.query}`;
      const interruption = tx.processRequestHeaders({ method: ctx.method, uri, protocol: `HTTP/${ctx.httpVersion}`, headers: headerPairs(ctx.rawHeaders) }) ?? tx.processRequestBody(ctx.body);
      const matched = tx.matchedRules();
      for (const m of matched) ctx.matchedRules.push(`waf:${m.id}`);
      const category = attackCategory(matched);
      if (category) ctx.tags['waf.category'] = category;
      // The response phases (outbound rules) continue this transaction.
      if (!interruption) transactions?.set(ctx, tx);
      // attack detail for the access/attack log: messages and (truncated) matched data, never whole bodies
      const described = matched.filter((m) => m.msg);
      if (described.length > 0) {
        ctx.tags['waf.messages'] = described.map((m) => `${m.id}: ${m.msg}`).join(' | ').slice(0, 1024);
        ctx.tags['waf.matched_data'] = described.map((m) => m.matchedData).filter(Boolean).join(' | ').slice(0, 256);
      }
      const scores = tx.anomalyScores();
      if (scores.inbound > 0) ctx.tags['waf.inbound_score'] = String(scores.inbound);
      if (interruption && mode === 'block') {
        const status = interruption.status >= 400 && interruption.status <= 599 ? interruption.status : 403;
        return { type: 'block', status, reason: 'waf', ruleId: `waf:${interruption.ruleId}` };
      }
      return CONTINUE;
    },
  };
}

/** Builds (and caches across reloads) one WAF engine per distinct site `waf` setting. */
export function createWafPlugin(): GatewayPlugin {
  let engines = new Map<string, Waf>();
  const transactions: WafTransactions = new WeakMap();
  let baseDirOf = process.cwd();
  return {
    name: 'waf',
    async prepare(config, baseDir) {
      baseDirOf = baseDir;
      const next = new Map<string, Waf>();
      for (const site of config.sites) {
        if (site.waf.mode === 'off') continue;
        const key = keyOf(site.waf, baseDir);
        if (next.has(key)) continue;
        const existing = engines.get(key);
        const crsDir = crsDirOf(site.waf, baseDir);
        next.set(key, existing ?? (await createWaf({ mode: site.waf.mode, paranoia: site.waf.paranoia, rules: site.waf.rules, thresholds: site.waf.thresholds, exclusions: site.waf.exclusions, ...(crsDir ? { crsDir } : {}) })));
      }
      engines = next;
    },
    requestStages(site) {
      if (site.waf.mode === 'off') return [];
      const waf = engines.get(keyOf(site.waf, baseDirOf));
      return waf ? [wafStage(waf, site.waf.mode, transactions)] : [];
    },
    responseStages(site) {
      if (site.waf.mode === 'off') return [];
      const waf = engines.get(keyOf(site.waf, baseDirOf));
      return waf ? [wafResponseStage(transactions, site.waf.mode, waf.config.responseBodyLimit)] : [];
    },
  };
}
