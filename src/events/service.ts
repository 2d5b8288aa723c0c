import { join } from 'node:path';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { EventsConfig } from '../config/events.js';
import { toDocument, type FieldValue } from './event.js';
import { EventIngest } from './ingest.js';
import { parseAggregation, parseTime } from './query/aggregations.js';
import type { Expr } from './query/ast.js';
import { parsePositioned } from './query/check.js';
import { resolveField } from './query/parser.js';
import { fieldByName } from './schema.js';
import { DuckDbEventStore } from './store/duckdb-store.js';
import type { AggregationResult, EventStore, SortSpec, SortValue } from './store/event-store.js';

/** Where the embedded store lives under a data dir. */
export function eventsDbPath(dataDir: string): string {
  return join(dataDir, 'events', 'events.duckdb');
}

/** A search as the API and the CLI take it (validated with zod at the edge). */
export const searchInput = z
  .object({
    query: z.string().max(16_384).default(''),
    from: z.string().max(64).optional(),
    to: z.string().max(64).optional(),
    size: z.number().int().min(0).max(10_000).default(100),
    sort: z.array(z.string().regex(/^[@\w.]+(:(asc|desc))?$/, 'expected FIELD or FIELD:asc|desc')).max(8).optional(),
    searchAfter: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).max(9).optional(),
    aggs: z.array(z.string().max(256)).max(10).optional(),
  })
  .strict();
export type SearchInput = z.input<typeof searchInput>;

/** A value-completion request: the top values of one field. */
export const valuesInput = z
  .object({
    field: z.string().min(1).max(160),
    prefix: z.string().max(256).default(''),
    from: z.string().max(64).default('-24h'),
    to: z.string().max(64).default('now'),
    size: z.number().int().min(1).max(100).default(10),
  })
  .strict();

export interface SearchOutput {
  total: number;
  events: Array<Record<string, unknown>>;
  searchAfter?: readonly SortValue[];
  aggregations: readonly AggregationResult[];
}

function parseSort(specs: readonly string[] | undefined): SortSpec[] | undefined {
  return specs?.map((s) => {
    const [field = '', order = 'desc'] = s.split(':');
    if (!fieldByName(field)) throw new BulwarkError('Events.UnknownField', { field, column: 0, suggestions: 'a schema field (see docs/events.md)' });
    return { field, order: order === 'asc' ? 'asc' : 'desc' };
  });
}

/** The events context: ingest, search, retention over one store. Transport-free. */
export class EventService {
  readonly ingest: EventIngest;

  constructor(
    readonly store: EventStore,
    config: Pick<EventsConfig, 'maxBatchEvents' | 'maxQueuedEvents'>,
    private readonly now: () => number = Date.now,
  ) {
    this.ingest = new EventIngest(store, { maxBatchEvents: config.maxBatchEvents, maxQueuedEvents: config.maxQueuedEvents, now });
  }

  /** Opens the embedded DuckDB store under the data dir. */
  static async open(dataDir: string, config: EventsConfig, now: () => number = Date.now): Promise<EventService> {
    const store = await DuckDbEventStore.open({ path: eventsDbPath(dataDir), retentionDays: config.retentionDays });
    return new EventService(store, config, now);
  }

  /** Runs a search; with `accountId`, only that account's events are visible. */
  async search(raw: unknown, accountId?: string): Promise<SearchOutput> {
    const parsed = searchInput.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BulwarkError('InvalidParameter', { field: issue?.path.join('.') || 'body', reason: issue?.message ?? 'invalid' });
    }
    const input = parsed.data;
    const now = this.now();
    let query: Expr = parsePositioned(input.query);
    if (accountId !== undefined) {
      query = { kind: 'and', items: [query, { kind: 'term', field: { kind: 'schema', name: 'cloud.account.id' }, pattern: [{ kind: 'lit', text: accountId }], caseInsensitive: false, column: 0 }] };
    }
    const result = await this.store.search({
      query,
      ...(input.from !== undefined ? { from: parseTime(input.from, now, 'from') } : {}),
      ...(input.to !== undefined ? { to: parseTime(input.to, now, 'to') } : {}),
      size: input.size,
      ...(input.sort ? { sort: parseSort(input.sort) ?? [] } : {}),
      ...(input.searchAfter ? { searchAfter: input.searchAfter } : {}),
      aggregations: (input.aggs ?? []).map(parseAggregation),
    });
    return { total: result.total, events: result.events.map(toDocument), ...(result.searchAfter ? { searchAfter: result.searchAfter } : {}), aggregations: result.aggregations };
  }

  /**
   * The most frequent values of a field in a time range (for `field:` completion), optionally only
   * those starting with `prefix` (keyword fields); with `accountId`, only that account's events.
   */
  async values(raw: unknown, accountId?: string): Promise<Array<{ value: FieldValue; count: number }>> {
    const parsed = valuesInput.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BulwarkError('InvalidParameter', { field: issue?.path.join('.') || 'body', reason: issue?.message ?? 'invalid' });
    }
    const { field, prefix, from, to, size } = parsed.data;
    const ref = resolveField(field, 0);
    const def = ref.kind === 'schema' ? fieldByName(ref.name) : undefined;
    const filtered = prefix !== '' && (def === undefined || def.type === 'keyword');
    const items: Expr[] = filtered ? [{ kind: 'term', field: ref, pattern: [{ kind: 'lit', text: prefix }, { kind: 'any' }], caseInsensitive: false, column: 0 }] : [];
    if (accountId !== undefined) items.push({ kind: 'term', field: { kind: 'schema', name: 'cloud.account.id' }, pattern: [{ kind: 'lit', text: accountId }], caseInsensitive: false, column: 0 });
    const now = this.now();
    const result = await this.store.search({
      query: items.length === 0 ? { kind: 'all' } : { kind: 'and', items },
      from: parseTime(from, now, 'from'),
      to: parseTime(to, now, 'to'),
      size: 0,
      trackTotal: false,
      aggregations: [{ kind: 'terms', field: ref, size }],
    });
    const terms = result.aggregations[0];
    return terms?.kind === 'terms' ? terms.buckets.map((b) => ({ value: b.key, count: b.count })) : [];
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
