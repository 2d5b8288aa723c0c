import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { decodeDiagnosticMessage, diagnosticFromDenial, encodeDiagnosticMessage, type DiagnosticMessage } from './diagnostic.js';

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

  it('describes a denial from the authorizer result', () => {
    const caller = f.ctx({ principalType: 'user', principalId: '1', principalName: 'alice', sourceIp: '10.1.2.3' }).caller;
    const explicit = diagnosticFromDenial(
      {
        decision: 'ExplicitDeny',
        allowed: false,
        matched: { policyName: 'NoDeletes', policyType: 'Custom', versionId: 'v2', statementIndex: 0, effect: 'Deny' },
        denied: { AuthAction: 'ram:DeleteUser', AuthResource: 'acs:ram::1:user/bob', PolicyType: 'AccountLevelIdentityBasedPolicy', NoPermissionType: 'ExplicitDeny' },
      },
      caller,
    )!;
    expect(explicit).toMatchObject({ ExplicitDeny: true, AuthAction: 'ram:DeleteUser', AuthPrincipal: { AuthPrincipalType: 'SubUser', AuthPrincipalDisplayName: 'alice' } });
    expect(explicit.MatchedPolicies).toEqual([expect.objectContaining({ PolicyIdentifier: 'NoDeletes', PolicyVersion: 'v2', Effect: 'Deny' })]);
    expect(explicit.AuthConditions).toContainEqual({ ConditionKey: 'acs:SourceIp', ConditionValues: ['10.1.2.3'] });
    // round trip through the encoding
    expect(decodeDiagnosticMessage(f.ctx(), { EncodedDiagnosticMessage: encodeDiagnosticMessage(f.platform.sealer, f.accountId, explicit) })).toEqual(explicit);
    expect(diagnosticFromDenial({ decision: 'Allow', allowed: true }, caller)).toBeUndefined();
  });
});
