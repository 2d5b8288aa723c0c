import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { AccessOutcome } from './access-log.js';
import { sendBlockPage } from './block-page.js';
import { signOriginRequest } from './origin-signing.js';
import type { BodyTransform, RequestContext, UpstreamResponse } from './pipeline.js';
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
  const connectionTokens = connectionHeaderTokens(ctx.headers.connection);
  const signingHeader = ctx.site.signing?.header;
  const headers = ctx.headers;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || REQUEST_DROP.has(name) || name === signingHeader || (connectionTokens !== undefined && connectionTokens.includes(name))) continue;
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

/** Header names listed in a `Connection` header (hop-by-hop by declaration); undefined when there is none. */
function connectionHeaderTokens(connection: string | string[] | undefined): string[] | undefined {
  if (connection === undefined) return undefined;
  return String(connection).toLowerCase().split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const connectionTokens = connectionHeaderTokens(raw.connection);
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined || RESPONSE_DROP.has(name) || (connectionTokens !== undefined && connectionTokens.includes(name))) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Streams the body through the transforms to the client with `pipe` (backpressure, end): lighter than
 * stream.pipeline, which builds an AbortController and an AbortError per response. An error on any
 * transform destroys the response; a client that goes away destroys the transforms.
 */
function pipeThrough(transforms: readonly BodyTransform[], res: ServerResponse): void {
  let prev: BodyTransform = transforms[0] as BodyTransform;
  for (let i = 1; i < transforms.length; i++) {
    const next = transforms[i] as BodyTransform;
    prev.pipe(next);
    prev = next;
  }
  prev.pipe(res);
  const fail = (): void => {
    res.destroy();
    for (const t of transforms) t.destroy();
  };
  for (const t of transforms) t.once('error', fail);
  res.once('close', () => {
    if (!res.writableFinished) for (const t of transforms) t.destroy();
  });
}

type Attempt =
  | { kind: 'failed'; code: string }
  | { kind: 'answered'; status: number; bytes: number; blocked?: { status: number; reason: string } };

type Sink = { write(chunk: Buffer): boolean; end(): void; once(event: 'drain', fn: () => void): unknown };

/**
 * One attempt on one upstream through undici's dispatch API: the response is written straight to
 * the client socket with backpressure (no intermediate stream objects on the fast path).
 * Resolves `failed` only when nothing was sent to the client yet (so a retry is possible).
 */
function attempt(ctx: RequestContext, res: ServerResponse, upstream: Upstream, headers: Record<string, string | string[]>, pathAndQuery: string): Promise<Attempt> {
  const site = ctx.site;
  return new Promise((resolve) => {
    let settled = false;
    let controllerRef: Dispatcher.DispatchController | undefined;
    let sink: Sink = res;
    let bytes = 0;
    let status = 0;
    let blocked: { status: number; reason: string } | undefined;
    /** Set while transform verdicts decide whether the head may be sent. */
    let headReady: Promise<void> | undefined;
    const finish = (a: Attempt): void => {
      if (settled) return;
      settled = true;
      res.off('close', onClientClose);
      resolve(a);
    };
    const onClientClose = (): void => {
      if (!res.writableFinished) controllerRef?.abort(new Error('client closed'));
    };
    res.on('close', onClientClose);
    const start = (controller: Dispatcher.DispatchController, statusCode: number, raw: Record<string, string | string[] | undefined>): void => {
      status = statusCode;
      const response: UpstreamResponse = { status: statusCode, headers: responseHeaders(raw) };
      const write = (): void => {
        const transforms: BodyTransform[] = [];
        for (const stage of site.responseStages) {
          const t = stage.transformBody?.(ctx, response);
          if (t) transforms.push(t);
        }
        if (transforms.length === 0) {
          response.headers['x-request-id'] = ctx.id;
          res.writeHead(response.status, response.headers);
          return;
        }
        if (!transforms.every((t) => t.preservesLength === true)) delete response.headers['content-length'];
        response.headers['x-request-id'] = ctx.id;
        sink = transforms[0] as BodyTransform;
        const send = (): void => {
          res.writeHead(response.status, response.headers);
          pipeThrough(transforms, res);
        };
        const verdicts = transforms.map((t) => t.verdict).filter((v): v is Promise<{ readonly action: string }> => v !== undefined);
        if (verdicts.length === 0) {
          send();
          return;
        }
        // Upstream bytes keep flowing into the transforms (which hold them) while the verdicts settle.
        headReady = Promise.all(verdicts).then((vs) => {
          if (blocked || res.headersSent || res.destroyed) return;
          if (vs.every((v) => v.action === 'pass')) {
            send();
            return;
          }
          blocked = { status: 502, reason: 'response blocked' };
          ctx.matchedRules.push('response:blocked');
          controller.abort(new Error('response blocked'));
          for (const t of transforms) t.destroy();
          sendBlockPage(res, { status: 502, reason: 'response blocked', requestId: ctx.id }, ctx.headers.accept);
          finish({ kind: 'answered', status: 502, bytes: 0, blocked });
        });
      };
      if (site.responseStages.length === 0) {
        write();
        return;
      }
      controller.pause();
      void (async () => {
        for (const stage of site.responseStages) {
          const d = await stage.onResponseHeaders?.(ctx, response);
          if (d && d.type === 'block') {
            if (d.ruleId) ctx.matchedRules.push(d.ruleId);
            blocked = { status: d.status, reason: d.reason };
            controller.abort(new Error('blocked by response stage'));
            sendBlockPage(res, { status: d.status, reason: d.reason, requestId: ctx.id }, ctx.headers.accept, d.headers);
            finish({ kind: 'answered', status: d.status, bytes: 0, blocked });
            return;
          }
        }
        write();
        controller.resume();
      })().catch(() => {
        controller.abort(new Error('response stage failed'));
      });
    };
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(controller) {
        controllerRef = controller;
      },
      onResponseStart(controller, statusCode, raw) {
        start(controller, statusCode, raw as Record<string, string | string[] | undefined>);
      },
      onResponseData(controller, chunk) {
        if (blocked) return;
        bytes += chunk.length;
        if (!sink.write(chunk)) {
          controller.pause();
          sink.once('drain', () => controller.resume());
        }
      },
      onResponseEnd() {
        if (blocked) return;
        sink.end();
        if (headReady) void headReady.then(() => finish({ kind: 'answered', status, bytes }));
        else finish({ kind: 'answered', status, bytes });
      },
      onResponseError(_controller, err) {
        if (blocked) return;
        if (headReady && !res.headersSent) {
          // The body broke while verdicts were pending: nothing was sent, answer with the error page.
          blocked = { status: 502, reason: errorCode(err) };
          sendBlockPage(res, { status: 502, reason: errorCode(err), requestId: ctx.id }, ctx.headers.accept);
          finish({ kind: 'answered', status: 502, bytes: 0 });
          return;
        }
        if (status === 0 && !res.headersSent) {
          finish({ kind: 'failed', code: errorCode(err) });
          return;
        }
        // Broken mid-body: nothing more can be sent.
        res.destroy();
        finish({ kind: 'answered', status, bytes });
      },
    };
    upstream.pool.dispatch(
      {
        origin: upstream.origin,
        path: pathAndQuery,
        method: ctx.method,
        headers,
        body: ctx.body && ctx.body.length > 0 ? ctx.body : null,
        headersTimeout: site.config.timeouts.response,
        bodyTimeout: site.config.timeouts.response,
      },
      handler,
    );
  });
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
  let tried: Set<Upstream> | undefined;
  let attempts = 0;
  let lastCode = 'NO_UPSTREAM';
  while (attempts < maxAttempts) {
    const upstream = site.balancer.pick(tried);
    if (!upstream) break;
    (tried ??= new Set()).add(upstream);
    attempts++;
    upstream.inflight++;
    let a: Attempt;
    try {
      a = await attempt(ctx, res, upstream, upstreamHeaders(ctx, upstream, trustedPeer, pathAndQuery), pathAndQuery);
    } finally {
      upstream.inflight--;
    }
    if (a.kind === 'answered') {
      upstream.recordSuccess();
      if (a.blocked) return { status: a.blocked.status, action: 'block', reason: a.blocked.reason, upstream: upstream.url, attempts };
      return { status: a.status, action: 'proxy', upstream: upstream.url, attempts, responseBytes: a.bytes };
    }
    lastCode = a.code;
    upstream.recordFailure(Date.now());
    if (!RETRYABLE.has(lastCode) || req.destroyed) break;
  }
  const timeout = lastCode === 'UND_ERR_HEADERS_TIMEOUT' || lastCode === 'UND_ERR_BODY_TIMEOUT';
  const status = timeout ? 504 : 502;
  if (!res.headersSent && !res.destroyed) sendBlockPage(res, { status, reason: lastCode, requestId: ctx.id }, ctx.headers.accept);
  return { status, action: 'error', reason: lastCode, attempts };
}
