import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { decodeDiagnosticMessage, encodeDiagnosticMessage, type DiagnosticMessage } from './diagnostic.js';

let f: IamFixture;
beforeEach(async () => {
  f = await iamFixture();
});
afterEach(async () => f.close());

const message: DiagnosticMessage = {
  AuthAction: 'ram:CreateUser',
  AuthResource: 'acs:ram::1:user/x',
  ExplicitDeny: false,
  NoPermissionPolicyType: 'ImplicitDeny',
  AuthPrincipal: { AuthPrincipalType: 'SubUser', AuthPrincipalOwnerId: '1', AuthPrincipalDisplayName: 'alice' },
  AuthConditions: [{ ConditionKey: 'acs:SourceIp', ConditionValues: ['10.0.0.1'] }],
  MatchedPolicies: [],
};

describe('diagnostic messages', () => {
  it('decodes only messages encoded for the caller account', () => {
    const encoded = encodeDiagnosticMessage(f.platform.sealer, f.accountId, message);
    expect(encoded).not.toContain('alice');
    expect(decodeDiagnosticMessage(f.ctx(), { EncodedDiagnosticMessage: encoded })).toEqual(message);
    const other = f.ctx({ accountId: '9999999999999999' });
    expect(() => decodeDiagnosticMessage(other, { EncodedDiagnosticMessage: encoded })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => decodeDiagnosticMessage(f.ctx(), { EncodedDiagnosticMessage: `${encoded.slice(0, -4)}AAAA` })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    expect(() => decodeDiagnosticMessage(f.ctx(), { EncodedDiagnosticMessage: 'AQEAAAAAZBgxr0U1MjA1NTM1' })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });
});
