import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initAccount } from '../../iam/bootstrap.js';
import { encodeDiagnosticMessage } from '../../iam/diagnostic.js';
import type { IamTables } from '../../iam/tables.js';
import { base32Decode, hotp, timeStep } from '../../iam/totp.js';
import { buildApp } from '../../server/app.js';
import type { Platform } from '../../server/platform.js';
import { openTestPlatform, testDialects } from '../test-support/iam-fixture.js';
import { callRpc, signedClient, type AccessKey } from '../test-support/signed-client.js';
import { RAM_ACTIONS } from './registry.js';

/**
 * Tenant isolation: account A's root calls EVERY registered RAM action with parameters naming
 * account B's entities. Nothing of B may be read (no B id, name-only marker or secret in any
 * response) and nothing of B may change (B's rows are identical before and after).
 */
const MARK = 'BMARK7q';
const IDENTITY_DOC = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }] });

let dispose: () => Promise<void>;
let platform: Platform;
let app: FastifyInstance;
let rootA: AccessKey;
let rootB: AccessKey & { accountId: string };
const secretsOfB: string[] = [];
const params: Record<string, string> = {};

/** Every row of account B in every IAM table (last-use bookkeeping of keys excluded). */
async function snapshotB(): Promise<string> {
  const db = platform.storage.db<IamTables>() as Kysely<IamTables>;
  const id = rootB.accountId;
  const policyIds = (await db.selectFrom('iam_policies').select('id').where('account_id', '=', id).execute()).map((p) => p.id);
  const state = {
    account: await db.selectFrom('iam_accounts').selectAll().where('id', '=', id).execute(),
    users: await db.selectFrom('iam_users').selectAll().where('account_id', '=', id).orderBy('id').execute(),
    groups: await db.selectFrom('iam_groups').selectAll().where('account_id', '=', id).orderBy('id').execute(),
    members: await db.selectFrom('iam_group_members').selectAll().where('account_id', '=', id).orderBy('user_id').execute(),
    roles: await db.selectFrom('iam_roles').selectAll().where('account_id', '=', id).orderBy('id').execute(),
    policies: await db.selectFrom('iam_policies').selectAll().where('account_id', '=', id).orderBy('id').execute(),
    versions: policyIds.length ? await db.selectFrom('iam_policy_versions').selectAll().where('policy_id', 'in', policyIds).orderBy('version_id').execute() : [],
    attachments: await db.selectFrom('iam_attachments').selectAll().where('account_id', '=', id).orderBy('policy_id').execute(),
    keys: await db.selectFrom('iam_access_keys').select(['id', 'user_id', 'secret_sealed', 'status', 'created_at', 'updated_at']).where('account_id', '=', id).orderBy('id').execute(),
    profiles: await db.selectFrom('iam_login_profiles').selectAll().where('account_id', '=', id).execute(),
    mfa: await db.selectFrom('iam_mfa_devices').selectAll().where('account_id', '=', id).execute(),
    settings: await db.selectFrom('iam_settings').selectAll().where('account_id', '=', id).orderBy('name').execute(),
    tags: await db.selectFrom('iam_tags').selectAll().where('account_id', '=', id).orderBy('resource_id').orderBy('tag_key').execute(),
  };
  return JSON.stringify(state);
}

async function setUp(dialect: 'sqlite' | 'postgres'): Promise<void> {
  secretsOfB.length = 0;
  ({ platform, dispose } = await openTestPlatform(dialect));
  app = await buildApp({ platform });
  rootA = await initAccount(platform);
  rootB = await initAccount(platform, { additional: true });
  const b = signedClient(app, rootB);
  await signedClient(app, rootA).ok('CreateUser', { UserName: 'a-user' });

  // account B: one entity of every kind, each carrying a marker A must never see
  const user = (await b.ok('CreateUser', { UserName: 'b-user', DisplayName: `${MARK}-display`, Comments: `${MARK}-comments`, Email: 'b@example.com' })).User as { UserId: string };
  const group = (await b.ok('CreateGroup', { GroupName: 'b-group', Comments: `${MARK}-group` })).Group as { GroupId: string };
  await b.ok('AddUserToGroup', { GroupName: 'b-group', UserName: 'b-user' });
  const trust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${rootB.accountId}:root`] } }] });
  const role = (await b.ok('CreateRole', { RoleName: 'b-role', AssumeRolePolicyDocument: trust, Description: `${MARK}-role` })).Role as { RoleId: string };
  await b.ok('CreatePolicy', { PolicyName: 'b-policy', PolicyDocument: IDENTITY_DOC, Description: `${MARK}-policy` });
  await b.ok('CreatePolicyVersion', { PolicyName: 'b-policy', PolicyDocument: IDENTITY_DOC.replace('Describe*', 'List*') });
  await b.ok('AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: 'b-policy', UserName: 'b-user' });
  await b.ok('AttachPolicyToGroup', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', GroupName: 'b-group' });
  await b.ok('AttachPolicyToRole', { PolicyType: 'Custom', PolicyName: 'b-policy', RoleName: 'b-role' });
  const key = (await b.ok('CreateAccessKey', { UserName: 'b-user' })).AccessKey as { AccessKeyId: string; AccessKeySecret: string };
  await b.ok('CreateLoginProfile', { UserName: 'b-user', Password: 'B-password-0001!', PasswordResetRequired: 'true' });
  const mfa = (await b.ok('CreateVirtualMFADevice', { VirtualMFADeviceName: 'b-mfa' })).VirtualMFADevice as { SerialNumber: string; Base32StringSeed: string };
  const seed = base32Decode(mfa.Base32StringSeed)!;
  const step = timeStep(Date.now());
  await b.ok('BindMFADevice', { UserName: 'b-user', SerialNumber: mfa.SerialNumber, AuthenticationCode1: hotp(seed, step - 1), AuthenticationCode2: hotp(seed, step) });
  await b.ok('CreateVirtualMFADevice', { VirtualMFADeviceName: 'b-spare' });
  for (const [type, name] of [['user', 'b-user'], ['role', 'b-role'], ['policy', 'b-policy']] as const) {
    await b.ok('TagResources', { ResourceType: type, 'ResourceNames.1': name, 'Tag.1.Key': `${MARK}-key`, 'Tag.1.Value': `${MARK}-value` });
  }
  await b.ok('SetAccountAlias', { AccountAlias: 'b-alias-7q' });
  await b.ok('SetPasswordPolicy', { MinimumPasswordLength: '17', RequireSymbols: 'true' });
  await b.ok('SetSecurityPreference', { AllowUserToManageAccessKeys: 'true', LoginNetworkMasks: '10.77.0.0/16' });

  secretsOfB.push(rootB.accountId, rootB.accessKeyId, rootB.accessKeySecret, user.UserId, group.GroupId, role.RoleId, key.AccessKeyId, key.AccessKeySecret, mfa.Base32StringSeed, MARK, 'b-alias-7q', '10.77.0.0/16');
  Object.assign(params, {
    UserName: 'b-user',
    GroupName: 'b-group',
    RoleName: 'b-role',
    PolicyName: 'b-policy',
    PolicyType: 'Custom',
    UserAccessKeyId: key.AccessKeyId,
    Status: 'Inactive',
    VersionId: 'v2',
    SerialNumber: mfa.SerialNumber,
    // valid codes for B's spare device would not help A either; these are B's real current codes
    AuthenticationCode1: hotp(seed, step),
    AuthenticationCode2: hotp(seed, step + 1),
    VirtualMFADeviceName: 'b-mfa',
    PolicyDocument: IDENTITY_DOC,
    AssumeRolePolicyDocument: trust,
    SetAsDefault: 'true',
    CascadingDelete: 'true',
    NewDescription: 'changed by A',
    NewComments: 'changed by A',
    NewAssumeRolePolicyDocument: trust,
    NewMaxSessionDuration: '7200',
    Password: 'A-password-0001!',
    OldPassword: 'B-password-0001!',
    NewPassword: 'A-password-0002!',
    ResourceType: 'user',
    'ResourceNames.1': 'b-user',
    'Tag.1.Key': 'probe',
    'Tag.1.Value': 'a',
    'TagKeys.1': `${MARK}-key`,
    All: 'true',
    AccountAlias: 'b-alias-7q',
    EncodedDiagnosticMessage: encodeDiagnosticMessage(platform.sealer, rootB.accountId, {
      AuthAction: 'ram:GetUser',
      AuthResource: `acs:ram::${rootB.accountId}:user/b-user`,
      ExplicitDeny: false,
      NoPermissionPolicyType: 'ImplicitDeny',
      AuthPrincipal: { AuthPrincipalType: 'SubUser', AuthPrincipalOwnerId: rootB.accountId, AuthPrincipalDisplayName: `${MARK}-principal` },
      AuthConditions: [],
      MatchedPolicies: [],
    }),
  });
}

/** Actions that act on the caller's own account (or create in it) and so may succeed for A. */
const MAY_SUCCEED = new Set([
  'ListUsers', 'ListGroups', 'ListRoles', 'ListPolicies', 'ListVirtualMFADevices', 'ListTagResources',
  'GetPasswordPolicy', 'SetPasswordPolicy', 'GetSecurityPreference', 'SetSecurityPreference', 'GetAccountAlias',
  'CreateUser', 'CreateGroup', 'CreateRole', 'CreatePolicy', 'CreateVirtualMFADevice',
]);
/** Account-level failures that are not "not found" but still refuse: A can't take B's alias, root has no password. */
const OTHER_REFUSALS: Record<string, string> = { SetAccountAlias: 'EntityAlreadyExists.AccountAlias', ChangePassword: 'NotSupported.Principal', ClearAccountAlias: 'EntityNotExist.AccountAlias', DecodeDiagnosticMessage: 'InvalidParameter' };

/** Extra calls for actions whose other targets can be named too. */
function variants(action: string): Array<Record<string, string>> {
  const base = { ...params };
  if (['TagResources', 'UntagResources', 'ListTagResources'].includes(action)) {
    return [base, { ...base, ResourceType: 'role', 'ResourceNames.1': 'b-role' }, { ...base, ResourceType: 'policy', 'ResourceNames.1': 'b-policy' }];
  }
  if (['UpdateAccessKey', 'DeleteAccessKey', 'GetAccessKeyLastUsed'].includes(action)) {
    const { UserName: _u, ...noUser } = base;
    return [base, { ...noUser, UserAccessKeyId: rootB.accessKeyId }, { ...noUser }];
  }
  // A's own user paired with B's group, policy or device
  if (['AddUserToGroup', 'RemoveUserFromGroup', 'AttachPolicyToUser', 'DetachPolicyFromUser', 'BindMFADevice'].includes(action)) return [base, { ...base, UserName: 'a-user' }];
  if (action === 'DeleteVirtualMFADevice') return [base, { ...base, SerialNumber: `acs:ram::${rootB.accountId}:mfa/b-spare` }];
  return [base];
}

describe.each(testDialects())('tenant isolation across every RAM action (%s)', (dialect) => {
  beforeAll(() => setUp(dialect), 60_000);
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it('registers all 66 RAM actions of the SDK', () => {
    expect(new Set(RAM_ACTIONS.map((a) => a.action)).size).toBe(66);
  });

  it("never lets account A read or change account B's entities", async () => {
    const before = await snapshotB();
    // creating actions run last (top-level entities at the very end), so no lookup can hit an A entity named like B's
    const rank = (action: string) => (MAY_SUCCEED.has(action) && action.startsWith('Create') ? 2 : action.startsWith('Create') ? 1 : 0);
    const ordered = [...RAM_ACTIONS].sort((x, y) => rank(x.action) - rank(y.action));
    const outcomes: string[] = [];
    for (const def of ordered) {
      for (const p of variants(def.action)) {
        const r = await callRpc(app, rootA, def.action, p);
        const text = JSON.stringify(r.body);
        const code = String(r.body.Code ?? 'OK');
        outcomes.push(`${def.action}:${code}`);
        // echoing a value A itself sent (an id in an error message) reveals nothing; anything else of B does
        const sent = Object.values(p).join('\n');
        for (const secret of secretsOfB.filter((x) => !sent.includes(x))) expect(text, `${def.action} leaked "${secret}": ${text}`).not.toContain(secret);
        expect(r.status, `${def.action} failed unexpectedly: ${text}`).toBeLessThan(500);
        if (MAY_SUCCEED.has(def.action)) continue;
        expect(r.status, `${def.action} succeeded on B's entities: ${text}`).not.toBe(200);
        const expected = OTHER_REFUSALS[def.action];
        if (expected) expect(code, def.action).toBe(expected);
        else expect(code, `${def.action} → ${text}`).toMatch(/^EntityNotExist\./);
      }
    }
    expect(outcomes.length).toBeGreaterThanOrEqual(66);
    expect(await snapshotB()).toBe(before);
  });

  it('keeps passwords, TOTP seeds and codes out of the audit trail', async () => {
    const rows = await platform.storage.db<{ audit_events: Record<string, unknown> }>().selectFrom('audit_events').selectAll().execute();
    const trail = JSON.stringify(rows);
    expect(trail).toContain('CreateLoginProfile');
    expect(trail).toContain('BindMFADevice');
    for (const secret of ['B-password-0001!', 'A-password-0002!', rootB.accessKeySecret, ...secretsOfB.filter((x) => x.length === 32 && /^[A-Z2-7]+$/.test(x))]) {
      expect(trail).not.toContain(secret);
    }
    // six-digit codes could occur by chance elsewhere: check the parameters themselves
    const binds = rows.filter((r) => r.event_name === 'BindMFADevice').map((r) => JSON.parse(String(r.body)) as { requestParameters?: Record<string, string> });
    expect(binds.length).toBeGreaterThan(0);
    for (const b of binds) expect([b.requestParameters?.AuthenticationCode1, b.requestParameters?.AuthenticationCode2]).toEqual(['[REDACTED]', '[REDACTED]']);
  });

  it('still serves B its own entities afterwards', async () => {
    const b = signedClient(app, rootB);
    expect(((await b.ok('GetUser', { UserName: 'b-user' })).User as { DisplayName: string }).DisplayName).toBe(`${MARK}-display`);
    expect((await b.ok('GetUserMFAInfo', { UserName: 'b-user' })).MFADevice).toMatchObject({ Type: 'VMFA' });
    expect((await b.ok('GetAccountAlias')).AccountAlias).toBe('b-alias-7q');
    expect(((await b.ok('GetPasswordPolicy')).PasswordPolicy as { MinimumPasswordLength: number }).MinimumPasswordLength).toBe(17);
    const tags = (await b.ok('ListTagResources', { ResourceType: 'role' })).TagResources as Array<{ ResourceName: string }>;
    expect(tags.map((t) => t.ResourceName)).toEqual(['b-role']);
  });
});
