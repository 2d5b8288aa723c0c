import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAggregation } from '../query/aggregations.js';
import { parseQuery } from '../query/parser.js';
import { events } from '../test-support/events.js';
import { DuckDbEventStore } from './duckdb-store.js';

const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);
const min = 60_000;

const FIXTURE = events([
  { '@timestamp': T0, message: 'Accepted password for alice', event: { id: 'e1', action: 'login', outcome: 'success', severity: 10 }, user: { name: 'alice' }, source: { ip: '10.1.2.3', port: 50000 }, http: { response: { status_code: 200 } } },
  { '@timestamp': T0 + min, message: 'Failed password for root: connection refused', event: { id: 'e2', action: 'login', outcome: 'failure', severity: 60 }, user: { name: 'root' }, source: { ip: '203.0.113.9' }, http: { response: { status_code: 401 } } },
  { '@timestamp': T0 + 2 * min, message: 'Failed password for root', event: { id: 'e3', action: 'login', outcome: 'failure', severity: 60 }, user: { name: 'root' }, source: { ip: '203.0.113.9' }, http: { response: { status_code: 403 } }, k8s: { pod: 'api-1' } },
  { '@timestamp': T0 + 3 * min, message: "it's O'Brien; DROP TABLE events; --", event: { id: 'e4', action: 'upload' }, user: { name: "o'brien" }, url: { path: '/admin/x%y_z' }, source: { ip: '2001:db8::5' }, http: { response: { status_code: 500 } } },
  { '@timestamp': T0 + 61 * min, message: 'late event', event: { id: 'e5', action: 'login', outcome: 'success', severity: 30 }, user: { name: 'bob' }, source: { ip: '10.200.0.1' }, http: { response: { status_code: 302 } } },
]);

describe('DuckDB event store', () => {
  let dir: string;
  let store: DuckDbEventStore;
  const ids = async (q: string, extra: Partial<Parameters<DuckDbEventStore['search']>[0]> = {}) =>
    (await store.search({ query: parseQuery(q), sort: [{ field: '@timestamp', order: 'asc' }], ...extra })).events.map((e) => e.id);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-events-'));
    store = await DuckDbEventStore.open({ path: join(dir, 'events.duckdb') });
    await store.append(FIXTURE);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips typed fields and the extra map', async () => {
    const r = await store.search({ query: parseQuery('event.id:e3') });
    expect(r.total).toBe(1);
    const e = r.events[0]!;
    expect(e.timestamp).toBe(T0 + 2 * min);
    expect(e.fields).toMatchObject({ 'user.name': 'root', 'source.ip': '203.0.113.9', 'http.response.status_code': 403, 'event.severity': 60 });
    expect(e.extra).toEqual({ 'k8s.pod': 'api-1' });
  });

  it('evaluates every query feature', async () => {
    expect(await ids('user.name:root')).toEqual(['e2', 'e3']);
    expect(await ids('"connection refused"')).toEqual(['e2']);
    expect(await ids('failed')).toEqual(['e2', 'e3']);
    expect(await ids('message:PASSWORD')).toEqual(['e1', 'e2', 'e3']);
    expect(await ids('user.name:r*t')).toEqual(['e2', 'e3']);
    expect(await ids('user.name:?ob')).toEqual(['e5']);
    expect(await ids('http.response.status_code:[400 TO 500}')).toEqual(['e2', 'e3']);
    expect(await ids('http.response.status_code>=403')).toEqual(['e3', 'e4']);
    expect(await ids('source.ip:10.0.0.0/8')).toEqual(['e1', 'e5']);
    expect(await ids('source.ip:2001:db8::/32')).toEqual(['e4']);
    expect(await ids('source.ip:203.0.113.9')).toEqual(['e2', 'e3']);
    expect(await ids('user.name:(alice OR bob)')).toEqual(['e1', 'e5']);
    expect(await ids('_exists_:event.outcome AND NOT event.outcome:failure')).toEqual(['e1', 'e5']);
    expect(await ids('-_exists_:event.outcome')).toEqual(['e4']);
    expect(await ids('NOT user.name:root')).toEqual(['e1', 'e4', 'e5']);
    expect(await ids('extra.k8s.pod:api-1')).toEqual(['e3']);
    expect(await ids('(event.action:login AND event.severity>20) OR url.path:/admin*')).toEqual(['e2', 'e3', 'e4', 'e5']);
    expect(await ids('@timestamp>=2026-11-28T11:00:00Z')).toEqual(['e5']);
  });

  it('treats hostile values as data (SQL injection attempts)', async () => {
    expect(await ids(`user.name:"o'brien"`)).toEqual(['e4']);
    expect(await ids(`user.name:"x' OR '1'='1"`)).toEqual([]);
    expect(await ids(`"DROP TABLE events; --"`)).toEqual(['e4']);
    expect(await ids(`url.path:"/admin/x%y_z"`)).toEqual(['e4']);
    expect(await ids(`url.path:/admin/x\\%y*`)).toEqual(['e4']);
    expect(await ids(`url.path:"/admin/x_y%z"`)).toEqual([]);
    expect(await ids(`extra.k8s.pod:"'); DROP TABLE events; --"`)).toEqual([]);
    expect(await ids('user.name:"\\"; DELETE FROM events; --"')).toEqual([]);
    expect((await store.search({ query: parseQuery('') })).total).toBe(5);
  });

  it('filters by time range, sorts and pages with searchAfter', async () => {
    expect(await ids('*', { from: T0 + min, to: T0 + 3 * min })).toEqual(['e2', 'e3']);
    const pages: string[][] = [];
    let after: readonly (string | number | boolean | null)[] | undefined;
    for (;;) {
      const r = await store.search({ query: parseQuery(''), size: 2, sort: [{ field: 'http.response.status_code', order: 'desc' }], ...(after ? { searchAfter: after } : {}) });
      pages.push(r.events.map((e) => e.id));
      expect(r.total).toBe(5);
      if (!r.searchAfter) break;
      after = r.searchAfter;
    }
    expect(pages.flat()).toEqual(['e4', 'e3', 'e2', 'e5', 'e1']);
    const bySeverity = await ids('', { sort: [{ field: 'event.severity', order: 'asc' }], size: 10 });
    expect(bySeverity[bySeverity.length - 1]).toBe('e4'); // missing values sort last
  });

  it('computes terms, date histogram, cardinality and percentiles', async () => {
    const r = await store.search({ query: parseQuery(''), size: 0, aggregations: ['terms:user.name:2', 'date_histogram:1h', 'cardinality:source.ip', 'percentiles:http.response.status_code:50,100', 'terms:source.ip'].map(parseAggregation) });
    expect(r.aggregations[0]).toEqual({ kind: 'terms', field: 'user.name', buckets: [{ key: 'root', count: 2 }, { key: 'alice', count: 1 }] });
    expect(r.aggregations[1]).toEqual({ kind: 'date_histogram', intervalMs: 3_600_000, buckets: [{ key: T0, count: 4 }, { key: T0 + 3_600_000, count: 1 }] });
    expect(r.aggregations[2]).toEqual({ kind: 'cardinality', field: 'source.ip', value: 4 });
    expect(r.aggregations[3]).toEqual({ kind: 'percentiles', field: 'http.response.status_code', values: { '50': 401, '100': 500 } });
    expect((r.aggregations[4] as unknown as { buckets: unknown[] }).buckets[0]).toEqual({ key: '203.0.113.9', count: 2 });
  });

  it('counts every match in the first aggregation\'s scan, events without the aggregated field included', async () => {
    const q = parseQuery('event.action:(login OR upload)');
    for (const agg of ['terms:url.path', 'date_histogram:1h', 'cardinality:url.path', 'percentiles:event.severity']) {
      const r = await store.search({ query: q, size: 0, aggregations: [parseAggregation(agg), parseAggregation('terms:user.name:1')] });
      expect(r.total, agg).toBe(5);
      expect(r.aggregations[1]).toEqual({ kind: 'terms', field: 'user.name', buckets: [{ key: 'root', count: 2 }] });
    }
    const terms = await store.search({ query: q, size: 0, aggregations: [parseAggregation('terms:url.path')] });
    expect(terms.aggregations[0]).toEqual({ kind: 'terms', field: 'url.path', buckets: [{ key: '/admin/x%y_z', count: 1 }] });
    const none = await store.search({ query: parseQuery('user.name:nobody'), size: 0, aggregations: [parseAggregation('terms:user.name')] });
    expect(none).toMatchObject({ total: 0, aggregations: [{ kind: 'terms', buckets: [] }] });
    const untracked = await store.search({ query: q, size: 0, trackTotal: false, aggregations: [parseAggregation('terms:user.name:1')] });
    expect(untracked).toMatchObject({ total: -1, aggregations: [{ buckets: [{ key: 'root', count: 2 }] }] });
  });

  it('groups counts for rules', async () => {
    const g = await store.groupCount({ query: parseQuery('event.outcome:failure'), from: T0, to: T0 + 10 * min, groupBy: [{ kind: 'schema', name: 'user.name' }, { kind: 'schema', name: 'source.ip' }], minCount: 2 });
    expect(g).toEqual([{ values: ['root', '203.0.113.9'], count: 2, first: T0 + min, last: T0 + 2 * min }]);
  });

  it('keeps acknowledged batches across reopen and drops whole days past retention', async () => {
    const path = join(dir, 'retention.duckdb');
    let s = await DuckDbEventStore.open({ path, retentionDays: 2 });
    const day = 86_400_000;
    const now = Date.UTC(2026, 10, 28, 15);
    await s.append(events([{ '@timestamp': now - 2 * day, message: 'old' }, { '@timestamp': now - day - 14 * 3_600_000, message: 'yesterday early' }, { '@timestamp': now, message: 'today' }]));
    await s.close();
    s = await DuckDbEventStore.open({ path, retentionDays: 2 });
    expect((await s.search({ query: parseQuery('') })).total).toBe(3);
    expect(await s.applyRetention(now)).toBe(1);
    expect((await s.search({ query: parseQuery('') })).events.map((e) => e.fields.message)).toEqual(['today', 'yesterday early']);
    await s.close();
  });
});
