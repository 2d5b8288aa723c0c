import type { IpAccessList } from '../ip/ip-access-list.js';
import { CONTINUE, type Decision, type RequestContext, type RequestStage } from '../pipeline.js';

/** Reputation bans (`bans:`, pushed by the server to managed gateways): refused before anything else looks at the request. */
export function banStage(bans: IpAccessList): RequestStage {
  return {
    name: 'reputation-ban',
    kind: 'security',
    onRequest(ctx: RequestContext): Decision {
      return bans.check(ctx.clientIp) === 'deny' ? { type: 'block', status: 403, reason: 'reputation ban', ruleId: 'reputation:ban' } : CONTINUE;
    },
  };
}
