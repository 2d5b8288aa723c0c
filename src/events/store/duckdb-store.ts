import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { BulwarkError } from '../../core/errors.js';
import type { EventRecord, FieldValue } from '../event.js';
import { ipKey } from '../ip-key.js';
import { fieldName, type FieldRef } from '../query/ast.js';
import { compileWhere, fieldExpr, ipKeyColumn, quoteIdent, type SqlParam } from '../query/sql.js';
import { FIELDS, fieldByName, type FieldDef } from '../schema.js';
import type { AggregationResult, AggregationSpec, EventStore, GroupCount, GroupCountRequest, SearchRequest, SearchResult, SortSpec, SortValue } from './event-store.js';

const TABLE = 'events';
const DAY_MS = 86_400_000;
const MAX_SIZE = 10_000;

export interface DuckDbStoreOptions {
  /** database file, or `:memory:` */
  path: string;
  /** days kept, counting today (UTC); 0 keeps everything */
  retentionDays?: number;
}

const SQL_TYPES: Record<FieldDef['type'], string> = { keyword: 'VARCHAR', text: 'VARCHAR', long: 'BIGINT', double: 'DOUBLE', date: 'TIMESTAMP', ip: 'VARCHAR', boolean: 'BOOLEAN' };

/** Every physical column: the typed fields, an ip key per ip field, the extra map, the ingest time. */
function physicalColumns(): Array<{ name: string; sql: string }> {
  const out: Array<{ name: string; sql: string }> = [];
  for (const f of FIELDS) {
    out.push({ name: f.column, sql: f.name === '@timestamp' ? 'TIMESTAMP NOT NULL' : SQL_TYPES[f.type] });
    if (f.type === 'ip') out.push({ name: ipKeyColumn(f.column), sql: 'VARCHAR' });
  }
  out.push({ name: 'extra', sql: 'VARCHAR' }, { name: 'ingested', sql: 'TIMESTAMP' });
  return out;
}

function asNumber(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : Number(v);
}

function toFieldValue(def: FieldDef, v: unknown): FieldValue {
  if (def.type === 'long' || def.type === 'double' || def.type === 'date') return asNumber(v);
  if (def.type === 'boolean') return Boolean(v);
  return String(v);
}

/** Dates come back as epoch ms under another name, so `ORDER BY "ts"` still sorts on the column (Top-N stays cheap). */
const dateAlias = (column: string) => `${column}__ms`;
const SELECT_LIST = FIELDS.map((f) => (f.type === 'date' ? `epoch_ms(${quoteIdent(f.column)}) AS ${quoteIdent(dateAlias(f.column))}` : quoteIdent(f.column))).join(', ') + ', "extra"';

function rowToEvent(row: Record<string, unknown>): EventRecord {
  const fields: Record<string, FieldValue> = {};
  let timestamp = 0;
  for (const f of FIELDS) {
    const v = row[f.type === 'date' ? dateAlias(f.column) : f.column];
    if (v === null || v === undefined) continue;
    if (f.name === '@timestamp') timestamp = asNumber(v);
    else fields[f.name] = toFieldValue(f, v);
  }
  const extraText = row.extra;
  const extra = typeof extraText === 'string' && extraText !== '' ? (JSON.parse(extraText) as Record<string, unknown>) : {};
  return { id: String(fields['event.id'] ?? ''), timestamp, fields, extra };
}

/** The embedded events store: one DuckDB file with typed columns, written by appender in transactions. */
export class DuckDbEventStore implements EventStore {
  private writeChain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** what to append for each physical column, in table order (computed once at open) */
  private plan: ColumnSlot[] = [];

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private readonly retentionDays: number,
  ) {}

  static async open(options: DuckDbStoreOptions): Promise<DuckDbEventStore> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(options.path);
    } catch (e) {
      const reason = e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
      throw new BulwarkError('Events.StoreFailed', { reason: /lock/i.test(reason) ? `${options.path} is in use by another process (a running server? use --server)` : reason }, { cause: e });
    }
    const writer = await instance.connect();
    const reader = await instance.connect();
    const store = new DuckDbEventStore(instance, writer, reader, options.retentionDays ?? 0);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    const columns = physicalColumns();
    await this.writer.run(`CREATE TABLE IF NOT EXISTS ${TABLE} (${columns.map((c) => `${quoteIdent(c.name)} ${c.sql}`).join(', ')})`);
    const existing = (await this.writer.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position`, [TABLE])).getRowObjectsJS().map((r) => String(r.column_name));
    for (const c of columns) {
      if (!existing.includes(c.name)) {
        await this.writer.run(`ALTER TABLE ${TABLE} ADD COLUMN ${quoteIdent(c.name)} ${c.sql.replace(' NOT NULL', '')}`);
        existing.push(c.name);
      }
    }
    this.plan = existing.map((column): ColumnSlot => {
      if (column === 'extra' || column === 'ingested' || column === 'ts') return { kind: column };
      const isKey = column.endsWith('__key');
      const def = COLUMN_TO_FIELD.get(isKey ? column.slice(0, -'__key'.length) : column);
      if (!def) return { kind: 'unknown' };
      return { kind: isKey ? 'key' : 'field', def };
    });
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeChain.then(fn, fn);
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  append(events: readonly EventRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(new BulwarkError('Events.StoreFailed', { reason: 'the store is closed' }));
    if (events.length === 0) return Promise.resolve();
    return this.serialized(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      let appender: DuckDBAppender | undefined;
      try {
        appender = await this.writer.createAppender(TABLE);
        const ingested = new DuckDBTimestampValue(BigInt(Date.now()) * 1000n);
        for (const e of events) this.appendRow(appender, e, ingested);
        appender.flushSync();
        appender.closeSync();
        appender = undefined;
        await this.writer.run('COMMIT');
      } catch (e) {
        try {
          appender?.closeSync();
        } catch {
          // the appender is already invalid; the rollback below discards its rows
        }
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw new BulwarkError('Events.StoreFailed', { reason: e instanceof Error ? e.message : String(e) }, { cause: e });
      }
    });
  }

  private appendRow(a: DuckDBAppender, e: EventRecord, ingested: DuckDBTimestampValue): void {
    for (const slot of this.plan) {
      switch (slot.kind) {
        case 'extra':
          if (Object.keys(e.extra).length > 0) a.appendVarchar(JSON.stringify(e.extra));
          else a.appendNull();
          continue;
        case 'ingested':
          a.appendTimestamp(ingested);
          continue;
        case 'ts':
          a.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.trunc(e.timestamp)) * 1000n));
          continue;
        case 'unknown':
          a.appendNull();
          continue;
      }
      const v = e.fields[slot.def.name];
      if (v === undefined) {
        a.appendNull();
        continue;
      }
      if (slot.kind === 'key') {
        const key = ipKey(String(v));
        if (key) a.appendVarchar(key);
        else a.appendNull();
        continue;
      }
      switch (slot.def.type) {
        case 'long':
          a.appendBigInt(BigInt(Math.trunc(Number(v))));
          break;
        case 'double':
          a.appendDouble(Number(v));
          break;
        case 'boolean':
          a.appendBoolean(Boolean(v));
          break;
        case 'date':
          a.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.trunc(Number(v))) * 1000n));
          break;
        default:
          a.appendVarchar(String(v));
      }
    }
    a.endRow();
  }

  private async rows(sql: string, params: readonly SqlParam[]): Promise<Array<Record<string, unknown>>> {
    try {
      const reader = await this.reader.runAndReadAll(sql, params as DuckDBValue[]);
      return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
    } catch (e) {
      throw new BulwarkError('Events.StoreFailed', { reason: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) }, { cause: e });
    }
  }

  private timeWhere(from: number | undefined, to: number | undefined): { sql: string[]; params: SqlParam[] } {
    const sql: string[] = [];
    const params: SqlParam[] = [];
    if (from !== undefined) {
      sql.push('"ts" >= epoch_ms(CAST(? AS BIGINT))');
      params.push(Math.trunc(from));
    }
    if (to !== undefined) {
      sql.push('"ts" < epoch_ms(CAST(? AS BIGINT))');
      params.push(Math.trunc(to));
    }
    return { sql, params };
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const where = compileWhere(request.query);
    const time = this.timeWhere(request.from, request.to);
    const baseSql = [...time.sql, where.sql].join(' AND ');
    const baseParams = [...time.params, ...where.params];
    const size = Math.min(Math.max(0, request.size ?? 100), MAX_SIZE);
    const sort = resolveSort(request.sort);

    const specs = request.aggregations ?? [];
    let total = -1;
    // with aggregations, the first one counts the matches in its own scan (no separate count query)
    if ((request.trackTotal ?? true) && specs.length === 0) {
      const r = await this.rows(`SELECT count(*) AS n FROM ${TABLE} WHERE ${baseSql}`, baseParams);
      total = asNumber(r[0]?.n ?? 0);
    }
    let events: EventRecord[] = [];
    let searchAfter: SortValue[] | undefined;
    if (size > 0) {
      const after = request.searchAfter ? afterCondition(sort, request.searchAfter) : undefined;
      const order = sort.map((s) => `${TABLE}.${quoteIdent(s.def.column)} ${s.order.toUpperCase()} NULLS LAST`).join(', ');
      // late materialisation: the Top-N runs on the filter and sort columns only, then just the page's
      // rows are read whole (DuckDB would otherwise carry every column of every candidate row)
      const sql = `SELECT ${SELECT_LIST} FROM ${TABLE} WHERE rowid IN (SELECT rowid FROM ${TABLE} WHERE ${baseSql}${after ? ` AND ${after.sql}` : ''} ORDER BY ${order} LIMIT ${size}) ORDER BY ${order}`;
      const rows = await this.rows(sql, [...baseParams, ...(after?.params ?? [])]);
      events = rows.map(rowToEvent);
      const last = events[events.length - 1];
      if (last && events.length === size) searchAfter = sort.map((s) => (s.def.name === '@timestamp' ? last.timestamp : (last.fields[s.def.name] ?? null)));
    }
    const aggregations: AggregationResult[] = [];
    for (const [i, spec] of specs.entries()) {
      const counted = i === 0 && (request.trackTotal ?? true);
      const r = await this.aggregate(spec, baseSql, baseParams, counted);
      aggregations.push(r.result);
      if (counted) total = r.total;
    }
    return { total, events, ...(searchAfter ? { searchAfter } : {}), aggregations };
  }

  /** One aggregation; with `counted`, the same scan also counts every match (`total`). */
  private async aggregate(spec: AggregationSpec, whereSql: string, whereParams: readonly SqlParam[], counted: boolean): Promise<{ result: AggregationResult; total: number }> {
    const countCol = counted ? ', count(*) AS n' : '';
    switch (spec.kind) {
      case 'terms': {
        const f = displayExpr(spec.field);
        const field = fieldName(spec.field);
        const bucket = (r: Record<string, unknown>) => ({ key: normalizeKey(spec.field, r.k), count: asNumber(r.c) });
        if (!counted) {
          const rows = await this.rows(
            `SELECT ${f.sql} AS k, count(*) AS c FROM ${TABLE} WHERE ${whereSql} AND ${f.sql} IS NOT NULL GROUP BY k ORDER BY c DESC, k LIMIT ${Math.trunc(spec.size)}`,
            [...f.params, ...whereParams, ...f.params],
          );
          return { result: { kind: 'terms', field, buckets: rows.map(bucket) }, total: -1 };
        }
        // grouping sets: the buckets and the grand total (the `()` set, g = 1) from one scan
        const rows = await this.rows(
          `SELECT k, c, g FROM (SELECT k, count(*) AS c, grouping(k) AS g FROM (SELECT ${f.sql} AS k FROM ${TABLE} WHERE ${whereSql}) GROUP BY GROUPING SETS ((k), ())) WHERE g = 1 OR k IS NOT NULL ORDER BY g DESC, c DESC, k LIMIT ${Math.trunc(spec.size) + 1}`,
          [...f.params, ...whereParams],
        );
        const totalRow = rows.find((r) => asNumber(r.g) === 1);
        return { result: { kind: 'terms', field, buckets: rows.filter((r) => asNumber(r.g) === 0).map(bucket) }, total: asNumber(totalRow?.c ?? 0) };
      }
      case 'date_histogram': {
        const rows = await this.rows(
          `SELECT epoch_ms(time_bucket(to_milliseconds(CAST(? AS BIGINT)), "ts")) AS k, count(*) AS c FROM ${TABLE} WHERE ${whereSql} GROUP BY k ORDER BY k`,
          [Math.trunc(spec.intervalMs), ...whereParams],
        );
        const buckets = rows.map((r) => ({ key: asNumber(r.k), count: asNumber(r.c) }));
        // "ts" is NOT NULL, so every match is in exactly one bucket
        return { result: { kind: 'date_histogram', intervalMs: spec.intervalMs, buckets }, total: buckets.reduce((sum, b) => sum + b.count, 0) };
      }
      case 'cardinality': {
        const f = displayExpr(spec.field);
        const rows = await this.rows(`SELECT count(DISTINCT ${f.sql}) AS v${countCol} FROM ${TABLE} WHERE ${whereSql}`, [...f.params, ...whereParams]);
        return { result: { kind: 'cardinality', field: fieldName(spec.field), value: asNumber(rows[0]?.v ?? 0) }, total: asNumber(rows[0]?.n ?? -1) };
      }
      case 'percentiles': {
        const f = fieldExpr(spec.field);
        const target = spec.field.kind === 'extra' ? `TRY_CAST(${f.sql} AS DOUBLE)` : f.sql;
        const params: SqlParam[] = [];
        const cols = spec.percents.map((p, i) => {
          params.push(...f.params, p / 100);
          return `quantile_cont(${target}, CAST(? AS DOUBLE)) AS p${i}`;
        });
        const rows = await this.rows(`SELECT ${cols.join(', ')}${countCol} FROM ${TABLE} WHERE ${whereSql}`, [...params, ...whereParams]);
        const values: Record<string, number | null> = {};
        spec.percents.forEach((p, i) => {
          const v = rows[0]?.[`p${i}`];
          values[String(p)] = v === null || v === undefined ? null : asNumber(v);
        });
        return { result: { kind: 'percentiles', field: fieldName(spec.field), values }, total: asNumber(rows[0]?.n ?? -1) };
      }
    }
  }

  async groupCount(request: GroupCountRequest): Promise<GroupCount[]> {
    const where = compileWhere(request.query);
    const time = this.timeWhere(request.from, request.to);
    const groups = request.groupBy.map(displayExpr);
    const select = groups.map((g, i) => `${g.sql} AS g${i}`);
    const sql = `SELECT ${[...select, 'count(*) AS c', 'epoch_ms(min("ts")) AS first', 'epoch_ms(max("ts")) AS last'].join(', ')} FROM ${TABLE} WHERE ${[...time.sql, where.sql].join(' AND ')}${groups.length ? ` GROUP BY ${groups.map((_, i) => `g${i}`).join(', ')}` : ''} HAVING count(*) >= ? ORDER BY c DESC LIMIT ${Math.trunc(request.limit ?? 1000)}`;
    const rows = await this.rows(sql, [...groups.flatMap((g) => g.params), ...time.params, ...where.params, request.minCount ?? 1]);
    return rows.map((r) => ({
      values: request.groupBy.map((f, i) => (r[`g${i}`] === null || r[`g${i}`] === undefined ? null : normalizeKey(f, r[`g${i}`]))),
      count: asNumber(r.c),
      first: asNumber(r.first),
      last: asNumber(r.last),
    }));
  }

  async applyRetention(now: number): Promise<number> {
    if (this.retentionDays <= 0) return 0;
    const cutoff = Math.floor(now / DAY_MS) * DAY_MS - (this.retentionDays - 1) * DAY_MS;
    return this.serialized(async () => {
      const r = await this.writer.runAndReadAll(`DELETE FROM ${TABLE} WHERE "ts" < epoch_ms(CAST(? AS BIGINT))`, [cutoff]);
      const deleted = r.rowsChanged;
      if (deleted > 0) await this.writer.run('CHECKPOINT');
      return deleted;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writeChain;
    this.writer.closeSync();
    this.reader.closeSync();
    this.instance.closeSync();
  }
}

const COLUMN_TO_FIELD = new Map(FIELDS.map((f) => [f.column, f]));

type ColumnSlot = { kind: 'extra' | 'ingested' | 'ts' | 'unknown' } | { kind: 'field' | 'key'; def: FieldDef };

/** Grouping expression: ip fields group on their text form; dates as epoch ms. */
function displayExpr(field: FieldRef): { sql: string; params: SqlParam[] } {
  const f = fieldExpr(field);
  const def = field.kind === 'schema' ? fieldByName(field.name) : undefined;
  if (def?.type === 'date') return { sql: `epoch_ms(${f.sql})`, params: [...f.params] };
  return { sql: f.sql, params: [...f.params] };
}

function normalizeKey(field: FieldRef, v: unknown): FieldValue {
  const def = field.kind === 'schema' ? fieldByName(field.name) : undefined;
  return def ? toFieldValue(def, v) : String(v);
}

interface ResolvedSort {
  def: FieldDef;
  order: 'asc' | 'desc';
}

function resolveSort(sort: readonly SortSpec[] | undefined): ResolvedSort[] {
  const specs = sort && sort.length > 0 ? sort : [{ field: '@timestamp', order: 'desc' as const }];
  const out: ResolvedSort[] = specs.map((s) => {
    const def = fieldByName(s.field);
    if (!def) throw new BulwarkError('Events.UnknownField', { field: s.field, column: 0, suggestions: 'a schema field' });
    return { def, order: s.order };
  });
  if (!out.some((s) => s.def.name === 'event.id')) out.push({ def: fieldByName('event.id') as FieldDef, order: out[0]?.order ?? 'desc' });
  return out;
}

/** Keyset condition "after this sort position", with NULLS LAST semantics. */
function afterCondition(sort: readonly ResolvedSort[], values: readonly SortValue[]): { sql: string; params: SqlParam[] } {
  if (values.length !== sort.length) throw new BulwarkError('InvalidParameter', { field: 'searchAfter', reason: `expected ${sort.length} values (one per sort field)` });
  const params: SqlParam[] = [];
  const build = (i: number): string => {
    if (i >= sort.length) return 'FALSE';
    const s = sort[i] as ResolvedSort;
    const v = values[i];
    const col = quoteIdent(s.def.column);
    if (v === null || v === undefined) return `(${col} IS NULL AND ${build(i + 1)})`;
    const bind = (): string => {
      params.push(v);
      return s.def.type === 'date' ? 'epoch_ms(CAST(? AS BIGINT))' : '?';
    };
    const op = s.order === 'desc' ? '<' : '>';
    const first = `${col} ${op} ${bind()}`;
    const eq = `${col} = ${bind()}`;
    return `(${first} OR ${col} IS NULL OR (${eq} AND ${build(i + 1)}))`;
  };
  return { sql: build(0), params };
}
