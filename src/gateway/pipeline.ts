import type { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Transform } from 'node:stream';
import type { CompiledSite } from './site.js';

/**
 * The gateway pipeline: connection → request stages (protocol, redirect, ACL, rules, rate limit,
 * pingback, WAF…) → proxy → response stages (headers, streaming body transforms such as DLP) → log.
 * Each stage returns a decision; the gateway acts on it. New protections (the WAF engine, DLP
 * detectors) plug in as stages without touching the proxy.
 */

export interface TlsInfo {
  readonly protocol: string | undefined;
  readonly servername: string | undefined;
  /** The client certificate verified against the listener CA (OpenSSL). */
  readonly authorized: boolean;
  /** The client certificate, when one was presented. */
  readonly peerCertificate: X509Certificate | undefined;
}

/** Everything known about one request; stages read it and may add matched rule ids and tags. */
export interface RequestContext {
  readonly id: string;
  readonly startedAt: bigint;
  readonly clientIp: string;
  readonly peerIp: string;
  readonly scheme: 'http' | 'https';
  readonly method: string;
  readonly host: string;
  /** Raw path without the query string, as sent by the client. */
  readonly path: string;
  /** Raw query string without `?` ('' when absent). */
  readonly query: string;
  readonly httpVersion: string;
  readonly headers: IncomingHttpHeaders;
  /** Header names and values in wire order (duplicates kept). */
  readonly rawHeaders: readonly string[];
  readonly tls: TlsInfo | undefined;
  readonly site: CompiledSite;
  /** The buffered request body once a stage asked for it (always before proxying). */
  body: Buffer | undefined;
  /** Ids of rules that matched (block, log or allow), for the access log. */
  readonly matchedRules: string[];
  /** Set when an `allow` decision skipped the remaining security stages. */
  allowed: boolean;
  /** Free-form annotations for the access log (`bulwark.tags`). */
  readonly tags: Record<string, string>;
}

export type Decision =
  | { readonly type: 'continue' }
  /** Skip the remaining security stages (an allow rule); protocol stages still ran before. */
  | { readonly type: 'allow'; readonly ruleId?: string }
  /** Refuse with the branded block page. */
  | { readonly type: 'block'; readonly status: number; readonly reason: string; readonly ruleId?: string; readonly headers?: OutgoingHttpHeaders }
  /** Answer directly (redirects). */
  | { readonly type: 'respond'; readonly status: number; readonly headers: OutgoingHttpHeaders; readonly body?: string };

export const CONTINUE: Decision = Object.freeze({ type: 'continue' });

export interface RequestStage {
  readonly name: string;
  /** Security stages are skipped after an `allow` decision; protocol stages never are. */
  readonly kind: 'protocol' | 'security';
  /** True when this stage must see the request body; the gateway buffers it (up to the site limit) first. */
  needsBody?(ctx: RequestContext): boolean;
  onRequest(ctx: RequestContext): Decision | Promise<Decision>;
}

export interface UpstreamResponse {
  status: number;
  headers: OutgoingHttpHeaders;
}

/**
 * A body transform may carry a verdict (DLP holds the first bytes while it scans them): the proxy
 * waits for every verdict before sending the head, and `block` or `error` replaces the response
 * with a 502 block page — nothing of the body reaches the client.
 */
export type BodyTransform = Transform & {
  readonly verdict?: Promise<{ readonly action: string }>;
  /** True when the output has exactly the input's length (in-place masking): `Content-Length` is kept. */
  readonly preservesLength?: boolean;
};

export interface ResponseStage {
  readonly name: string;
  /** May edit the response headers in place or replace the response with a block decision. */
  onResponseHeaders?(ctx: RequestContext, response: UpstreamResponse): Decision | Promise<Decision>;
  /** A streaming transform of the response body (e.g. DLP masking); `undefined` leaves it untouched. */
  transformBody?(ctx: RequestContext, response: UpstreamResponse): BodyTransform | undefined;
}

/** Runs request stages in order and returns the first terminal decision. */
export async function runRequestStages(
  stages: readonly RequestStage[],
  ctx: RequestContext,
  readBody: () => Promise<Decision | undefined>,
): Promise<Decision> {
  for (const stage of stages) {
    if (ctx.allowed && stage.kind === 'security') continue;
    if (ctx.body === undefined && stage.needsBody?.(ctx)) {
      const refused = await readBody();
      if (refused) return refused;
    }
    const r = stage.onRequest(ctx);
    const d = r instanceof Promise ? await r : r;
    if (d.type === 'continue') continue;
    if (d.type === 'allow') {
      ctx.allowed = true;
      if (d.ruleId) ctx.matchedRules.push(d.ruleId);
      continue;
    }
    if (d.type === 'block' && d.ruleId && !ctx.matchedRules.includes(d.ruleId)) ctx.matchedRules.push(d.ruleId);
    return d;
  }
  return CONTINUE;
}
