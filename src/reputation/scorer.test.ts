import { describe, expect, it } from 'vitest';
import { parseBlockList } from './block-list.js';
import { ReputationScorer } from './scorer.js';
import { reputationSettings } from './settings.js';
import { signalOf, type Signal } from './signal.js';
import { normalizeTarget, targetContains } from './target.js';

const T0 = Date.parse('2026-11-29T00:00:00Z');
const sig = (type: Signal['type'], ip: string, at: number, detail?: string): Signal => ({ type, ip, at, eventId: `e${at}`, ...(detail ? { detail } : {}) });

describe('reputation scoring', () => {
  it('bans on a scenario overflow (SSH brute force) and explains it with the signals', () => {
    const scorer = new ReputationScorer(reputationSettings.parse({ banScore: 1000 }));
    const verdicts = Array.from({ length: 11 }, (_, i) => scorer.add(sig('ssh-failure', '198.51.100.7', T0 + i * 1000, `user${i % 2}`))).flat();
    const ban = verdicts.find((v) => v.action === 'ban');
    expect(ban).toMatchObject({ ip: '198.51.100.7', scenario: 'ssh-bruteforce' });
    expect(ban!.signals).toHaveLength(11);
  });

  it('password spraying: distinct user names overflow their own bucket', () => {
    const scorer = new ReputationScorer(reputationSettings.parse({ banScore: 1000 }));
    const verdicts = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((u, i) => scorer.add(sig('ssh-failure', '203.0.113.5', T0 + i, u)));
    expect(verdicts.find((v) => v.action === 'ban')?.scenario).toBe('ssh-spraying');
  });

  it('HTTP probing counts distinct paths only', () => {
    const scorer = new ReputationScorer(reputationSettings.parse({ banScore: 1000 }));
    const same = Array.from({ length: 40 }, (_, i) => scorer.add(sig('probe', '192.0.2.1', T0 + i, '/same'))).flat();
    expect(same.filter((v) => v.action === 'ban')).toHaveLength(0);
    const distinct = Array.from({ length: 21 }, (_, i) => scorer.add(sig('probe', '192.0.2.2', T0 + i, `/p${i}`))).flat();
    expect(distinct.find((v) => v.action === 'ban')?.scenario).toBe('http-probing');
  });

  it('weights add up, decay by the half-life, log once at logScore, ban at banScore', () => {
    const scorer = new ReputationScorer(reputationSettings.parse({ halfLifeSeconds: 60, weights: { manual: 6 } }));
    expect(scorer.add(sig('manual', '192.0.2.9', T0))).toMatchObject([{ action: 'log', scenario: 'score' }]);
    expect(scorer.scoreOf('192.0.2.9', T0 + 60_000)).toBeCloseTo(3, 5);
    expect(scorer.scoreOf('192.0.2.9', T0 + 120_000)).toBeCloseTo(1.5, 5);
    // two minutes later 1.5 + 6 = 7.5: below banScore 10, and already logged
    expect(scorer.add(sig('manual', '192.0.2.9', T0 + 120_000))).toEqual([]);
    expect(scorer.add(sig('manual', '192.0.2.9', T0 + 120_000))).toMatchObject([{ action: 'ban', scenario: 'score' }]);
  });
});

describe('signals from events', () => {
  const gw = (extra: Record<string, unknown>) => ({ '@timestamp': new Date(T0).toISOString(), source: { ip: '192.0.2.5' }, event: { dataset: 'bulwark.gateway' }, url: { path: '/x' }, ...extra });
  it('reads WAF blocks, anti-CC, probing, SSH failures and alerts; ignores bans the gateway enforced', () => {
    expect(signalOf(gw({ bulwark: { blocked: true, reason: 'waf' }, rule: { id: 'waf:942100' } }))).toMatchObject({ type: 'waf', detail: 'waf:942100' });
    expect(signalOf(gw({ bulwark: { blocked: true, reason: 'rate limit' } }))).toMatchObject({ type: 'cc' });
    expect(signalOf(gw({ http: { response: { status_code: 404 } } }))).toMatchObject({ type: 'probe', detail: '/x' });
    expect(signalOf(gw({ bulwark: { blocked: true, reason: 'reputation ban' }, http: { response: { status_code: 403 } } }))).toBeUndefined();
    expect(signalOf(gw({ http: { response: { status_code: 200 } } }))).toBeUndefined();
    const ssh = { '@timestamp': new Date(T0).toISOString(), source: { ip: '198.51.100.7' }, user: { name: 'root' }, event: { dataset: 'agent.ssh', category: 'authentication', outcome: 'failure' } };
    expect(signalOf(ssh)).toMatchObject({ type: 'ssh-failure', detail: 'root' });
    expect(signalOf({ ...ssh, event: { kind: 'alert' }, rule: { id: 'ssh-success-after-failure' } })).toMatchObject({ type: 'success-after-failure' });
    expect(signalOf({ ...ssh, source: { ip: 'not-an-ip' } })).toBeUndefined();
  });
});

describe('targets and block lists', () => {
  it('normalizes addresses and ranges and tests containment', () => {
    expect(normalizeTarget('192.0.2.1')).toEqual({ value: '192.0.2.1', scope: 'Ip' });
    expect(normalizeTarget('192.0.2.0/24')).toEqual({ value: '192.0.2.0/24', scope: 'Range' });
    expect(normalizeTarget('2001:DB8::1/128')).toEqual({ value: '2001:db8::1', scope: 'Ip' });
    expect(() => normalizeTarget('300.1.1.1')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(targetContains('192.0.2.0/24', '192.0.2.77')).toBe(true);
    expect(targetContains('192.0.2.0/24', '192.0.3.1')).toBe(false);
    expect(targetContains('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(targetContains('10.1.0.0/16', '10.0.0.0/8')).toBe(false);
  });

  it('reads text and JSON block lists, all or nothing', () => {
    expect(parseBlockList('# bad guys\n192.0.2.1\n\n198.51.100.0/24  # range\n', 'text')).toEqual([
      { value: '192.0.2.1', action: 'ban' },
      { value: '198.51.100.0/24', action: 'ban' },
    ]);
    expect(parseBlockList(JSON.stringify(['192.0.2.1', { value: '192.0.2.2', type: 'captcha', duration: '1h', scenario: 'crowdsecurity/ssh-bf' }]), 'json')).toEqual([
      { value: '192.0.2.1', action: 'ban' },
      { value: '192.0.2.2', action: 'challenge', scenario: 'crowdsecurity/ssh-bf', durationMs: 3_600_000 },
    ]);
    expect(() => parseBlockList('192.0.2.1\nnonsense\n', 'text')).toThrow(expect.objectContaining({ code: 'Reputation.InvalidBlockList', params: expect.objectContaining({ line: 2 }) }));
    expect(() => parseBlockList('{', 'json')).toThrow(expect.objectContaining({ code: 'Reputation.InvalidBlockList' }));
  });
});
