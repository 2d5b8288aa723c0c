import type { IpAccessList } from '../ip/ip-access-list.js';
import { CONTINUE, type Decision, type RequestContext, type RequestStage } from '../pipeline.js';

/** Global then per-site IP allow/deny lists; the more specific list (the site's) decides when both match. */
export function ipAclStage(global: IpAccessList, site: IpAccessList): RequestStage {
  return {
    name: 'ip-acl',
    kind: 'security',
    onRequest(ctx: RequestContext): Decision {
      const s = site.check(ctx.clientIp);
      if (s === 'deny') return { type: 'block', status: 403, reason: 'ip denied', ruleId: 'acl:site' };
      if (s === 'allow') return CONTINUE;
      if (global.check(ctx.clientIp) === 'deny') return { type: 'block', status: 403, reason: 'ip denied', ruleId: 'acl:global' };
      return CONTINUE;
    },
  };
}
