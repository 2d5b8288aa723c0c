import type { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { AccessKey } from './client.js';
import { signedRequest } from './client.js';

export interface LongPollOptions<T> {
  server: string;
  key: AccessKey;
  /** The long-poll endpoint (GET, `?wait=N`, `If-None-Match`) and the RAM action it is signed for. */
  path: string;
  action: string;
  /** Validates the 200 body. */
  schema: z.ZodType<T>;
  /** Applies an update; throws when it cannot be applied (the caller keeps what it has). */
  apply(update: T): Promise<void>;
  /** Names the revision of an update in logs. */
  describe?(update: T): Record<string, unknown>;
  logger: Logger;
  /** Long-poll length asked of the server, in seconds (default 30). */
  waitSeconds?: number;
  /** Back-off after a failed poll: first and longest delay in ms (default 1 s → 30 s). */
  retryMs?: { first: number; max: number };
}

/**
 * A signed long-poll client: asks with the ETag of what is in force, applies each new version, and
 * backs off while the server is away. A version that cannot be applied is logged and skipped (its
 * ETag is kept, so the client waits for the next change instead of retrying the bad one in a loop).
 */
export class LongPoller<T> {
  private etag: string | undefined;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private failures = 0;
  /** How many updates were applied (tests, metrics). */
  applied = 0;

  constructor(private readonly options: LongPollOptions<T>) {}

  /** Fetches and applies the current revision once (no waiting); false when the server cannot be reached. */
  async first(): Promise<boolean> {
    try {
      await this.poll(0);
      return true;
    } catch (e) {
      this.options.logger.warn({ server: this.options.server, path: this.options.path, reason: (e as Error).message }, 'not available from the server yet; starting with what is local');
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
        this.options.logger.warn({ server: this.options.server, path: this.options.path, reason: (e as Error).message, retryInMs: delay }, 'long-poll failed');
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
      { method: 'GET', path: this.options.path, query: { wait: String(waitSeconds) }, headers: this.etag ? { 'if-none-match': this.etag } : {}, signal },
      this.options.key,
      this.options.action,
    );
    if (status === 304) return;
    if (status !== 200) {
      const body = json as { Code?: string; Message?: string };
      throw new Error(`HTTP ${status} ${body.Code ?? ''} ${body.Message ?? ''}`.trim());
    }
    const parsed = this.options.schema.safeParse(json);
    if (!parsed.success) throw new Error('the server answered with an unexpected body');
    const etag = headers.get('etag') ?? undefined;
    const described = { path: this.options.path, etag, ...this.options.describe?.(parsed.data) };
    try {
      await this.options.apply(parsed.data);
      this.applied++;
      this.options.logger.info(described, 'update from the server applied');
    } catch (e) {
      this.options.logger.error({ ...described, reason: (e as Error).message }, 'update from the server refused; keeping the current state');
    }
    this.etag = etag;
  }
}
