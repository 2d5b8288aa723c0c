import type { EventRecord, FieldValue } from '../event.js';
import type { Expr, FieldRef } from '../query/ast.js';

/**
 * The events store, free of any engine type: DuckDB is the embedded default, a ClickHouse
 * implementation only has to honour this contract (and compile the same query tree).
 */
export interface EventStore {
  /** Writes a batch atomically; when the promise resolves the batch is durable. */
  append(events: readonly EventRecord[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Counts matches grouped by fields (threshold and new-value rules). */
  groupCount(request: GroupCountRequest): Promise<GroupCount[]>;
  /** Drops every day older than the retention; returns the number of events removed. */
  applyRetention(now: number): Promise<number>;
  close(): Promise<void>;
}

export type SortValue = string | number | boolean | null;

export interface SortSpec {
  /** a schema field name */
  readonly field: string;
  readonly order: 'asc' | 'desc';
}

export type AggregationSpec =
  | { readonly kind: 'terms'; readonly field: FieldRef; readonly size: number }
  | { readonly kind: 'date_histogram'; readonly intervalMs: number }
  | { readonly kind: 'cardinality'; readonly field: FieldRef }
  | { readonly kind: 'percentiles'; readonly field: FieldRef; readonly percents: readonly number[] };

export type AggregationResult =
  | { readonly kind: 'terms'; readonly field: string; readonly buckets: ReadonlyArray<{ key: FieldValue; count: number }> }
  | { readonly kind: 'date_histogram'; readonly intervalMs: number; readonly buckets: ReadonlyArray<{ key: number; count: number }> }
  | { readonly kind: 'cardinality'; readonly field: string; readonly value: number }
  | { readonly kind: 'percentiles'; readonly field: string; readonly values: Readonly<Record<string, number | null>> };

export interface SearchRequest {
  readonly query: Expr;
  /** inclusive lower bound of `@timestamp`, epoch ms */
  readonly from?: number;
  /** exclusive upper bound of `@timestamp`, epoch ms */
  readonly to?: number;
  /** default: `@timestamp` descending; `event.id` always breaks ties */
  readonly sort?: readonly SortSpec[];
  /** events to return (0 for aggregations only); default 100 */
  readonly size?: number;
  /** the `searchAfter` of the previous page */
  readonly searchAfter?: readonly SortValue[];
  readonly aggregations?: readonly AggregationSpec[];
  /** count every match (default true) */
  readonly trackTotal?: boolean;
}

export interface SearchResult {
  /** matches in the time range (-1 when not tracked) */
  readonly total: number;
  readonly events: readonly EventRecord[];
  /** pass back as `searchAfter` for the next page; absent on the last page */
  readonly searchAfter?: readonly SortValue[];
  readonly aggregations: readonly AggregationResult[];
}

export interface GroupCountRequest {
  readonly query: Expr;
  readonly from: number;
  readonly to: number;
  readonly groupBy: readonly FieldRef[];
  readonly minCount?: number;
  readonly limit?: number;
}

export interface GroupCount {
  /** one value per `groupBy` field (null when absent) */
  readonly values: readonly (FieldValue | null)[];
  readonly count: number;
  /** earliest and latest `@timestamp` of the group, epoch ms */
  readonly first: number;
  readonly last: number;
}
