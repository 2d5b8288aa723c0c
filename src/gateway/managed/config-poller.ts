import { z } from 'zod';
import type { Logger } from '../../core/logger.js';
import type { AccessKey } from '../../events/client.js';
import { signedRequest } from '../../events/client.js';
import { GATEWAY_CONFIG_PATH, GET_GATEWAY_CONFIG_ACTION } from '../../sites/paths.js';

export interface ManagedSites {
  revision: number;
  sites: unknown[];
  /** Addresses banned by reputation decisions. */
  bans: string[];
}

export interface ConfigPollerOptions {
  server: string;
  key: AccessKey;
  /** Applies the server's sites; throws (the gateway keeps its current configuration) when they cannot be applied. */
  apply(update: ManagedSites): Promise<void>;
  logger: Logger;
  /** Long-poll length asked of the server, in seconds (default 30). */
  waitSeconds?: number;
  /** Back-off after a failed poll: first and longest delay in ms (default 1 s → 30 s). */
  retryMs?: { first: number; max: number };
}

const configBody = z.object({ revision: z.number().int().min(0), sites: z.array(z.unknown()), bans: z.array(z.string()).default([]) });

/**
 * The managed gateway's side of configuration sync: long-polls `GET /api/gateway/config` with the
 * ETag of the revision in force, applies each new revision, and backs off while the server is away.
 * A revision the gateway cannot apply is logged and skipped (its ETag is kept, so the gateway waits
 * for the next change instead of retrying the bad one in a loop).
 */
export class ConfigPoller {
  private etag: string | undefined;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private failures = 0;
  /** The revision applied last, if any. */
  applied: number | undefined;

  constructor(private readonly options: ConfigPollerOptions) {}

  /** Fetches and applies the current revision once (no waiting); false when the server cannot be reached. */
  async first(): Promise<boolean> {
    try {
      await this.poll(0);
      return true;
    } catch (e) {
      this.options.logger.warn({ server: this.options.server, reason: (e as Error).message }, 'managed configuration not available yet; starting with the local one');
      return false;
    }
  }

  /** Keeps polling in the background until `stop()`. */
  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const wait = this.options.waitSeconds ?? 30;
    const retry = this.options.retryMs ?? { first: 1000, max: 30_000 };
    while (!this.stopping.signal.aborted) {
      try {
        await this.poll(wait);
        this.failures = 0;
      } catch (e) {
        if (this.stopping.signal.aborted) return;
        this.failures++;
        const delay = Math.min(retry.max, retry.first * 2 ** Math.min(this.failures - 1, 10));
        this.options.logger.warn({ server: this.options.server, reason: (e as Error).message, retryInMs: delay }, 'managed configuration poll failed');
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay);
          this.stopping.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
        });
      }
    }
  }

  private async poll(waitSeconds: number): Promise<void> {
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout((waitSeconds + 15) * 1000)]);
    const { status, json, headers } = await signedRequest(
      this.options.server,
      { method: 'GET', path: GATEWAY_CONFIG_PATH, query: { wait: String(waitSeconds) }, headers: this.etag ? { 'if-none-match': this.etag } : {}, signal },
      this.options.key,
      GET_GATEWAY_CONFIG_ACTION,
    );
    if (status === 304) return;
    if (status !== 200) {
      const body = json as { Code?: string; Message?: string };
      throw new Error(`HTTP ${status} ${body.Code ?? ''} ${body.Message ?? ''}`.trim());
    }
    const parsed = configBody.safeParse(json);
    if (!parsed.success) throw new Error('the server answered with an unexpected body');
    const etag = headers.get('etag') ?? undefined;
    try {
      await this.options.apply(parsed.data);
      this.applied = parsed.data.revision;
      this.options.logger.info({ revision: parsed.data.revision, sites: parsed.data.sites.length }, 'managed configuration applied');
    } catch (e) {
      this.options.logger.error({ revision: parsed.data.revision, reason: (e as Error).message }, 'managed configuration refused; keeping the current one');
    }
    this.etag = etag;
  }
}

/**
 * Applies a managed update; when the whole update is refused (e.g. a site whose certificate this
 * gateway does not have) but its bans changed, the bans are still applied on top of the sites in
 * force — one bad site must not stop reputation bans. The original refusal is rethrown (logged).
 */
export async function applyManagedUpdate(state: { current: ManagedSites }, update: ManagedSites, apply: (next: ManagedSites) => Promise<void>): Promise<void> {
  try {
    await apply(update);
    state.current = update;
  } catch (e) {
    if (JSON.stringify(update.bans) !== JSON.stringify(state.current.bans)) {
      const bansOnly = { ...state.current, bans: update.bans };
      await apply(bansOnly);
      state.current = bansOnly;
    }
    throw e;
  }
}
