import type { Logger } from '../../core/logger.js';
import { signedPost, type AccessKey } from '../../events/client.js';
import { INGEST_PATH, PUT_EVENTS_ACTION } from '../../events/paths.js';
import type { AccessEvent, AccessLogSink } from '../access-log.js';

/** Delivers one batch: `true` when done with it (accepted, or refused for good), `false` to retry later. */
export type ShipBatch = (batch: readonly AccessEvent[]) => Promise<boolean>;

export interface IngestSinkOptions {
  /** The server's ingest API (signed HTTP) … */
  server?: string;
  key?: AccessKey;
  /** … or any other delivery (in-process ingest in `bulwark dev`). */
  ship?: ShipBatch;
  logger: Logger;
  /** Events per request (default 1000). */
  batchSize?: number;
  /** Longest an event waits before its batch is sent, in ms (default 2000). */
  intervalMs?: number;
  /** Events kept while the server is unreachable; the oldest are dropped beyond it (default 50 000). */
  maxQueued?: number;
}

/** Ships batches to the server's ingest API as signed NDJSON. */
export function httpShipper(server: string, key: AccessKey, logger: Logger): ShipBatch {
  return async (batch) => {
    try {
      const body = Buffer.from(`${batch.map((e) => JSON.stringify(e)).join('\n')}\n`);
      const { status, json } = await signedPost(server, INGEST_PATH, body, 'application/x-ndjson', key, PUT_EVENTS_ACTION);
      if (status >= 200 && status < 300) return true;
      // A batch the server refuses outright (not back-pressure) would be refused forever: drop it.
      if (status !== 429 && status < 500) {
        logger.error({ status, code: (json as { Code?: string }).Code, events: batch.length }, 'the server refused a batch of access events');
        return true;
      }
      return false;
    } catch (e) {
      logger.warn({ reason: (e as Error).message }, 'cannot ship access events yet');
      return false;
    }
  };
}

/**
 * Ships access events to the server's ingest API in signed NDJSON batches, and also hands them to
 * the local sink (file/stdout). While the server is away, events queue up to a bound and the
 * oldest are dropped (counted and logged) — the data plane never blocks on the control plane.
 */
export class IngestAccessLog implements AccessLogSink {
  private queue: AccessEvent[] = [];
  private readonly ship: ShipBatch;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  private dropped = 0;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly maxQueued: number;
  /** Events the server accepted (tests, metrics). */
  shipped = 0;

  constructor(
    private readonly local: AccessLogSink,
    private readonly options: IngestSinkOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.intervalMs = options.intervalMs ?? 2000;
    this.maxQueued = options.maxQueued ?? 50_000;
    if (options.ship) this.ship = options.ship;
    else if (options.server !== undefined && options.key !== undefined) this.ship = httpShipper(options.server, options.key, options.logger);
    else throw new TypeError('IngestAccessLog needs `ship` or `server` + `key`');
  }

  readonly active = true;

  write(event: AccessEvent): void {
    this.local.write(event);
    this.queue.push(event);
    if (this.queue.length > this.maxQueued) {
      const over = this.queue.length - this.maxQueued;
      this.queue.splice(0, over);
      this.dropped += over;
    }
    if (this.queue.length >= this.batchSize) void this.send();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.send(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Sends what is queued, one batch at a time; a failed batch goes back to the front of the queue. */
  private send(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.sending ??= (async () => {
      try {
        while (this.queue.length > 0) {
          const batch = this.queue.slice(0, this.batchSize);
          const ok = await this.ship(batch);
          if (!ok) break;
          this.queue.splice(0, batch.length);
          this.shipped += batch.length;
        }
      } finally {
        this.sending = undefined;
        if (this.dropped > 0) {
          this.options.logger.warn({ dropped: this.dropped }, 'access events dropped while the server was unreachable');
          this.dropped = 0;
        }
        if (this.queue.length > 0 && !this.timer) {
          this.timer = setTimeout(() => void this.send(), this.intervalMs);
          this.timer.unref();
        }
      }
    })();
    return this.sending;
  }

  async flush(): Promise<void> {
    await this.local.flush();
    await this.send();
  }

  async close(): Promise<void> {
    await this.send();
    await this.local.close();
  }
}
