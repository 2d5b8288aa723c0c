import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../src/events/query/parser.js';
import { ATTACK_QUERY, attackQuery, exclusionCandidates, toAttackRow } from './attack-query.js';

describe('attack log query', () => {
  it('adds each filter to the base query, quoted so the event search parses it', () => {
    expect(attackQuery({ range: '-1h' })).toBe(ATTACK_QUERY);
    const q = attackQuery({ range: '-1h', site: 'my "shop"', sourceIp: '10.0.0.0/8', ruleId: 'waf:942100', action: 'blocked' });
    expect(q).toBe(`${ATTACK_QUERY} AND bulwark.site:"my \\"shop\\"" AND source.ip:10.0.0.0/8 AND extra.bulwark.rules:*942100* AND bulwark.blocked:true`);
    expect(() => parseQuery(q)).not.toThrow();
    expect(attackQuery({ range: '-1h', action: 'detected', ruleId: '942100' })).toBe(`${ATTACK_QUERY} AND extra.bulwark.rules:*942100* AND bulwark.blocked:false`);
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
});
