import type { CompiledRule } from '../rules/access-rules.js';
import { CONTINUE, type Decision, type RequestContext, type RequestStage } from '../pipeline.js';

/**
 * Precise access control: rules in priority order; the first `allow` or `block` rule that matches
 * decides, `log` rules only record their id and evaluation goes on.
 */
export function accessRulesStage(rules: readonly CompiledRule[]): RequestStage {
  const bodyRules = rules.some((r) => r.needsBody);
  return {
    name: 'access-rules',
    kind: 'security',
    // Body-size conditions on chunked bodies need the body read first.
    needsBody: (ctx) => bodyRules && ctx.headers['transfer-encoding'] !== undefined,
    onRequest(ctx: RequestContext): Decision {
      for (const r of rules) {
        if (!r.matches(ctx)) continue;
        if (r.action === 'log') {
          ctx.matchedRules.push(r.id);
          continue;
        }
        if (r.action === 'allow') return { type: 'allow', ruleId: r.id };
        return { type: 'block', status: r.status, reason: 'access rule', ruleId: r.id };
      }
      return CONTINUE;
    },
  };
}
