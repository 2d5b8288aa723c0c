import { describe, expect, it } from 'vitest';
import { authorize } from '../authorize.js';
import { compilePolicy } from '../compile.js';
import type { ContextValue } from '../context.js';
import type { PolicyScalar } from './operator.js';
import { CONDITION_OPERATORS } from './registry.js';

/**
 * Conformance suite for every condition operator, run through the real engine: a policy that allows
 * `ecs:DescribeInstances` only under one condition, evaluated against a context holding the value
 * (or lacking the key: `MISSING`).
 */
const MISSING = Symbol('missing');
type Row = [operator: string, key: string, values: PolicyScalar | PolicyScalar[], context: ContextValue | typeof MISSING, expected: boolean];

const rows: Row[] = [
  // strings: exact, case-sensitive; several values OR
  ['StringEquals', 'acs:SourceVpc', 'vpc-a', 'vpc-a', true],
  ['StringEquals', 'acs:SourceVpc', 'vpc-a', 'VPC-A', false],
  ['StringEquals', 'acs:SourceVpc', ['vpc-a', 'vpc-b'], 'vpc-b', true],
  ['StringEquals', 'acs:SourceVpc', 'vpc-*', 'vpc-a', false], // no wildcards
  ['StringEquals', 'acs:SourceVpc', 'vpc-a', MISSING, false],
  ['StringEquals', 'ecs:Count', 3, '3', true], // numbers compare as their text
  ['StringEquals', 'acs:SourceVpc', 'vpc-a', ['vpc-x', 'vpc-a'], true], // multi-valued key: any element
  ['StringNotEquals', 'acs:SourceVpc', 'vpc-a', 'vpc-b', true],
  ['StringNotEquals', 'acs:SourceVpc', ['vpc-a', 'vpc-b'], 'vpc-b', false],
  ['StringNotEquals', 'acs:SourceVpc', 'vpc-a', 'VPC-A', true],
  ['StringNotEquals', 'acs:SourceVpc', 'vpc-a', MISSING, true], // negated operator: missing key holds
  ['StringNotEquals', 'acs:SourceVpc', 'vpc-a', ['vpc-x', 'vpc-a'], false],
  ['StringEqualsIgnoreCase', 'acs:ResourceTag/env', 'Prod', 'PROD', true],
  ['StringEqualsIgnoreCase', 'acs:ResourceTag/env', 'Prod', 'prod-1', false],
  ['StringEqualsIgnoreCase', 'acs:ResourceTag/env', 'Prod', MISSING, false],
  ['StringNotEqualsIgnoreCase', 'acs:ResourceTag/env', 'Prod', 'pROD', false],
  ['StringNotEqualsIgnoreCase', 'acs:ResourceTag/env', 'Prod', 'dev', true],
  ['StringNotEqualsIgnoreCase', 'acs:ResourceTag/env', 'Prod', MISSING, true],
  ['StringLike', 'oss:Prefix', 'home/alice/*', 'home/alice/docs/a.txt', true],
  ['StringLike', 'oss:Prefix', 'home/alice/*', 'home/bob/a.txt', false],
  ['StringLike', 'oss:Prefix', 'home/?/x', 'home/a/x', true],
  ['StringLike', 'oss:Prefix', 'home/?/x', 'home/ab/x', false],
  ['StringLike', 'oss:Prefix', ['a*', 'b*'], 'bee', true],
  ['StringLike', 'oss:Prefix', 'Home/*', 'home/x', false], // case-sensitive
  ['StringLike', 'oss:Prefix', '*', MISSING, false],
  ['StringNotLike', 'oss:Prefix', 'home/alice/*', 'home/bob/x', true],
  ['StringNotLike', 'oss:Prefix', 'home/alice/*', 'home/alice/x', false],
  ['StringNotLike', 'oss:Prefix', 'home/alice/*', MISSING, true],
  // numbers
  ['NumericEquals', 'ram:MaxSessionDuration', 3600, 3600, true],
  ['NumericEquals', 'ram:MaxSessionDuration', '3600', '3600.0', true],
  ['NumericEquals', 'ram:MaxSessionDuration', 3600, 3601, false],
  ['NumericEquals', 'ram:MaxSessionDuration', 3600, 'not a number', false],
  ['NumericEquals', 'ram:MaxSessionDuration', 3600, MISSING, false],
  ['NumericNotEquals', 'ram:MaxSessionDuration', [3600, 7200], 7200, false],
  ['NumericNotEquals', 'ram:MaxSessionDuration', [3600, 7200], 43200, true],
  ['NumericNotEquals', 'ram:MaxSessionDuration', 3600, MISSING, true],
  ['NumericLessThan', 'ecs:Count', 10, 9, true],
  ['NumericLessThan', 'ecs:Count', 10, 10, false],
  ['NumericLessThan', 'ecs:Count', [5, 10], 7, true], // OR: less than 10
  ['NumericLessThanEquals', 'ecs:Count', 10, 10, true],
  ['NumericLessThanEquals', 'ecs:Count', 10, 10.5, false],
  ['NumericGreaterThan', 'ecs:Count', -1, 0, true],
  ['NumericGreaterThan', 'ecs:Count', 0, 0, false],
  ['NumericGreaterThan', 'ecs:Count', 0, '1e3', true],
  ['NumericGreaterThanEquals', 'ecs:Count', 0.5, 0.5, true],
  ['NumericGreaterThanEquals', 'ecs:Count', 0.5, 0.49, false],
  ['NumericGreaterThanEquals', 'ecs:Count', 0.5, MISSING, false],
  // dates: ISO 8601 in policies; Date, epoch ms or ISO text in the context
  ['DateEquals', 'acs:CurrentTime', '2026-06-01T08:00:00+08:00', new Date('2026-06-01T00:00:00Z'), true],
  ['DateEquals', 'acs:CurrentTime', '2026-06-01T08:00:00+08:00', '2026-06-01T00:00:01Z', false],
  ['DateEquals', 'acs:CurrentTime', '2026-06-01', Date.UTC(2026, 5, 1), true],
  ['DateNotEquals', 'acs:CurrentTime', '2026-06-01T00:00:00Z', new Date('2026-06-02T00:00:00Z'), true],
  ['DateNotEquals', 'acs:CurrentTime', '2026-06-01T00:00:00Z', new Date('2026-06-01T00:00:00Z'), false],
  ['DateNotEquals', 'acs:CurrentTime', '2026-06-01T00:00:00Z', MISSING, true],
  ['DateLessThan', 'acs:CurrentTime', '2026-12-31T23:59:59Z', new Date('2026-12-31T23:59:58Z'), true],
  ['DateLessThan', 'acs:CurrentTime', '2026-12-31T23:59:59Z', new Date('2026-12-31T23:59:59Z'), false],
  ['DateLessThan', 'acs:CurrentTime', '2026-12-31T23:59:59Z', 'yesterday', false],
  ['DateLessThanEquals', 'acs:CurrentTime', '2026-12-31T23:59:59Z', new Date('2026-12-31T23:59:59Z'), true],
  ['DateLessThanEquals', 'acs:CurrentTime', '2026-12-31T23:59:59Z', new Date('2027-01-01T00:00:00Z'), false],
  ['DateGreaterThan', 'acs:CurrentTime', '2026-01-01T00:00:00Z', new Date('2026-01-01T00:00:00.001Z'), true],
  ['DateGreaterThan', 'acs:CurrentTime', '2026-01-01T00:00:00Z', new Date('2025-12-31T23:59:59Z'), false],
  ['DateGreaterThanEquals', 'acs:CurrentTime', '2026-01-01T00:00:00Z', new Date('2026-01-01T00:00:00Z'), true],
  ['DateGreaterThanEquals', 'acs:CurrentTime', '2026-01-01T00:00:00Z', MISSING, false],
  // a missing key fails every positive comparison
  ['NumericLessThan', 'ecs:Count', 10, MISSING, false],
  ['NumericLessThanEquals', 'ecs:Count', 10, MISSING, false],
  ['NumericGreaterThan', 'ecs:Count', 0, MISSING, false],
  ['DateEquals', 'acs:CurrentTime', '2026-06-01', MISSING, false],
  ['DateLessThan', 'acs:CurrentTime', '2026-06-01', MISSING, false],
  ['DateLessThanEquals', 'acs:CurrentTime', '2026-06-01', MISSING, false],
  ['DateGreaterThan', 'acs:CurrentTime', '2026-06-01', MISSING, false],
  // booleans
  ['Bool', 'acs:MFAPresent', 'true', true, true],
  ['Bool', 'acs:MFAPresent', 'true', false, false],
  ['Bool', 'acs:MFAPresent', true, 'TRUE', true],
  ['Bool', 'acs:SecureTransport', 'false', false, true],
  ['Bool', 'acs:MFAPresent', 'true', 'maybe', false],
  ['Bool', 'acs:MFAPresent', 'true', MISSING, false],
  ['Bool', 'acs:MFAPresent', 'false', MISSING, false], // a missing key is not "false"
  // addresses, IPv4 and IPv6
  ['IpAddress', 'acs:SourceIp', '10.0.0.0/8', '10.20.30.40', true],
  ['IpAddress', 'acs:SourceIp', '10.0.0.0/8', '11.0.0.1', false],
  ['IpAddress', 'acs:SourceIp', ['192.0.2.0/24', '198.51.100.7'], '198.51.100.7', true],
  ['IpAddress', 'acs:SourceIp', '10.0.0.0/8', '::ffff:10.1.1.1', true],
  ['IpAddress', 'acs:SourceIp', '2001:db8::/32', '2001:db8:abcd::1', true],
  ['IpAddress', 'acs:SourceIp', '2001:db8::/32', '2001:db9::1', false],
  ['IpAddress', 'acs:SourceIp', '2001:db8::/32', '10.0.0.1', false],
  ['IpAddress', 'acs:SourceIp', '0.0.0.0/0', 'not-an-ip', false],
  ['IpAddress', 'acs:SourceIp', '0.0.0.0/0', MISSING, false],
  ['NotIpAddress', 'acs:SourceIp', '10.0.0.0/8', '11.0.0.1', true],
  ['NotIpAddress', 'acs:SourceIp', '10.0.0.0/8', '10.0.0.1', false],
  ['NotIpAddress', 'acs:SourceIp', ['10.0.0.0/8', 'fd00::/8'], 'fd12::1', false],
  ['NotIpAddress', 'acs:SourceIp', ['10.0.0.0/8', 'fd00::/8'], '2001:db8::1', true],
  ['NotIpAddress', 'acs:SourceIp', '10.0.0.0/8', MISSING, true],
];

function decide(operator: string, key: string, values: PolicyScalar | PolicyScalar[], context: ContextValue | typeof MISSING): boolean {
  const policy = compilePolicy(
    { Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:DescribeInstances', Resource: '*', Condition: { [operator]: { [key]: values } } }] },
    { policyName: 'case', policyType: 'Custom' },
  );
  const ctx = context === MISSING ? { 'acs:Other': 'x' } : { [key]: context };
  return authorize({ action: 'ecs:DescribeInstances', resource: 'acs:ecs:cn-hangzhou:123:instance/i-1', context: ctx }, { identity: [policy] }).allowed;
}

describe('condition operators', () => {
  it.each(rows)('%s %s %j against %j → %s', (operator, key, values, context, expected) => {
    expect(decide(operator, key, values, context)).toBe(expected);
  });

  it('covers every registered operator, both with a value and with the key missing', () => {
    for (const name of CONDITION_OPERATORS.keys()) {
      expect(rows.some((r) => r[0] === name && r[3] !== MISSING)).toBe(true);
      expect(rows.some((r) => r[0] === name && r[3] === MISSING)).toBe(true);
    }
    expect(CONDITION_OPERATORS.size).toBe(21);
  });

  it('matches condition keys case-insensitively', () => {
    const policy = compilePolicy(
      { Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { Bool: { 'ACS:mfapresent': 'true' }, IpAddress: { 'acs:sourceip': '10.0.0.0/8' } } }] },
      { policyName: 'p', policyType: 'Custom' },
    );
    const ask = (context: Record<string, ContextValue>) => authorize({ action: 'ecs:StartInstance', resource: '*', context }, { identity: [policy] }).allowed;
    expect(ask({ 'acs:MFAPresent': true, 'acs:SourceIp': '10.1.2.3' })).toBe(true);
    expect(ask({ 'Acs:MfaPresent': true, 'ACS:SOURCEIP': '10.1.2.3' })).toBe(true);
    expect(ask({ 'acs:MFAPresent': true, 'acs:SourceIp': '192.168.1.1' })).toBe(false);
  });

  it('ANDs keys within an operator and operators within a statement', () => {
    const policy = compilePolicy(
      {
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'ecs:*',
            Resource: '*',
            Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1', 'ecs:Zone': ['a', 'b'] }, Bool: { 'acs:SecureTransport': 'true' } },
          },
        ],
      },
      { policyName: 'p', policyType: 'Custom' },
    );
    const ask = (context: Record<string, ContextValue>) => authorize({ action: 'ecs:RunInstances', resource: '*', context }, { identity: [policy] }).allowed;
    expect(ask({ 'acs:SourceVpc': 'vpc-1', 'ecs:Zone': 'b', 'acs:SecureTransport': true })).toBe(true);
    expect(ask({ 'acs:SourceVpc': 'vpc-1', 'ecs:Zone': 'c', 'acs:SecureTransport': true })).toBe(false);
    expect(ask({ 'acs:SourceVpc': 'vpc-2', 'ecs:Zone': 'a', 'acs:SecureTransport': true })).toBe(false);
    expect(ask({ 'acs:SourceVpc': 'vpc-1', 'ecs:Zone': 'a', 'acs:SecureTransport': false })).toBe(false);
    expect(ask({ 'acs:SourceVpc': 'vpc-1', 'ecs:Zone': 'a' })).toBe(false);
  });
});
