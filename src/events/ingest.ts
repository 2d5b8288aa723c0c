import { BulwarkError } from '../core/errors.js';
import type { EventRecord } from './event.js';
import { normalizeEvent, type EventProblem } from './normalize.js';
import type { EventStore } from './store/event-store.js';

export interface IngestOptions {
  /** most events accepted in one request */
  maxBatchEvents?: number;
  /** events waiting to be written before producers get `Events.Busy` (HTTP 429) */
  maxQueuedEvents?: number;
  /** Retry-After advertised when busy, in seconds */
  retryAfterSeconds?: number;
  now?: () => number;
}

export interface IngestResult {
  accepted: number;
  rejected: EventProblem[];
}

interface Pending {
  events: EventRecord[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The single way into the store, for HTTP producers (gateways, agents, customers) and internal ones
 * (audit trail): validates each event, then writes concurrent batches together (group commit).
 * A batch is acknowledged only after the store made it durable; when too much is waiting the
 * caller is told to retry later instead of the server buffering without bound.
 */
export class EventIngest {
  private readonly pending: Pending[] = [];
  private queued = 0;
  private writing = false;
  private readonly maxBatch: number;
  private readonly maxQueued: number;
  private readonly retryAfter: number;
  private readonly now: () => number;

  constructor(
    private readonly store: EventStore,
    options: IngestOptions = {},
  ) {
    this.maxBatch = options.maxBatchEvents ?? 10_000;
    this.maxQueued = options.maxQueuedEvents ?? 100_000;
    this.retryAfter = options.retryAfterSeconds ?? 1;
    this.now = options.now ?? Date.now;
  }

  /** Events waiting for the writer (for metrics and tests). */
  get queuedEvents(): number {
    return this.queued;
  }

  /** Validates and stores a batch; `override` fields (e.g. the caller's account) win over the producer's. */
  async ingest(docs: readonly unknown[], override: Readonly<Record<string, string>> = {}): Promise<IngestResult> {
    if (docs.length > this.maxBatch) throw new BulwarkError('Events.BatchTooLarge', { count: docs.length, max: this.maxBatch });
    const now = this.now();
    const accepted: EventRecord[] = [];
    const rejected: EventProblem[] = [];
    docs.forEach((doc, i) => {
      if (doc instanceof InvalidLine) {
        rejected.push({ index: i, field: '', reason: doc.reason });
        return;
      }
      const r = normalizeEvent(doc, i, now);
      if (!r.ok) rejected.push(r.problem);
      else accepted.push(Object.keys(override).length ? { ...r.event, fields: { ...r.event.fields, ...override } } : r.event);
    });
    if (accepted.length > 0) await this.enqueue(accepted);
    return { accepted: accepted.length, rejected };
  }

  private enqueue(events: EventRecord[]): Promise<void> {
    if (this.queued + events.length > this.maxQueued) {
      throw new BulwarkError('Events.Busy', { queued: this.queued, retryAfter: this.retryAfter });
    }
    this.queued += events.length;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, this.pending.length);
        const all = group.flatMap((p) => p.events);
        try {
          await this.store.append(all);
          group.forEach((p) => p.resolve());
        } catch (e) {
          group.forEach((p) => p.reject(e));
        } finally {
          this.queued -= all.length;
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Busy error's Retry-After, for the HTTP layer. */
  get retryAfterSeconds(): number {
    return this.retryAfter;
  }
}

/** An NDJSON line that is not JSON: reported at its index, the rest of the batch is kept. */
export class InvalidLine {
  constructor(readonly reason: string) {}
}

/** Parses an ingest body: NDJSON (one object per line) or a JSON array / single object. */
export function parseEventBody(body: Buffer, contentType: string): unknown[] {
  const text = body.toString('utf8');
  const trimmed = text.trimStart();
  if (trimmed === '') throw new BulwarkError('Events.InvalidBatch', { reason: 'the body is empty' });
  const declaredNdjson = contentType.includes('ndjson') || contentType.includes('jsonlines');
  if (trimmed.startsWith('[') || (!declaredNdjson && contentType.includes('json'))) {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      if (trimmed.startsWith('[')) throw new BulwarkError('Events.InvalidBatch', { reason: 'the body is not a valid JSON array' });
      // several JSON objects under application/json: read them as NDJSON
    }
  }
  // NDJSON: indexes count non-empty lines.
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return new InvalidLine('the line is not valid JSON');
      }
    });
}
