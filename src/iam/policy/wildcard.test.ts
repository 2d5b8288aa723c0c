import { describe, expect, it } from 'vitest';
import { compileWildcard, compileWildcardSet, hasPrefix, hasSuffix } from './wildcard.js';

describe('compileWildcard', () => {
  const cases: Array<[pattern: string, value: string, expected: boolean]> = [
    ['*', '', true],
    ['*', 'anything at all', true],
    ['ram:CreateUser', 'ram:CreateUser', true],
    ['ram:CreateUser', 'ram:CreateUsers', false],
    ['ram:CreateUser', 'ram:createuser', false], // case-sensitive; callers lower-case actions
    ['ram:Get*', 'ram:GetUser', true],
    ['ram:Get*', 'ram:Get', true],
    ['ram:Get*', 'ram:ListUsers', false],
    ['*User', 'ram:GetUser', true],
    ['*User', 'ram:GetUsers', false],
    ['acs:ram:*:123:user/*', 'acs:ram:*:123:user/alice', true],
    ['acs:ram:*:123:user/*', 'acs:ram:cn-hangzhou:123:user/alice', true],
    ['acs:ram:*:123:user/*', 'acs:ram:cn-hangzhou:456:user/alice', false],
    ['acs:ram:*:123:user/*', 'acs:ram::123:role/x', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXcYb', false],
    ['a*b*c', 'ab', false],
    ['ab*ba', 'aba', false], // prefix and suffix may not overlap
    ['ab*ba', 'abba', true],
    ['user/?', 'user/a', true],
    ['user/?', 'user/ab', false],
    ['user/?', 'user/', false],
    ['u?er/*', 'user/x', true],
    ['*/a?c', 'x/abc', true],
    ['*/a?c', 'x/ac', false],
    ['*a?c*', 'zzabczz', true],
    ['*a?c*', 'zzacczz', true],
    ['*a?c*', 'zzaczz', false],
    ['a**b', 'ab', true],
    ['a**b', 'aXXb', true],
    ['.+[x]', '.+[x]', true], // regex characters are literal
    ['.+[x]', 'aa[x]', false],
  ];
  it.each(cases)('%s matches %s → %s', (pattern, value, expected) => {
    expect(compileWildcard(pattern)(value)).toBe(expected);
  });

  it('ORs several patterns and looks exact ones up', () => {
    const m = compileWildcardSet(['ram:GetUser', 'ram:List*', 'ecs:DescribeInstances']);
    expect(m('ram:GetUser')).toBe(true);
    expect(m('ram:ListGroups')).toBe(true);
    expect(m('ecs:DescribeInstances')).toBe(true);
    expect(m('ecs:DescribeDisks')).toBe(false);
    expect(compileWildcardSet(['x', '*'])('whatever')).toBe(true);
    expect(compileWildcardSet(['only'])('only')).toBe(true);
    expect(compileWildcardSet(['only'])('other')).toBe(false);
  });

  it('tests prefixes and suffixes', () => {
    expect(hasPrefix('acs:ram::1:user/a', 'acs:ram::1:')).toBe(true);
    expect(hasPrefix('acs:ram', 'acs:ram')).toBe(true);
    expect(hasPrefix('acs:ra', 'acs:ram')).toBe(false);
    expect(hasPrefix('acs:rds', 'acs:ram')).toBe(false);
    expect(hasSuffix('user/alice', '/alice')).toBe(true);
    expect(hasSuffix('alice', 'alice')).toBe(true);
    expect(hasSuffix('lice', 'alice')).toBe(false);
  });
});
