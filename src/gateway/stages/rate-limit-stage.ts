import { createHash } from 'node:crypto';
import type { RateLimitConfig } from '../../config/gateway.js';
import type { RateLimiterStore } from '../cc/limiter.js';
import { CONTINUE, type Decision, type RequestContext, type RequestStage } from '../pipeline.js';

interface CompiledLimit {
  id: string;
  cfg: RateLimitConfig;
  key: (ctx: RequestContext) => string | undefined;
}

/** Anti-CC: each configured limit counts the request under its key (ip, ip+path or a header value). */
export function rateLimitStage(siteName: string, limits: readonly RateLimitConfig[], store: RateLimiterStore): RequestStage {
  const compiled: CompiledLimit[] = limits.map((cfg, i) => {
    const id = cfg.id ?? `ratelimit-${i}`;
    const base = `${siteName}:${id}:`;
    let key: CompiledLimit['key'];
    if (cfg.key === 'ip') key = (ctx) => base + ctx.clientIp;
    else if (cfg.key === 'ip_path') key = (ctx) => `${base}${ctx.clientIp}:${ctx.path}`;
    else {
      const name = (cfg.header ?? '').toLowerCase();
      key = (ctx) => {
        const v = ctx.headers[name];
        const s = Array.isArray(v) ? v.join(',') : v;
        return s === undefined || s === '' ? undefined : base + s;
      };
    }
    return { id, cfg, key };
  });
  return {
    name: 'rate-limit',
    kind: 'security',
    async onRequest(ctx: RequestContext): Promise<Decision> {
      for (const l of compiled) {
        if (l.cfg.pathPrefix !== undefined && !ctx.path.startsWith(l.cfg.pathPrefix)) continue;
        const raw = l.key(ctx);
        if (raw === undefined) continue;
        // Client-controlled parts (paths, header values) can be long: keep keys small and bounded.
        const key = raw.length > 160 ? `#${createHash('sha256').update(raw).digest('base64url')}` : raw;
        const v = await store.hit(key, { limit: l.cfg.limit, windowMs: l.cfg.window, blockMs: l.cfg.block }, ctx.id);
        if (!v.allowed) {
          const retryAfter = Math.max(1, Math.ceil(v.retryAfterMs / 1000));
          return { type: 'block', status: 429, reason: 'rate limit', ruleId: l.id, headers: { 'retry-after': String(retryAfter) } };
        }
      }
      return CONTINUE;
    },
  };
}
