import type { AccessRuleConfig } from '../../config/gateway.js';
import { IpAccessList } from '../ip/ip-access-list.js';
import type { RequestContext } from '../pipeline.js';
import { cookieValue, queryValue } from './request-values.js';
import { compileStringMatch, type StringMatcher } from './string-matcher.js';

type Condition = (ctx: RequestContext) => boolean;

export interface CompiledRule {
  readonly id: string;
  readonly priority: number;
  readonly action: 'allow' | 'block' | 'log';
  readonly status: number;
  readonly needsBody: boolean;
  matches(ctx: RequestContext): boolean;
}

function headerValue(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Declared or actual body size: the buffered body when present, else Content-Length, else 0. */
export function bodySize(ctx: RequestContext): number {
  if (ctx.body) return ctx.body.length;
  const cl = ctx.headers['content-length'];
  return cl ? Number(cl) : 0;
}

/** Compiles one rule; all its conditions must hold (AND). */
export function compileRule(rule: AccessRuleConfig, field: string): CompiledRule {
  const conds: Condition[] = [];
  const w = rule.when;
  if (w.method) {
    const set = new Set(w.method);
    conds.push((ctx) => set.has(ctx.method));
  }
  if (w.path) {
    const m = compileStringMatch(w.path, `${field}.when.path`);
    conds.push((ctx) => m(ctx.path));
  }
  const named = (list: typeof w.query, kind: string, get: (ctx: RequestContext, name: string) => string | undefined): void => {
    list?.forEach((q, i) => {
      const m: StringMatcher = compileStringMatch(q, `${field}.when.${kind}.${i}`);
      const name = q.name;
      conds.push((ctx) => m(get(ctx, name)));
    });
  };
  named(w.query, 'query', (ctx, name) => queryValue(ctx.query, name));
  named(w.header, 'header', headerValue);
  named(w.cookie, 'cookie', (ctx, name) => cookieValue(headerValue(ctx, 'cookie'), name));
  if (w.userAgent) {
    const m = compileStringMatch(w.userAgent, `${field}.when.userAgent`);
    conds.push((ctx) => m(headerValue(ctx, 'user-agent')));
  }
  if (w.referer) {
    const m = compileStringMatch(w.referer, `${field}.when.referer`);
    conds.push((ctx) => m(headerValue(ctx, 'referer')));
  }
  if (w.ip) {
    const list = new IpAccessList({ allow: [], deny: w.ip });
    conds.push((ctx) => list.check(ctx.clientIp) === 'deny');
  }
  const size = w.bodySize;
  if (size) {
    conds.push((ctx) => {
      const n = bodySize(ctx);
      return (size.gt === undefined || n > size.gt) && (size.lt === undefined || n < size.lt);
    });
  }
  return {
    id: rule.id,
    priority: rule.priority,
    action: rule.action,
    status: rule.status,
    // A Content-Length is enough for identity bodies; chunked bodies must be read to know their size.
    needsBody: size !== undefined,
    matches: (ctx) => {
      for (const c of conds) if (!c(ctx)) return false;
      return true;
    },
  };
}

/** Rules sorted by priority (lower first; ties keep file order). */
export function compileRules(rules: readonly AccessRuleConfig[], field: string): CompiledRule[] {
  return rules
    .map((r, i) => ({ r: compileRule(r, `${field}.${i}`), i }))
    .sort((a, b) => a.r.priority - b.r.priority || a.i - b.i)
    .map((x) => x.r);
}
