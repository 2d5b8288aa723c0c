import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AccessOutcome } from './access-log.js';
import { sendBlockPage } from './block-page.js';
import { signOriginRequest } from './origin-signing.js';
import type { RequestContext, UpstreamResponse } from './pipeline.js';
import type { Upstream } from './upstream/upstream.js';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those the gateway sets itself. */
const REQUEST_DROP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect',
  'content-length', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip', 'x-request-id', 'forwarded',
]);
const RESPONSE_DROP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Errors where the request surely did not reach the application: safe to retry elsewhere. */
const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED']);

function errorCode(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.cause?.code ?? err.code ?? 'UNKNOWN';
}

/** Headers sent upstream: the client's minus hop-by-hop, plus X-Forwarded-*, X-Real-IP, X-Request-Id and the origin signature. */
export function upstreamHeaders(ctx: RequestContext, upstream: Upstream, trustedPeer: boolean, pathAndQuery: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const connectionTokens = (ctx.headers.connection ?? '').toLowerCase().split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const [name, value] of Object.entries(ctx.headers)) {
    if (value === undefined || REQUEST_DROP.has(name) || connectionTokens.includes(name)) continue;
    if (ctx.site.signing && name === ctx.site.signing.header) continue;
    out[name] = value;
  }
  if (!ctx.site.config.preserveHost) out.host = upstream.host;
  const priorXff = trustedPeer ? ctx.headers['x-forwarded-for'] : undefined;
  out['x-forwarded-for'] = priorXff ? `${priorXff}, ${ctx.peerIp}` : ctx.peerIp;
  out['x-forwarded-proto'] = ctx.scheme;
  out['x-forwarded-host'] = ctx.host;
  out['x-real-ip'] = ctx.clientIp;
  out['x-request-id'] = ctx.id;
  if (ctx.body && ctx.body.length > 0) out['content-length'] = String(ctx.body.length);
  if (ctx.site.signing) {
    out[ctx.site.signing.header] = signOriginRequest(ctx.site.signing.secret, Math.floor(Date.now() / 1000), ctx.method, ctx.host, pathAndQuery, ctx.id);
  }
  return out;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const connectionTokens = String(raw.connection ?? '').toLowerCase().split(',').map((s) => s.trim());
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || RESPONSE_DROP.has(name) || connectionTokens.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Forwards a request that passed every request stage: picks an upstream, retries idempotent
 * requests on another upstream when the connection failed before any response, runs the response
 * stages and streams the body through their transforms.
 */
export async function proxyRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, trustedPeer: boolean): Promise<AccessOutcome> {
  const site = ctx.site;
  const pathAndQuery = ctx.query === '' ? ctx.path : `${ctx.path}?${ctx.query}`;
  const maxAttempts = IDEMPOTENT.has(ctx.method) ? 1 + site.config.retries : 1;
  const tried = new Set<Upstream>();
  let attempts = 0;
  let lastCode = 'NO_UPSTREAM';
  while (attempts < maxAttempts) {
    const upstream = site.balancer.pick(tried);
    if (!upstream) break;
    tried.add(upstream);
    attempts++;
    upstream.inflight++;
    let released = false;
    const release = (): void => {
      if (!released) upstream.inflight--;
      released = true;
    };
    let r: Awaited<ReturnType<typeof upstream.pool.request>>;
    try {
      r = await upstream.pool.request({
        path: pathAndQuery,
        method: ctx.method as 'GET',
        headers: upstreamHeaders(ctx, upstream, trustedPeer, pathAndQuery),
        body: ctx.body && ctx.body.length > 0 ? ctx.body : null,
        headersTimeout: site.config.timeouts.response,
        bodyTimeout: site.config.timeouts.response,
      });
    } catch (e) {
      release();
      lastCode = errorCode(e);
      upstream.recordFailure(Date.now());
      if (RETRYABLE.has(lastCode) && !req.destroyed) continue;
      break;
    }
    upstream.recordSuccess();
    const response: UpstreamResponse = { status: r.statusCode, headers: responseHeaders(r.headers) };
    for (const stage of site.responseStages) {
      const d = await stage.onResponseHeaders?.(ctx, response);
      if (d && d.type === 'block') {
        r.body.destroy();
        release();
        if (d.ruleId) ctx.matchedRules.push(d.ruleId);
        sendBlockPage(res, { status: d.status, reason: d.reason, requestId: ctx.id }, ctx.headers.accept, d.headers);
        return { status: d.status, action: 'block', reason: d.reason, upstream: upstream.url, attempts };
      }
    }
    const transforms: Transform[] = [];
    for (const stage of site.responseStages) {
      const t = stage.transformBody?.(ctx, response);
      if (t) transforms.push(t);
    }
    if (transforms.length > 0) delete response.headers['content-length'];
    response.headers['x-request-id'] = ctx.id;
    res.writeHead(response.status, response.headers);
    const declared = Number(response.headers['content-length'] ?? NaN);
    try {
      await pipeline([r.body as Readable, ...transforms, res]);
    } catch {
      // Client went away or the upstream broke mid-body: nothing more can be sent.
      res.destroy();
    } finally {
      release();
    }
    return { status: response.status, action: 'proxy', upstream: upstream.url, attempts, responseBytes: Number.isFinite(declared) ? declared : undefined };
  }
  const timeout = lastCode === 'UND_ERR_HEADERS_TIMEOUT' || lastCode === 'UND_ERR_BODY_TIMEOUT';
  const status = timeout ? 504 : 502;
  if (!res.headersSent && !res.destroyed) sendBlockPage(res, { status, reason: lastCode, requestId: ctx.id }, ctx.headers.accept);
  return { status, action: 'error', reason: lastCode, attempts };
}
