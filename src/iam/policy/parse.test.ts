import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { MAX_POLICY_DOCUMENT_LENGTH } from './document.js';
import { formatPolicyPath, parsePolicyDocument } from './parse.js';

const doc = (...statements: unknown[]): string => JSON.stringify({ Version: '1', Statement: statements });
const allow = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ Effect: 'Allow', Action: 'ram:GetUser', Resource: '*', ...extra });

function errorOf(input: unknown, kind?: 'identity' | 'trust'): BulwarkError {
  try {
    parsePolicyDocument(input, kind ? { kind } : {});
  } catch (e) {
    if (e instanceof BulwarkError) return e;
    throw e;
  }
  throw new Error('expected MalformedPolicyDocument');
}

describe('parsePolicyDocument: malformed documents', () => {
  const cases: Array<[name: string, input: unknown, message: string]> = [
    ['not JSON', '{"Version":', 'PolicyDocument: is not valid JSON'],
    ['empty', '   ', 'PolicyDocument: is empty'],
    ['not an object', '[1]', 'PolicyDocument: must be a JSON object'],
    ['missing Version', JSON.stringify({ Statement: [allow()] }), 'Version: is required'],
    ['wrong Version', JSON.stringify({ Version: '2012-10-17', Statement: [allow()] }), 'Version: must be "1"'],
    ['numeric Version', JSON.stringify({ Version: 1, Statement: [allow()] }), 'Version: must be "1"'],
    ['missing Statement', JSON.stringify({ Version: '1' }), 'Statement: is required'],
    ['Statement not an array', JSON.stringify({ Version: '1', Statement: allow() }), 'Statement: must be an array of statements'],
    ['no statements', doc(), 'Statement: must hold at least one statement'],
    ['unknown top-level element', JSON.stringify({ Version: '1', Statement: [allow()], Id: 'x' }), 'Id: is not a policy element'],
    ['lower-case element name', doc({ effect: 'Allow', Action: '*', Resource: '*' }), 'Statement[0].effect: is not a policy element'],
    ['bad Effect', doc(allow({ Effect: 'allow' })), 'Statement[0].Effect: must be "Allow" or "Deny"'],
    ['missing Effect', doc({ Action: '*', Resource: '*' }), 'Statement[0].Effect: is required'],
    ['no Action', doc({ Effect: 'Allow', Resource: '*' }), 'Statement[0]: needs Action or NotAction'],
    ['Action and NotAction', doc(allow({ NotAction: 'ram:*' })), 'Statement[0]: has both Action and NotAction'],
    ['no Resource', doc({ Effect: 'Allow', Action: '*' }), 'Statement[0]: needs Resource or NotResource'],
    ['Resource and NotResource', doc(allow({ NotResource: '*' })), 'Statement[0]: has both Resource and NotResource'],
    ['action without service', doc(allow(), allow({ Action: 'GetUser' })), 'Statement[1].Action: invalid action'],
    ['bad action in a list', doc(allow({ Action: ['ram:GetUser', 'ram GetUser'] })), 'Statement[0].Action[1]: invalid action'],
    ['non-string action', doc(allow({ Action: ['ram:GetUser', 3] })), 'Statement[0].Action[1]: must be a string'],
    ['empty action list', doc(allow({ Action: [] })), 'Statement[0].Action: must not be an empty array'],
    ['empty condition values', doc(allow({ Condition: { StringEquals: { 'acs:SourceVpc': [] } } })), 'Statement[0].Condition.StringEquals.acs:SourceVpc: must not be an empty array'],
    ['resource not an ARN', doc(allow({ Resource: 'user/alice' })), 'Statement[0].Resource: invalid resource'],
    ['short ARN', doc(allow({ Resource: ['acs:ram:*:123'] })), 'Statement[0].Resource[0]: invalid resource'],
    ['unknown operator', doc(allow({ Condition: { StringEqual: { 'acs:SourceVpc': 'vpc-1' } } })), 'Statement[0].Condition.StringEqual: unknown condition operator'],
    ['operator name case', doc(allow({ Condition: { ipaddress: { 'acs:SourceIp': '10.0.0.0/8' } } })), 'Statement[0].Condition.ipaddress: unknown condition operator'],
    ['empty operator block', doc(allow({ Condition: { Bool: {} } })), 'Statement[0].Condition.Bool: must name at least one condition key'],
    ['key without prefix', doc(allow({ Condition: { Bool: { MFAPresent: 'true' } } })), 'Statement[0].Condition.Bool.MFAPresent: invalid condition key'],
    ['key repeated in another case', doc(allow({ Condition: { StringEquals: { 'acs:SourceVpc': 'a', 'ACS:sourcevpc': 'b' } } })), 'Statement[0].Condition.StringEquals.ACS:sourcevpc: repeats a condition key'],
    ['invalid CIDR', doc(allow(), allow({ Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '10.0.0.0/33'] } } })), 'Statement[1].Condition.IpAddress.acs:SourceIp[1]: invalid CIDR "10.0.0.0/33"'],
    ['invalid CIDR, single value', doc(allow({ Condition: { NotIpAddress: { 'acs:SourceIp': '2001:db8::/200' } } })), 'Statement[0].Condition.NotIpAddress.acs:SourceIp: invalid CIDR'],
    ['non-numeric number', doc(allow({ Condition: { NumericLessThan: { 'ram:Count': 'ten' } } })), 'Statement[0].Condition.NumericLessThan.ram:Count: NumericLessThan needs a number, got "ten"'],
    ['bad date', doc(allow({ Condition: { DateLessThan: { 'acs:CurrentTime': ['2026-01-01T00:00:00Z', '31/12/2026'] } } })), 'Statement[0].Condition.DateLessThan.acs:CurrentTime[1]: DateLessThan needs an ISO 8601 date-time'],
    ['bad bool', doc(allow({ Condition: { Bool: { 'acs:MFAPresent': 'yes' } } })), 'Statement[0].Condition.Bool.acs:MFAPresent: Bool needs true or false'],
    ['condition value object', doc(allow({ Condition: { StringEquals: { 'acs:SourceVpc': { a: 1 } } } })), 'Statement[0].Condition.StringEquals.acs:SourceVpc: must be a string, number, boolean or a non-empty array of them'],
    ['Principal in an identity policy', doc(allow({ Principal: { RAM: ['acs:ram::123:root'] } })), 'Statement[0].Principal: is only allowed in a trust policy'],
  ];
  it.each(cases)('%s', (_name, input, message) => {
    const e = errorOf(input);
    expect(e.code).toBe('MalformedPolicyDocument');
    expect(e.status).toBe(400);
    expect(e.message.slice(0, message.length)).toBe(message);
    expect(`${e.params.path}: ${e.params.reason}`).toBe(e.message);
  });

  it('limits documents to 6,144 characters', () => {
    const padded = (n: number): string => {
      const base = doc(allow({ Sid: '' }));
      return base.replace('"Sid":""', `"Sid":"${'x'.repeat(n - base.length)}"`);
    };
    expect(padded(MAX_POLICY_DOCUMENT_LENGTH)).toHaveLength(MAX_POLICY_DOCUMENT_LENGTH);
    expect(() => parsePolicyDocument(padded(MAX_POLICY_DOCUMENT_LENGTH))).not.toThrow();
    expect(errorOf(padded(MAX_POLICY_DOCUMENT_LENGTH + 1)).message).toBe('PolicyDocument: is 6145 characters long; the maximum is 6144');
    expect(errorOf(JSON.parse(padded(MAX_POLICY_DOCUMENT_LENGTH + 1)) as unknown).params.path).toBe('PolicyDocument');
  });

  it('renders paths with odd keys quoted', () => {
    expect(formatPolicyPath(['Statement', 0, 'Condition', 'StringEquals', 'acs:ResourceTag/a.b'])).toBe('Statement[0].Condition.StringEquals["acs:ResourceTag/a.b"]');
    expect(formatPolicyPath([])).toBe('PolicyDocument');
  });
});

describe('parsePolicyDocument: valid documents', () => {
  it('normalises strings to arrays and keeps what was written', () => {
    const parsed = parsePolicyDocument(
      doc(
        { Effect: 'Allow', Action: 'ram:Get*', Resource: 'acs:ram:*:123:user/*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' }, Bool: { 'acs:MFAPresent': true } } },
        { Sid: 'no-delete', Effect: 'Deny', NotAction: ['ram:Get*', 'ram:List*'], NotResource: ['acs:ram:*:123:user/admin'] },
      ),
    );
    expect(parsed).toEqual({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['ram:Get*'], Resource: ['acs:ram:*:123:user/*'], Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] }, Bool: { 'acs:MFAPresent': [true] } } },
        { Sid: 'no-delete', Effect: 'Deny', NotAction: ['ram:Get*', 'ram:List*'], NotResource: ['acs:ram:*:123:user/admin'] },
      ],
    });
  });

  it('accepts an already-parsed object and every documented shape', () => {
    const parsed = parsePolicyDocument({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: ['oss:Get*', 'oss:List?bjects'], Resource: ['acs:oss:*:*:bucket/*', 'acs:oss:*:*:bucket'] },
        { Effect: 'Deny', Action: 'ecs:*', Resource: '*', Condition: { NumericGreaterThan: { 'ecs:Count': [10, '20.5'] }, DateLessThan: { 'acs:CurrentTime': '2026-12-31T23:59:59+08:00' }, StringLike: { 'acs:ResourceTag/env': 'prod*' } } },
      ],
    });
    expect(parsed.Statement).toHaveLength(3);
  });

  it('parses trust policies: Principal required, Resource optional', () => {
    const trust = JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1234567890123456:root'], Service: 'ecs.aliyuncs.com' } }],
    });
    expect(parsePolicyDocument(trust, { kind: 'trust' }).Statement[0]!.Principal).toEqual({ RAM: ['acs:ram::1234567890123456:root'], Service: ['ecs.aliyuncs.com'] });
    expect(errorOf(doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'trust').message).toBe('Statement[0]: needs Principal in a trust policy');
    expect(errorOf(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { User: 'x' } }), 'trust').message).toBe('Statement[0].Principal.User: is not a principal type; use RAM, Service or Federated');
    expect(errorOf(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: {} }), 'trust').message).toBe('Statement[0].Principal: must name at least one of RAM, Service, Federated');
  });
});
