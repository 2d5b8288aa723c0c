import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AccessOutcome } from './access-log.js';
import { sendBlockPage } from './block-page.js';
import { signOriginRequest } from './origin-signing.js';
import type { BodyTransform, RequestContext, UpstreamResponse } from './pipeline.js';
import { BODY_TIMEOUT, CLOSED, CONNECT_TIMEOUT, HEADERS_TIMEOUT, type Exchange, type OriginError } from './upstream/origin-connection.js';
import type { Upstream } from './upstream/upstream.js';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those the gateway sets itself. */
const REQUEST_DROP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect',
  'content-length', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip', 'x-request-id', 'forwarded',
]);
const RESPONSE_DROP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Methods whose empty body is still framed with `Content-Length: 0` (origins may refuse them without, 411). */
const EXPECTS_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Errors where the request surely did not reach the application: safe to retry elsewhere. */
const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', CLOSED, CONNECT_TIMEOUT]);
/** The client went away before the answer: nothing to retry, and not the upstream's fault. */
const CLIENT_CLOSED = 'CLIENT_CLOSED';
/** Header values not read by llhttp (HTTP/2 requests) must not smuggle a line break into the upstream request. */
const LINE_BREAK = /[\r\n\0]/;

/**
 * The request head sent upstream (request line and header fields, latin1 as node:http reads them):
 * the client's headers minus hop-by-hop ones, plus X-Forwarded-*, X-Real-IP, X-Request-Id and the
 * origin signature. Values come from llhttp (which refuses CR, LF and NUL) or from the gateway itself;
 * HTTP/2 values are checked here.
 */
export function upstreamHead(ctx: RequestContext, upstream: Upstream, trustedPeer: boolean, pathAndQuery: string): string {
  const connectionTokens = connectionHeaderTokens(ctx.headers.connection);
  const signingHeader = ctx.site.signing?.header;
  const headers = ctx.headers;
  const checkValues = ctx.httpVersion.charCodeAt(0) === 50; // '2'
  const preserveHost = ctx.site.config.preserveHost;
  let head = `${ctx.method} ${pathAndQuery} HTTP/1.1\r\n`;
  let sawHost = false;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || REQUEST_DROP.has(name) || name === signingHeader || (connectionTokens !== undefined && connectionTokens.includes(name))) continue;
    if (name === 'host') {
      sawHost = true;
      if (!preserveHost) {
        head += `host: ${upstream.host}\r\n`;
        continue;
      }
    }
    if (typeof value === 'string') {
      if (checkValues && LINE_BREAK.test(value)) throw new Error(`invalid value of ${name}`);
      head += `${name}: ${value}\r\n`;
    } else {
      for (const v of value) {
        if (checkValues && LINE_BREAK.test(v)) throw new Error(`invalid value of ${name}`);
        head += `${name}: ${v}\r\n`;
      }
    }
  }
  if (!sawHost) head += `host: ${upstream.host}\r\n`;
  const priorXff = trustedPeer ? ctx.headers['x-forwarded-for'] : undefined;
  head += `x-forwarded-for: ${priorXff ? `${priorXff}, ${ctx.peerIp}` : ctx.peerIp}\r\nx-forwarded-proto: ${ctx.scheme}\r\nx-forwarded-host: ${ctx.host}\r\nx-real-ip: ${ctx.clientIp}\r\nx-request-id: ${ctx.id}\r\n`;
  if (ctx.body && ctx.body.length > 0) head += `content-length: ${ctx.body.length}\r\n`;
  else if (EXPECTS_BODY.has(ctx.method)) head += 'content-length: 0\r\n';
  if (ctx.site.signing) {
    head += `${ctx.site.signing.header}: ${signOriginRequest(ctx.site.signing.secret, Math.floor(Date.now() / 1000), ctx.method, ctx.host, pathAndQuery, ctx.id)}\r\n`;
  }
  if (checkValues && (LINE_BREAK.test(pathAndQuery) || pathAndQuery.includes(' ') || LINE_BREAK.test(ctx.host))) throw new Error('invalid request target');
  return `${head}\r\n`;
}

/** Header names listed in a `Connection` header (hop-by-hop by declaration); undefined when there is none. */
function connectionHeaderTokens(connection: string | string[] | undefined): string[] | undefined {
  if (connection === undefined) return undefined;
  return String(connection).toLowerCase().split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The origin's response headers as an object (lower-case names, arrays for repeats) for response stages, minus hop-by-hop ones. */
function responseHeaders(raw: readonly string[]): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    const prior = out[name];
    if (prior === undefined) out[name] = value;
    else if (Array.isArray(prior)) prior.push(value);
    else out[name] = [String(prior), value];
  }
  const connectionTokens = connectionHeaderTokens(out.connection as string | string[] | undefined);
  for (const name of RESPONSE_DROP) delete out[name];
  if (connectionTokens !== undefined) for (const name of connectionTokens) delete out[name];
  return out;
}

/**
 * The origin's response headers as a flat `[name, value, …]` list for `writeHead` (no stage edits
 * them): names as the origin sent them, hop-by-hop ones dropped, X-Request-Id added.
 */
function responseHeaderList(raw: readonly string[], requestId: string): string[] {
  let connectionTokens: string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 10 || name.toLowerCase() !== 'connection') continue;
    const value = (raw[i + 1] as string).toLowerCase();
    // The usual values name only hop-by-hop headers dropped anyway.
    if (value !== 'keep-alive' && value !== 'close') connectionTokens = [...(connectionTokens ?? []), ...(connectionHeaderTokens(value) ?? [])];
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (RESPONSE_DROP.has(lower) || lower === 'x-request-id' || (connectionTokens !== undefined && connectionTokens.includes(lower))) continue;
    out.push(name, raw[i + 1] as string);
  }
  out.push('x-request-id', requestId);
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

type Sink = { write(chunk: Buffer): boolean; end(chunk?: Buffer): void; once(event: 'drain', fn: () => void): unknown };

/**
 * One attempt on one upstream: the response is written straight to the client socket with
 * backpressure (no intermediate stream objects on the fast path); a small response goes out in one
 * write (head, body and end). Resolves `failed` only when nothing was sent to the client yet (so a
 * retry is possible).
 */
function attempt(ctx: RequestContext, res: ServerResponse, upstream: Upstream, head: string, replayable: boolean): Promise<Attempt> {
  const site = ctx.site;
  return new Promise((resolve) => {
    let settled = false;
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
      if (res.writableFinished || ex.done) return;
      ex.abort();
      finish(status === 0 ? { kind: 'failed', code: CLIENT_CLOSED } : { kind: 'answered', status, bytes });
    };
    res.on('close', onClientClose);
    const resume = (): void => ex.resume();
    const start = (exchange: Exchange, statusCode: number, raw: string[]): void => {
      status = statusCode;
      if (site.responseStages.length === 0) {
        res.writeHead(statusCode, responseHeaderList(raw, ctx.id));
        return;
      }
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
        const verdicts = transforms.map((t) => t.verdict).filter((v): v is Promise<{ action: string }> => v !== undefined);
        const send = (): void => {
          res.writeHead(response.status, response.headers);
          pipeThrough(transforms, res);
        };
        if (verdicts.length === 0) {
          send();
          return;
        }
        // The body keeps flowing into the transforms (which hold them) while the verdicts settle.
        headReady = Promise.all(verdicts).then((vs) => {
          if (blocked || res.headersSent || res.destroyed) return;
          if (vs.every((v) => v.action === 'pass')) {
            send();
            return;
          }
          blocked = { status: 502, reason: 'response blocked' };
          ctx.matchedRules.push('response:blocked');
          exchange.abort();
          for (const t of transforms) t.destroy();
          sendBlockPage(res, { status: 502, reason: 'response blocked', requestId: ctx.id }, ctx.headers.accept);
          finish({ kind: 'answered', status: 502, bytes: 0, blocked });
        });
      };
      exchange.pause();
      void (async () => {
        for (const stage of site.responseStages) {
          const d = await stage.onResponseHeaders?.(ctx, response);
          if (d && d.type === 'block') {
            if (d.ruleId) ctx.matchedRules.push(d.ruleId);
            blocked = { status: d.status, reason: d.reason };
            exchange.abort();
            sendBlockPage(res, { status: d.status, reason: d.reason, requestId: ctx.id }, ctx.headers.accept, d.headers);
            finish({ kind: 'answered', status: d.status, bytes: 0, blocked });
            return;
          }
        }
        write();
        exchange.resume();
      })().catch(() => {
        exchange.abort();
        res.destroy();
        finish({ kind: 'answered', status, bytes });
      });
    };
    // (the handlers run on later events, when `ex` is set)
    const ex: Exchange = upstream.pool.request(
      { method: ctx.method, head, body: ctx.body && ctx.body.length > 0 ? ctx.body : null, headersTimeout: site.config.timeouts.response, bodyTimeout: site.config.timeouts.response, replayable },
      {
        onHead(statusCode, raw) {
          start(ex, statusCode, raw);
        },
        onData(chunk) {
          if (blocked) return;
          bytes += chunk.length;
          if (!sink.write(chunk)) {
            ex.pause();
            sink.once('drain', resume);
          }
        },
        onEnd(tail) {
          if (blocked) return;
          if (tail) bytes += tail.length;
          sink.end(tail);
          if (headReady) void headReady.then(() => finish({ kind: 'answered', status, bytes }));
          else finish({ kind: 'answered', status, bytes });
        },
        onError(err: OriginError) {
          if (blocked) return;
          if (headReady && !res.headersSent) {
            // The body broke while verdicts were pending: nothing was sent, answer with the error page.
            blocked = { status: 502, reason: err.code };
            sendBlockPage(res, { status: 502, reason: err.code, requestId: ctx.id }, ctx.headers.accept);
            finish({ kind: 'answered', status: 502, bytes: 0 });
            return;
          }
          if (status === 0 && !res.headersSent) {
            finish({ kind: 'failed', code: err.code });
            return;
          }
          // Broken mid-body: nothing more can be sent.
          res.destroy();
          finish({ kind: 'answered', status, bytes });
        },
      },
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
  const replayable = IDEMPOTENT.has(ctx.method);
  const maxAttempts = replayable ? 1 + site.config.retries : 1;
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
      a = await attempt(ctx, res, upstream, upstreamHead(ctx, upstream, trustedPeer, pathAndQuery), replayable);
    } finally {
      upstream.inflight--;
    }
    if (a.kind === 'answered') {
      upstream.recordSuccess();
      if (a.blocked) return { status: a.blocked.status, action: 'block', reason: a.blocked.reason, upstream: upstream.url, attempts };
      return { status: a.status, action: 'proxy', upstream: upstream.url, attempts, responseBytes: a.bytes };
    }
    lastCode = a.code;
    if (lastCode === CLIENT_CLOSED) break;
    upstream.recordFailure(Date.now());
    if (!RETRYABLE.has(lastCode) || req.destroyed) break;
  }
  const timeout = lastCode === HEADERS_TIMEOUT || lastCode === BODY_TIMEOUT;
  const status = timeout ? 504 : 502;
  if (!res.headersSent && !res.destroyed) sendBlockPage(res, { status, reason: lastCode, requestId: ctx.id }, ctx.headers.accept);
  return { status, action: 'error', reason: lastCode, attempts };
}
