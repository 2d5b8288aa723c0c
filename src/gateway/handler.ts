import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { acceptRequestId, newRequestId } from '../core/ids.js';
import { accessEvent, type AccessLogSink, type AccessOutcome } from './access-log.js';
import { sendBlockPage } from './block-page.js';
import { http2View } from './http2.js';
import { normalizeIp } from './ip/ip-address.js';
import { runRequestStages, type Decision, type RequestContext } from './pipeline.js';
import { proxyRequest } from './proxy.js';
import type { GatewayRuntime } from './runtime.js';
import { hostnameOf } from './site-router.js';

const EMPTY = Buffer.alloc(0);

export interface ListenerInfo {
  readonly scheme: 'http' | 'https';
  /** The listener's own client-certificate policy. */
  readonly clientAuth: 'none' | 'optional' | 'required';
}

type BodyResult = { ok: true } | { ok: false; decision?: Decision; aborted?: boolean };

/** Reads the request body into ctx.body, enforcing the site's maxBodySize. */
function readBody(ctx: RequestContext, req: IncomingMessage, hasBody: boolean): Promise<BodyResult> {
  const limit = ctx.site.config.maxBodySize;
  const cl = ctx.headers['content-length'];
  if (!hasBody) {
    ctx.body = EMPTY;
    return Promise.resolve({ ok: true });
  }
  if (cl !== undefined && Number(cl) > limit) {
    return Promise.resolve({ ok: false, decision: { type: 'block', status: 413, reason: 'body too large', ruleId: 'limit:body' } });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(r);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, decision: { type: 'block', status: 413, reason: 'body too large', ruleId: 'limit:body' } });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      ctx.body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      finish({ ok: true });
    });
    req.once('error', () => finish({ ok: false, aborted: true }));
    req.once('aborted', () => finish({ ok: false, aborted: true }));
    req.once('close', () => finish({ ok: false, aborted: true }));
  });
}

function splitUrl(url: string): { path: string; query: string } | undefined {
  if (!url.startsWith('/')) return undefined;
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/**
 * Serves one request: site by Host, request stages, body buffering, proxy, response stages, log.
 * `runtime()` is read once per request, so a reload never changes a request midway.
 */
export async function handleRequest(runtime: GatewayRuntime, listener: ListenerInfo, log: AccessLogSink, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedAt = process.hrtime.bigint();
  // HTTP/2 (ALPN h2 on listeners with `http2: true`) is read as HTTP/1.1; upstreams always get HTTP/1.1.
  const h2 = req.httpVersionMajor === 2 ? http2View(req) : undefined;
  const headers = h2?.headers ?? req.headers;
  const peerIp = normalizeIp(req.socket.remoteAddress ?? '');
  const { ip: clientIp, trustedPeer } = runtime.clientIp(peerIp, headers['x-forwarded-for'] as string | undefined);
  const id = (trustedPeer ? acceptRequestId(headers['x-request-id']) : undefined) ?? newRequestId();
  const host = headers.host ?? '';
  const tlsSocket = listener.scheme === 'https' ? (req.socket as TLSSocket) : undefined;
  const site = runtime.router.match(tlsSocket && host === '' ? (tlsSocket.servername || '') : host);
  const parts = splitUrl(req.url ?? '');
  if (!site || !parts) {
    const status = site ? 400 : 404;
    const reason = site ? 'request target must be a path' : 'unknown site';
    sendBlockPage(res, { status, reason, requestId: id, params: { host: hostnameOf(host) } }, headers.accept);
    log.write({
      '@timestamp': new Date().toISOString(),
      event: { kind: 'event', category: ['web'], type: ['access', 'denied'], outcome: 'failure', duration: Number(process.hrtime.bigint() - startedAt), dataset: 'bulwark.gateway' },
      source: { ip: clientIp },
      http: { request: { id, method: req.method }, response: { status_code: status } },
      url: { domain: host, original: req.url },
      user_agent: { original: headers['user-agent'] ?? '' },
      bulwark: { site: site?.name ?? '-', action: 'block', reason, rules: [] },
    });
    return;
  }
  const peerCert = tlsSocket?.getPeerX509Certificate?.();
  const ctx: RequestContext = {
    id,
    startedAt,
    clientIp,
    peerIp,
    scheme: listener.scheme,
    method: req.method ?? 'GET',
    host,
    path: parts.path,
    query: parts.query,
    httpVersion: req.httpVersion,
    headers,
    rawHeaders: h2?.rawHeaders ?? req.rawHeaders,
    tls: tlsSocket
      ? { protocol: tlsSocket.getProtocol() ?? undefined, servername: tlsSocket.servername || undefined, authorized: tlsSocket.authorized, peerCertificate: peerCert }
      : undefined,
    site,
    body: undefined,
    matchedRules: [],
    allowed: false,
    tags: {},
  };
  let outcome: AccessOutcome;
  try {
    const hasBody = h2 ? h2.hasBody : headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
    // Without a body there is nothing to read: stages see an empty body at once (no read step later).
    if (!hasBody) ctx.body = EMPTY;
    outcome = await serve(ctx, listener, req, res, trustedPeer, hasBody);
  } catch (e) {
    if (!res.headersSent) sendBlockPage(res, { status: 502, reason: 'internal', requestId: id }, headers.accept);
    else res.destroy();
    outcome = { status: 502, action: 'error', reason: (e as Error).message };
  }
  if (log.active !== false) log.write(accessEvent(ctx, outcome));
}

async function serve(ctx: RequestContext, listener: ListenerInfo, req: IncomingMessage, res: ServerResponse, trustedPeer: boolean, hasBody: boolean): Promise<AccessOutcome> {
  if (listener.clientAuth === 'optional' && ctx.tls?.peerCertificate && !ctx.tls.authorized) {
    return respond(ctx, res, { type: 'block', status: 403, reason: 'client certificate', ruleId: 'mtls:listener' });
  }
  let aborted = false;
  const bodyReader = async (): Promise<Decision | undefined> => {
    const r = await readBody(ctx, req, hasBody);
    if (r.ok) return undefined;
    if (r.aborted) aborted = true;
    return r.decision ?? { type: 'block', status: 400, reason: 'request body aborted', ruleId: 'protocol:body' };
  };
  let decision = await runRequestStages(ctx.site.requestStages, ctx, bodyReader);
  if (decision.type === 'continue' && ctx.body === undefined) decision = (await bodyReader()) ?? decision;
  if (aborted) {
    // The parser already answered 400 (clientError) or the client left: nothing was forwarded.
    return { status: 400, action: 'reject', reason: 'body aborted or malformed' };
  }
  if (decision.type === 'block' || decision.type === 'respond') return respond(ctx, res, decision);
  return proxyRequest(ctx, req, res, trustedPeer);
}

function respond(ctx: RequestContext, res: ServerResponse, d: Decision): AccessOutcome {
  if (d.type === 'respond') {
    res.writeHead(d.status, { ...d.headers, 'x-request-id': ctx.id, ...(d.body !== undefined ? { 'content-length': Buffer.byteLength(d.body) } : {}) });
    res.end(d.body);
    return { status: d.status, action: 'respond' };
  }
  if (d.type !== 'block') return { status: 500, action: 'error' };
  // An unread body (413, or a block before the body was read) leaves the stream unusable: close it.
  const close = ctx.body === undefined && (ctx.headers['content-length'] !== undefined || ctx.headers['transfer-encoding'] !== undefined);
  const retry = d.headers?.['retry-after'];
  sendBlockPage(res, { status: d.status, reason: d.reason, requestId: ctx.id, params: { limit: ctx.site.config.maxBodySize, retryAfter: typeof retry === 'string' ? retry : '1' } }, ctx.headers.accept, d.headers, close);
  return { status: d.status, action: 'block', reason: d.reason };
}
