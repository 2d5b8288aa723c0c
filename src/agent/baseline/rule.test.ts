import { describe, expect, it } from 'vitest';
import { parseRule } from './rule.js';

const vars = new Map([['sshd_file', '/etc/ssh/sshd_config'], ['prog', 'apache2']]);
const parse = (source: string) => parseRule(source, vars, 'checks[0].rules[0]', 'test.yml');

describe('parseRule', () => {
  it('reads kind, target, not and content; variables are substituted in the target', () => {
    const r = parse('not f:$sshd_file -> r:^PermitRootLogin');
    expect(r).toMatchObject({ negated: true, kind: 'f', target: '/etc/ssh/sshd_config' });
    expect(r.content?.source).toBe('r:^PermitRootLogin');
    expect(parse('c:systemctl is-enabled $prog -> r:^enabled')).toMatchObject({ kind: 'c', target: 'systemctl is-enabled apache2' });
  });

  it('directories take a file test and an optional content test', () => {
    const r = parse('d:/etc/audit/rules.d -> r:\\.rules$ -> r:^-w && r:-k identity');
    expect(r.fileName?.source).toBe('r:\\.rules$');
    expect(r.content?.source).toBe('r:^-w && r:-k identity');
    expect(parse('d:/home -> .netrc')).toMatchObject({ fileName: { source: '.netrc' } });
    expect(parse('d:/etc').fileName).toBeUndefined();
  });

  it('existence rules have no content', () => {
    expect(parse('p:sshd')).toMatchObject({ kind: 'p', target: 'sshd', negated: false });
    expect(parse('f:/etc/passwd').content).toBeUndefined();
  });

  it('a registry rule or an unsupported regex makes an invalid (not applicable) rule, not a load error', () => {
    expect(parse('r:HKEY_LOCAL_MACHINE\\System -> Value').invalid).toMatch(/registry/);
    expect(parse('f:/etc/passwd -> r:(?<=x)y').invalid).toMatch(/look-behind/);
  });

  it.each([
    ['x:/etc/passwd', 'does not start with'],
    ['/etc/passwd', 'does not start with'],
    ['f: -> r:x', 'has no target'],
    ['f:$nope -> r:x', 'undefined variable $nope'],
    ['p:sshd -> r:x', 'process rules only test existence'],
    ['f:/x -> n:(\\d+) compare ~ 1', 'numeric test'],
  ])('%s is a policy error naming the field', (source, reason) => {
    expect(() => parse(source)).toThrow(expect.objectContaining({ code: 'Agent.Baseline.InvalidPolicy', params: expect.objectContaining({ field: 'checks[0].rules[0]', reason: expect.stringContaining(reason) }) }));
  });
});
