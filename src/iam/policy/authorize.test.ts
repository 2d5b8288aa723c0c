import { describe, expect, it } from 'vitest';
import { authorize, toPolicySet, type AuthorizationPolicies, type AuthorizationRequest } from './authorize.js';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import { requestContext } from './context.js';
import { compilePolicySet } from './policy-set.js';

const ACCOUNT = '1234567890123456';
const userArn = (name: string): string => `acs:ram:*:${ACCOUNT}:user/${name}`;
let counter = 0;
const policy = (statements: unknown[], name = `p${counter++}`, policyType = 'Custom'): CompiledPolicy =>
  compilePolicy(JSON.stringify({ Version: '1', Statement: statements }), { policyName: name, policyType });

const readUsers = policy([{ Effect: 'Allow', Action: ['ram:GetUser', 'ram:List*'], Resource: `acs:ram:*:${ACCOUNT}:user/*` }], 'ReadUsers');
const denyAdmin = policy([{ Effect: 'Deny', Action: 'ram:*', Resource: userArn('admin') }], 'ProtectAdmin');
const fullRam = policy([{ Effect: 'Allow', Action: 'ram:*', Resource: '*' }], 'AliyunRAMFullAccess', 'System');

const ask = (action: string, resource: string | string[], policies: AuthorizationPolicies, extra: Partial<AuthorizationRequest> = {}) =>
  authorize({ action, resource, ...extra }, policies);

describe('authorize: evaluation order', () => {
  const cases: Array<[name: string, action: string, resource: string, identity: CompiledPolicy[], decision: string]> = [
    ['default deny with no policy', 'ram:GetUser', userArn('alice'), [], 'ImplicitDeny'],
    ['allowed by a matching statement', 'ram:GetUser', userArn('alice'), [readUsers], 'Allow'],
    ['action names are case-insensitive', 'RAM:getUSER', userArn('alice'), [readUsers], 'Allow'],
    ['wildcard action', 'ram:ListGroupsForUser', userArn('alice'), [readUsers], 'Allow'],
    ['other action', 'ram:DeleteUser', userArn('alice'), [readUsers], 'ImplicitDeny'],
    ['resources are case-sensitive', 'ram:GetUser', `acs:ram:*:${ACCOUNT}:User/alice`, [readUsers], 'ImplicitDeny'],
    ['another account', 'ram:GetUser', 'acs:ram:*:9999999999999999:user/alice', [readUsers], 'ImplicitDeny'],
    ['explicit deny wins over allow', 'ram:GetUser', userArn('admin'), [readUsers, denyAdmin], 'ExplicitDeny'],
    ['deny wins whatever the policy order', 'ram:GetUser', userArn('admin'), [denyAdmin, fullRam], 'ExplicitDeny'],
    ['deny only where it matches', 'ram:GetUser', userArn('bob'), [denyAdmin, fullRam], 'Allow'],
    ['deny alone does not allow', 'ram:GetUser', userArn('bob'), [denyAdmin], 'ImplicitDeny'],
  ];
  it.each(cases)('%s', (_name, action, resource, identity, decision) => {
    expect(ask(action, resource, { identity }).decision).toBe(decision);
  });

  it('reports the deciding statement and what AccessDeniedDetail needs', () => {
    const allowed = ask('ram:GetUser', userArn('alice'), { identity: [denyAdmin, readUsers] });
    expect(allowed).toEqual({ decision: 'Allow', allowed: true, matched: { policyName: 'ReadUsers', policyType: 'Custom', statementIndex: 0, effect: 'Allow' } });

    const explicit = ask('ram:DeleteUser', userArn('admin'), { identity: [fullRam, denyAdmin] });
    expect(explicit.allowed).toBe(false);
    expect(explicit.matched).toEqual({ policyName: 'ProtectAdmin', policyType: 'Custom', statementIndex: 0, effect: 'Deny' });
    expect(explicit.denied).toEqual({ AuthAction: 'ram:DeleteUser', AuthResource: userArn('admin'), PolicyType: 'AccountLevelIdentityBasedPolicy', NoPermissionType: 'ExplicitDeny' });

    const implicit = ask('ram:CreateUser', userArn('carol'), { identity: [readUsers] });
    expect(implicit.matched).toBeUndefined();
    expect(implicit.denied).toEqual({ AuthAction: 'ram:CreateUser', AuthResource: userArn('carol'), PolicyType: 'AccountLevelIdentityBasedPolicy', NoPermissionType: 'ImplicitDeny' });
  });

  it('counts statements from 0 and carries Sid and version', () => {
    const p = compilePolicy(
      { Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }, { Sid: 'stop', Effect: 'Deny', Action: 'ecs:StopInstance', Resource: '*' }] },
      { policyName: 'Ops', policyType: 'Custom', versionId: 'v3' },
    );
    expect(ask('ecs:StopInstance', '*', { identity: [p] }).matched).toEqual({ policyName: 'Ops', policyType: 'Custom', versionId: 'v3', statementIndex: 1, effect: 'Deny', sid: 'stop' });
  });
});

describe('authorize: NotAction, NotResource', () => {
  const everythingButRam = policy([{ Effect: 'Allow', NotAction: 'ram:*', Resource: '*' }]);
  const notAdmin = policy([{ Effect: 'Allow', Action: 'ram:*', NotResource: [userArn('admin'), userArn('root-*')] }]);
  const denyAllButReads = policy([{ Effect: 'Deny', NotAction: ['ecs:Describe*', 'ecs:List*'], Resource: '*' }]);

  it.each([
    ['ecs:RunInstances', '*', [everythingButRam], 'Allow'],
    ['ram:CreateUser', '*', [everythingButRam], 'ImplicitDeny'],
    ['ram:GetUser', userArn('bob'), [notAdmin], 'Allow'],
    ['ram:GetUser', userArn('admin'), [notAdmin], 'ImplicitDeny'],
    ['ram:GetUser', userArn('root-1'), [notAdmin], 'ImplicitDeny'],
    ['ecs:DescribeInstances', '*', [everythingButRam, denyAllButReads], 'Allow'],
    ['ecs:DeleteInstance', '*', [everythingButRam, denyAllButReads], 'ExplicitDeny'],
    ['oss:PutObject', '*', [everythingButRam, denyAllButReads], 'ExplicitDeny'],
  ] as Array<[string, string, CompiledPolicy[], string]>)('%s on %s → %s', (action, resource, identity, decision) => {
    expect(ask(action, resource, { identity }).decision).toBe(decision);
  });
});

describe('authorize: several resources', () => {
  it('allows only when every resource is allowed and names the refused one', () => {
    expect(ask('ram:GetUser', [userArn('a'), userArn('b')], { identity: [readUsers] }).decision).toBe('Allow');
    const partial = ask('ram:GetUser', [userArn('a'), 'acs:ram:*:1:user/x'], { identity: [readUsers] });
    expect(partial.decision).toBe('ImplicitDeny');
    expect(partial.denied?.AuthResource).toBe('acs:ram:*:1:user/x');
  });
  it('prefers an explicit deny on any resource over an implicit one on an earlier resource', () => {
    const r = ask('ram:GetUser', ['acs:ram:*:1:user/x', userArn('admin')], { identity: [readUsers, denyAdmin] });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.denied?.AuthResource).toBe(userArn('admin'));
  });
  it('denies an empty resource list', () => {
    expect(ask('ram:GetUser', [], { identity: [fullRam] }).decision).toBe('ImplicitDeny');
  });
});

describe('authorize: STS session policy', () => {
  const sessionReadOnly = policy([{ Effect: 'Allow', Action: ['ram:Get*', 'ram:List*'], Resource: '*' }], 'session');
  const sessionDenyBob = policy([{ Effect: 'Allow', Action: 'ram:*', Resource: '*' }, { Effect: 'Deny', Action: 'ram:*', Resource: userArn('bob') }], 'session');

  it.each([
    ['both allow', 'ram:GetUser', userArn('alice'), [fullRam], [sessionReadOnly], 'Allow', undefined],
    ['session does not allow', 'ram:DeleteUser', userArn('alice'), [fullRam], [sessionReadOnly], 'ImplicitDeny', 'SessionPolicy'],
    ['identity does not allow', 'ram:ListPolicies', '*', [readUsers], [sessionReadOnly], 'ImplicitDeny', 'AccountLevelIdentityBasedPolicy'],
    ['session denies', 'ram:GetUser', userArn('bob'), [fullRam], [sessionDenyBob], 'ExplicitDeny', 'SessionPolicy'],
    ['identity denies, session allows', 'ram:GetUser', userArn('admin'), [fullRam, denyAdmin], [sessionDenyBob], 'ExplicitDeny', 'AccountLevelIdentityBasedPolicy'],
    ['empty session set allows nothing', 'ram:GetUser', userArn('alice'), [fullRam], [], 'ImplicitDeny', 'SessionPolicy'],
  ] as Array<[string, string, string, CompiledPolicy[], CompiledPolicy[], string, string | undefined]>)('%s', (_name, action, resource, identity, session, decision, layer) => {
    const r = ask(action, resource, { identity, session });
    expect(r.decision).toBe(decision);
    expect(r.denied?.PolicyType).toBe(layer);
  });

  it('reports the identity statement that granted', () => {
    expect(ask('ram:GetUser', userArn('alice'), { identity: [fullRam], session: [sessionReadOnly] }).matched?.policyName).toBe('AliyunRAMFullAccess');
  });
});

describe('authorize: root identity', () => {
  it('bypasses identity policies, even an explicit deny', () => {
    const r = ask('ram:DeleteUser', userArn('admin'), { identity: [denyAdmin], isRoot: true });
    expect(r).toEqual({ decision: 'Allow', allowed: true, root: true });
    expect(ask('kms:Decrypt', '*', { identity: [], isRoot: true }).allowed).toBe(true);
  });
  it('still honours a session policy', () => {
    const session = policy([{ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }]);
    expect(ask('ram:GetUser', userArn('a'), { identity: [], isRoot: true, session: [session] }).allowed).toBe(true);
    const r = ask('ram:DeleteUser', userArn('a'), { identity: [], isRoot: true, session: [session] });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.denied?.PolicyType).toBe('SessionPolicy');
  });
});

describe('authorize: global condition keys', () => {
  const guarded = policy([
    {
      Effect: 'Allow',
      Action: 'kms:*',
      Resource: '*',
      Condition: {
        IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] },
        Bool: { 'acs:MFAPresent': 'true', 'acs:SecureTransport': 'true' },
        StringEquals: { 'acs:SourceVpc': 'vpc-prod', 'acs:ResourceTag/team': 'sec' },
        DateLessThan: { 'acs:CurrentTime': '2027-01-01T00:00:00Z' },
      },
    },
  ]);
  const base = { sourceIp: '10.1.1.1', mfaPresent: true, secureTransport: true, sourceVpc: 'vpc-prod', resourceTags: { team: 'sec' }, currentTime: new Date('2026-11-28T00:00:00Z') };
  it.each([
    ['all keys satisfied (IPv4)', {}, true],
    ['all keys satisfied (IPv6)', { sourceIp: '2001:db8:1::9' }, true],
    ['IPv6 outside', { sourceIp: '2001:db9::9' }, false],
    ['no MFA', { mfaPresent: false }, false],
    ['plain HTTP', { secureTransport: false }, false],
    ['other VPC', { sourceVpc: 'vpc-dev' }, false],
    ['other tag', { resourceTags: { team: 'ops' } }, false],
    ['too late', { currentTime: new Date('2027-01-01T00:00:00Z') }, false],
  ] as Array<[string, Record<string, unknown>, boolean]>)('%s', (_name, change, allowed) => {
    const context = requestContext({ ...base, ...change });
    expect(ask('kms:Decrypt', '*', { identity: [guarded] }, { context }).allowed).toBe(allowed);
  });

  it('denies when the caller sends no context at all', () => {
    expect(ask('kms:Decrypt', '*', { identity: [guarded] }).allowed).toBe(false);
  });
});

describe('authorize: trust policies', () => {
  const trust = compilePolicy(
    {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`], Service: ['ecs.aliyuncs.com'] } },
        { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:user/intern-*`] } },
      ],
    },
    { policyName: 'trust', policyType: 'AssumeRolePolicy' },
    { kind: 'trust' },
  );
  const assume = (type: 'RAM' | 'Service' | 'Federated', ids: string[]) =>
    authorize({ action: 'sts:AssumeRole', resource: `acs:ram::${ACCOUNT}:role/ops`, principal: { type, ids } }, { identity: [trust], identityPolicyType: 'AssumeRolePolicy' });

  it.each([
    ['a RAM user of the trusted account', 'RAM', [`acs:ram::${ACCOUNT}:root`, `acs:ram::${ACCOUNT}:user/alice`], 'Allow'],
    ['a denied user of the trusted account', 'RAM', [`acs:ram::${ACCOUNT}:root`, `acs:ram::${ACCOUNT}:user/intern-7`], 'ExplicitDeny'],
    ['another account', 'RAM', ['acs:ram::9999999999999999:root'], 'ImplicitDeny'],
    ['the trusted service', 'Service', ['ecs.aliyuncs.com'], 'Allow'],
    ['another service', 'Service', ['fc.aliyuncs.com'], 'ImplicitDeny'],
    ['a federated identity nobody trusted', 'Federated', [`acs:ram::${ACCOUNT}:saml-provider/idp`], 'ImplicitDeny'],
  ] as Array<[string, 'RAM' | 'Service' | 'Federated', string[], string]>)('%s', (_name, type, ids, decision) => {
    const r = assume(type, ids);
    expect(r.decision).toBe(decision);
    if (!r.allowed) expect(r.denied?.PolicyType).toBe('AssumeRolePolicy');
  });

  it('never matches a Principal statement without a request principal', () => {
    expect(authorize({ action: 'sts:AssumeRole', resource: '*' }, { identity: [trust] }).decision).toBe('ImplicitDeny');
  });
});

describe('authorize: policy sets', () => {
  it('accepts a prebuilt set and plain arrays alike', () => {
    const set = compilePolicySet([readUsers, denyAdmin]);
    expect(set.statementCount).toBe(2);
    expect(ask('ram:GetUser', userArn('admin'), { identity: set }).decision).toBe('ExplicitDeny');
    expect(ask('ram:GetUser', userArn('eve'), { identity: set }).decision).toBe('Allow');
  });
});

describe('authorize: toPolicySet', () => {
  it('indexes a one-policy array once, whatever array holds it', () => {
    const p = policy([{ Effect: 'Allow', Action: 'ram:GetUser', Resource: '*' }]);
    expect(toPolicySet([p])).toBe(toPolicySet([p]));
    const pair = [p, readUsers];
    expect(toPolicySet(pair)).toBe(toPolicySet(pair));
    expect(toPolicySet([p, readUsers])).not.toBe(toPolicySet(pair));
  });
});
