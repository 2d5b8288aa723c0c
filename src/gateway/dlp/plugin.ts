import type { SiteConfig } from '../../config/gateway.js';
import type { GatewayPlugin } from '../plugin.js';
import type { RequestContext, ResponseStage, UpstreamResponse } from '../pipeline.js';
import { dlpConfig, type DlpConfig } from './config.js';
import { inspectionFor } from './content-type.js';
import { dlpResponseHeaders } from './headers.js';
import { compileDlpPolicy, dlpAppliesToPath, type DlpPolicy } from './policy.js';
import { dlpStreamFor, type DlpEvent } from './stream.js';

/** A DLP event with where it happened: never the matched value. */
export interface DlpSiteEvent extends DlpEvent {
  readonly site: string;
  readonly path: string;
  readonly requestId: string;
}

export interface DlpPluginOptions {
  /** A site's DLP configuration; by default its `dlp` block (once the site schema embeds `dlpConfig`). */
  policyFor?(site: SiteConfig): DlpConfig | undefined;
  onEvent?(event: DlpSiteEvent): void;
}

function defaultPolicyFor(site: SiteConfig): DlpConfig | undefined {
  const raw = (site as unknown as Record<string, unknown>)['dlp'];
  return raw === undefined ? undefined : dlpConfig.parse(raw);
}

function applies(policy: DlpPolicy, ctx: RequestContext, response: UpstreamResponse): boolean {
  if (!dlpAppliesToPath(policy, ctx.path) || ctx.method === 'HEAD') return false;
  const h = response.headers;
  const one = (v: unknown): string | undefined => (v === undefined ? undefined : Array.isArray(v) ? v.join(', ') : String(v));
  return inspectionFor(one(h['content-type']), one(h['content-encoding'])).inspect;
}

/**
 * The DLP response stage for the gateway pipeline. Per site it compiles the policy once; per
 * response it adjusts the headers (see `dlpResponseHeaders`) and adds the streaming transform.
 *
 * The gateway's proxy awaits `DlpStream.verdict` before it sends the head, so a block inside the
 * hold window becomes its 502 block page (`blockMode: 'replace'`); a block after that aborts the
 * stream (see docs/dlp.md, "Blocking").
 */
export function createDlpPlugin(options: DlpPluginOptions = {}): GatewayPlugin {
  const policyFor = options.policyFor ?? defaultPolicyFor;
  return {
    name: 'dlp',
    responseStages(site: SiteConfig): ResponseStage[] {
      const config = policyFor(site);
      if (config === undefined) return [];
      const policy = compileDlpPolicy(config);
      if (!policy.enabled) return [];
      return [
        {
          name: 'dlp',
          onResponseHeaders(ctx, response) {
            if (applies(policy, ctx, response)) {
              const encoded = response.headers['content-encoding'] !== undefined && String(response.headers['content-encoding']).toLowerCase() !== 'identity';
              response.headers = dlpResponseHeaders(response.headers, { inspecting: true, reencoded: encoded });
            }
            return { type: 'continue' };
          },
          transformBody(ctx, response) {
            // (`dlpStreamFor` checks the path exceptions and the content type.)
            const onEvent = options.onEvent;
            return dlpStreamFor(
              policy,
              { method: ctx.method, path: ctx.path, status: response.status, headers: response.headers },
              { blockMode: 'replace', ...(onEvent ? { onEvent: (e: DlpEvent) => onEvent({ ...e, site: site.name, path: ctx.path, requestId: ctx.id }) } : {}) },
            );
          },
        },
      ];
    },
  };
}
