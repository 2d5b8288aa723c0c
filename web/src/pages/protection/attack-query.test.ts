import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../src/events/query/parser.js';
import { EventService } from '../../../../src/events/service.js';
import { DuckDbEventStore } from '../../../../src/events/store/duckdb-store.js';
import { ATTACK_QUERY, attackQuery, decodeQuery, TOP_AGGREGATIONS, exclusionCandidates, toAttackRow } from './attack-query.js';

describe('attack log query', () => {
  it('adds each filter to the base query, quoted so the event search parses it', () => {
    expect(attackQuery({ range: '-1h' })).toBe(ATTACK_QUERY);
    const q = attackQuery({ range: '-1h', site: 'my "shop"', sourceIp: '10.0.0.0/8', ruleId: 'waf:942100', action: 'blocked' });
    expect(q).toBe(`${ATTACK_QUERY} AND bulwark.site:"my \\"shop\\"" AND source.ip:10.0.0.0/8 AND extra.bulwark.rules:*942100* AND bulwark.blocked:true`);
    expect(() => parseQuery(q)).not.toThrow();
    expect(attackQuery({ range: '-1h', action: 'detected', ruleId: '942100' })).toBe(`${ATTACK_QUERY} AND extra.bulwark.rules:*942100* AND bulwark.blocked:false`);
  });

  it('decodes a query string for reading, leaving malformed escapes', () => {
    expect(decodeQuery("id=1%27%20or%201=1--&q=a+b")).toBe("id=1' or 1=1--&q=a b");
    expect(decodeQuery('x=%E4%BD%A0%ZZ%e4')).toBe('x=你%ZZ%e4');
  });

  it('reads an access event of the gateway as a row', () => {
    const row = toAttackRow({
      '@timestamp': '2026-11-29T03:00:00.000Z',
      source: { ip: '192.0.2.9' },
      http: { request: { method: 'GET', id: 'r1' }, response: { status_code: 403 } },
      url: { path: '/', query: "id=1' or 1=1--", domain: 'shop.example.com' },
      rule: { id: 'waf:949110' },
      bulwark: { site: 'shop', action: 'block', blocked: true, score: 5, request_id: 'r1' },
      extra: { 'bulwark.rules': ['waf:942100', 'waf:949110'], 'bulwark.tags.waf.messages': '942100: SQL Injection | 949110: Inbound Anomaly Score Exceeded', 'bulwark.tags.waf.matched_data': "1' or 1=1--" },
    });
    expect(row).toMatchObject({ site: 'shop', sourceIp: '192.0.2.9', method: 'GET', path: '/', status: 403, score: 5, blocked: true, requestId: 'r1', wafRuleIds: [942100, 949110], matchedData: "1' or 1=1--" });
    expect(row.messages).toEqual(['942100: SQL Injection', '949110: Inbound Anomaly Score Exceeded']);
    expect(exclusionCandidates(row)).toEqual([942100]);
    expect(exclusionCandidates({ wafRuleIds: [949110] })).toEqual([949110]);
    expect(toAttackRow({ rule: { id: 'admin' } }).rules).toEqual(['admin']);
  });

  it('finds the gateway events in the event store by each filter, with the top aggregations', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    const service = new EventService(store, { maxBatchEvents: 1000, maxQueuedEvents: 10_000 });
    const now = new Date().toISOString();
    // shaped like src/gateway/access-log.ts accessEvent()
    const gatewayEvent = (site: string, ip: string, path: string, rules: string[], blocked: boolean) => ({
      '@timestamp': now,
      event: { kind: rules.length > 0 ? 'alert' : 'event', category: 'web', type: blocked ? 'denied' : 'access', dataset: 'bulwark.gateway' },
      source: { ip },
      http: { request: { method: 'GET' }, response: { status_code: blocked ? 403 : 200 } },
      url: { path, domain: 'example.com' },
      ...(rules.length > 0 ? { rule: { id: rules.at(-1) } } : {}),
      bulwark: { site, action: blocked ? 'block' : 'proxy', blocked, rules, ...(rules.length > 0 ? { score: 5, tags: { 'waf.messages': `${rules[0]!.slice(4)}: SQL injection` } } : {}) },
    });
    await service.ingest.ingest([
      gatewayEvent('shop', '192.0.2.1', '/search', ['waf:942100', 'waf:949110'], true),
      gatewayEvent('shop', '192.0.2.1', '/login', ['waf:941100'], false),
      gatewayEvent('blog', '198.51.100.7', '/search', ['waf:942100', 'waf:949110'], true),
      gatewayEvent('shop', '192.0.2.2', '/', [], false),
      { '@timestamp': now, event: { kind: 'alert', dataset: 'bulwark.agent' }, bulwark: { site: 'shop' } },
    ]);
    const search = async (f: Parameters<typeof attackQuery>[0]) => (await service.search({ query: attackQuery(f), from: f.range, size: 50 })).events.map((e) => toAttackRow(e));
    expect((await search({ range: '-1h' })).map((r) => `${r.site}${r.path}`).sort()).toEqual(['blog/search', 'shop/login', 'shop/search']);
    expect((await search({ range: '-1h', site: 'shop' })).map((r) => r.path).sort()).toEqual(['/login', '/search']);
    expect((await search({ range: '-1h', sourceIp: '198.51.100.0/24' })).map((r) => r.site)).toEqual(['blog']);
    expect((await search({ range: '-1h', ruleId: '941100' })).map((r) => r.path)).toEqual(['/login']);
    expect((await search({ range: '-1h', ruleId: 'waf:942100', action: 'blocked' })).map((r) => r.site).sort()).toEqual(['blog', 'shop']);
    expect((await search({ range: '-1h', action: 'detected' })).map((r) => r.path)).toEqual(['/login']);
    const [row] = await search({ range: '-1h', site: 'blog' });
    expect(row).toMatchObject({ wafRuleIds: [942100, 949110], messages: ['942100: SQL injection'], score: 5, blocked: true, status: 403 });
    const top = await service.search({ query: attackQuery({ range: '-1h' }), from: '-1h', size: 0, aggs: [...TOP_AGGREGATIONS] });
    expect(top.aggregations[0]).toMatchObject({ buckets: [{ key: 'shop', count: 2 }, { key: 'blog', count: 1 }] });
    expect(top.aggregations[1]).toMatchObject({ buckets: [{ key: '/search', count: 2 }, { key: '/login', count: 1 }] });
    await service.close();
  });
});
