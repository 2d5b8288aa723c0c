import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import type { EventRecord } from './event.js';
import { EventIngest, parseEventBody } from './ingest.js';
import type { EventStore } from './store/event-store.js';
import { DuckDbEventStore } from './store/duckdb-store.js';
import { parseQuery } from './query/parser.js';

/** A store whose writes wait until released, to observe batching and back-pressure. */
class GatedStore {
  readonly batches: EventRecord[][] = [];
  private release: (() => void) | undefined;
  private gate: Promise<void> = new Promise((r) => (this.release = r));
  async append(events: readonly EventRecord[]): Promise<void> {
    await this.gate;
    this.batches.push([...events]);
  }
  open(): void {
    this.release?.();
  }
}

describe('event ingest', () => {
  it('parses NDJSON and JSON arrays; a bad line is reported and the rest kept', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    const ingest = new EventIngest(store);
    const body = Buffer.from('{"message":"a","user":{"name":"x"}}\nnot json\n\n{"source":{"ip":"bad"}}\n{"message":"b"}\n');
    const r = await ingest.ingest(parseEventBody(body, 'application/x-ndjson'));
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([
      { index: 1, field: '', reason: 'the line is not valid JSON' },
      { index: 2, field: 'source.ip', reason: 'expected an IPv4 or IPv6 address' },
    ]);
    expect(parseEventBody(Buffer.from('[{"a":1},{"b":2}]'), 'application/json')).toHaveLength(2);
    expect(parseEventBody(Buffer.from('{\n "a": 1\n}'), 'application/json')).toEqual([{ a: 1 }]);
    expect(() => parseEventBody(Buffer.from('[{"a":'), 'application/json')).toThrow(BulwarkError);
    expect((await store.search({ query: parseQuery('') })).total).toBe(2);
    await store.close();
  });

  it('stamps override fields (the caller account) over what the producer sent', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    const ingest = new EventIngest(store);
    await ingest.ingest([{ cloud: { account: { id: 'someone-else' } } }], { 'cloud.account.id': '1234' });
    expect((await store.search({ query: parseQuery('cloud.account.id:1234') })).total).toBe(1);
    await store.close();
  });

  it('writes concurrent batches together and answers Busy when the queue is full', async () => {
    const gated = new GatedStore();
    const ingest = new EventIngest(gated as unknown as EventStore, { maxQueuedEvents: 5, retryAfterSeconds: 3 });
    const first = ingest.ingest([{ message: '1' }]);
    const second = ingest.ingest([{ message: '2' }, { message: '3' }]);
    const third = ingest.ingest([{ message: '4' }]);
    expect(ingest.queuedEvents).toBe(4);
    const busy = await ingest.ingest([{ message: '5' }, { message: '6' }]).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(BulwarkError);
    expect((busy as BulwarkError).code).toBe('Events.Busy');
    expect((busy as BulwarkError).params.retryAfter).toBe(3);
    gated.open();
    await Promise.all([first, second, third]);
    // the first write took batch 1 alone; the two that waited meanwhile were written as one batch
    expect(gated.batches.map((b) => b.map((e) => e.fields.message))).toEqual([['1'], ['2', '3', '4']]);
    expect(ingest.queuedEvents).toBe(0);
  });

  it('rejects oversized batches', async () => {
    const ingest = new EventIngest({} as EventStore, { maxBatchEvents: 2 });
    await expect(ingest.ingest([{}, {}, {}])).rejects.toMatchObject({ code: 'Events.BatchTooLarge' });
  });
});
