import { api } from '../../api/client.js';

/** Shapes of the events API the search and incident pages use (`/console/api/events/...`). */
export type EventDoc = Record<string, unknown>;
export type SortValue = string | number | boolean | null;

export interface SearchRequest {
  query: string;
  from: string;
  to: string;
  size: number;
  sort?: string[];
  searchAfter?: SortValue[];
  aggs?: string[];
}

export interface SearchResponse {
  total: number;
  events: EventDoc[];
  searchAfter?: SortValue[];
  aggregations: Array<{ kind: string; intervalMs?: number; buckets?: Array<{ key: number | string; count: number }> }>;
}

export interface FieldInfo {
  name: string;
  type: 'keyword' | 'text' | 'long' | 'double' | 'date' | 'ip' | 'boolean';
  description: string;
}

export interface QueryProblem {
  code: string;
  message: string;
  column: number;
  suggestions?: string[];
}

export type CheckResponse = { valid: true } | { valid: false; problem: QueryProblem };

export interface SavedSearch {
  name: string;
  query: string;
  from: string;
  to: string;
  columns: string[];
  createdBy: string;
  updatedAt: string;
}

export const eventsApi = {
  search: (body: SearchRequest) => api.post<SearchResponse>('/events/search', body),
  fields: () => api.post<{ fields: FieldInfo[] }>('/events/fields', {}),
  values: (body: { field: string; prefix: string; from: string; to: string }) => api.post<{ values: Array<{ value: string | number | boolean; count: number }> }>('/events/values', body),
  check: (query: string) => api.post<CheckResponse>('/events/check', { query }),
  savedList: () => api.post<{ searches: SavedSearch[] }>('/events/saved-searches/list', {}),
  savedPut: (body: { name: string; query: string; from: string; to: string; columns: string[] }) => api.post<{ created: boolean; search: SavedSearch }>('/events/saved-searches/put', body),
  savedDelete: (name: string) => api.post<{ deleted: string }>('/events/saved-searches/delete', { name }),
};

/** A field value as one line of text. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
