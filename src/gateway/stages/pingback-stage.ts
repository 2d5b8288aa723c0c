import { CONTINUE, type Decision, type RequestContext, type RequestStage } from '../pipeline.js';

/** `WordPress/6.4.2; https://example.com; verifying pingback from 198.51.100.7` */
const PINGBACK_UA = /WordPress\/[\d.]+;.*verifying pingback from/i;
const PINGBACK_CALL = /<methodName>\s*pingback\.ping\s*<\/methodName>/i;

function isXmlRpc(ctx: RequestContext): boolean {
  return ctx.method === 'POST' && ctx.path.toLowerCase().endsWith('/xmlrpc.php');
}

/**
 * WordPress reflection attacks: refuses the pingback-verification requests that abused WordPress
 * sites send (their User-Agent says so) and `pingback.ping` XML-RPC calls that make a site attack others.
 */
export function pingbackStage(): RequestStage {
  return {
    name: 'wordpress-pingback',
    kind: 'security',
    needsBody: isXmlRpc,
    onRequest(ctx: RequestContext): Decision {
      const ua = ctx.headers['user-agent'];
      if (ua !== undefined && PINGBACK_UA.test(ua)) return { type: 'block', status: 403, reason: 'pingback reflection', ruleId: 'wordpress:pingback-ua' };
      if (isXmlRpc(ctx) && ctx.body && PINGBACK_CALL.test(ctx.body.toString('latin1'))) {
        return { type: 'block', status: 403, reason: 'pingback call', ruleId: 'wordpress:pingback-call' };
      }
      return CONTINUE;
    },
  };
}
