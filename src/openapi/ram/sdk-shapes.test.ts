import * as $OpenApi from '@alicloud/openapi-client';
import PopCore from '@alicloud/pop-core';
import RamModule, * as $Ram from '@alicloud/ram20150501';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep } from '../../iam/totp.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// CommonJS SDK: Node gives the exports object (class under .default), vitest's interop the class itself.
const RamClient = ((RamModule as unknown as { default?: unknown }).default ?? RamModule) as typeof RamModule.default;
type Ram = InstanceType<typeof RamClient>;

async function sdkError(p: Promise<unknown>): Promise<{ code: string; statusCode: number }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; statusCode: number };
  }
  throw new Error('expected the SDK call to fail');
}

const TRUST = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }] });

/** The SDK only fills model fields whose JSON keys match its `names()` maps: these tests read them back. */
describe('RAM groups, roles, login profiles, MFA, settings and tags through the official SDKs', () => {
  let t: TestServer;
  let ram: Ram;
  let pop: PopCore;

  beforeAll(async () => {
    t = await startTestServer();
    ram = new RamClient(new $OpenApi.Config({ accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret, endpoint: t.endpoint, protocol: 'http', regionId: 'cn-hangzhou' }));
    pop = new PopCore({ accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret, endpoint: `http://${t.endpoint}`, apiVersion: '2015-05-01' });
    await ram.createUser(new $Ram.CreateUserRequest({ userName: 'alice', displayName: 'Alice' }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('groups (V3)', async () => {
    const g = await ram.createGroup(new $Ram.CreateGroupRequest({ groupName: 'dev.team_1', comments: 'devs' }));
    expect(g.body?.group).toMatchObject({ groupName: 'dev.team_1', comments: 'devs' });
    expect(g.body?.group?.groupId).toMatch(/^\d{16}$/);
    await ram.addUserToGroup(new $Ram.AddUserToGroupRequest({ groupName: 'dev.team_1', userName: 'alice' }));
    const forUser = await ram.listGroupsForUser(new $Ram.ListGroupsForUserRequest({ userName: 'alice' }));
    expect(forUser.body?.groups?.group?.[0]).toMatchObject({ groupName: 'dev.team_1', comments: 'devs' });
    expect(forUser.body?.groups?.group?.[0]?.joinDate).toMatch(/Z$/);
    const users = await ram.listUsersForGroup(new $Ram.ListUsersForGroupRequest({ groupName: 'dev.team_1' }));
    expect(users.body).toMatchObject({ isTruncated: false, users: { user: [{ userName: 'alice', displayName: 'Alice' }] } });
    const updated = await ram.updateGroup(new $Ram.UpdateGroupRequest({ groupName: 'dev.team_1', newComments: 'all devs' }));
    expect(updated.body?.group?.comments).toBe('all devs');
    expect((await ram.listGroups(new $Ram.ListGroupsRequest({ maxItems: 10 }))).body?.groups?.group?.map((x) => x.groupName)).toEqual(['dev.team_1']);
    const conflict = await sdkError(ram.deleteGroup(new $Ram.DeleteGroupRequest({ groupName: 'dev.team_1' })));
    expect(conflict).toMatchObject({ code: 'DeleteConflict.Group.User', statusCode: 409 });
    await ram.removeUserFromGroup(new $Ram.RemoveUserFromGroupRequest({ groupName: 'dev.team_1', userName: 'alice' }));
    await ram.deleteGroup(new $Ram.DeleteGroupRequest({ groupName: 'dev.team_1' }));
    expect((await sdkError(ram.getGroup(new $Ram.GetGroupRequest({ groupName: 'dev.team_1' })))).code).toBe('EntityNotExist.Group');
  });

  it('roles with tags sent in the V3 "json" list style', async () => {
    const r = await ram.createRole(new $Ram.CreateRoleRequest({ roleName: 'EcsAdmin', assumeRolePolicyDocument: TRUST, description: 'ecs', maxSessionDuration: 7200, tag: [new $Ram.CreateRoleRequestTag({ key: 'env', value: 'prod' })] }));
    expect(r.body?.role).toMatchObject({ roleName: 'EcsAdmin', arn: expect.stringMatching(/^acs:ram::\d{16}:role\/ecsadmin$/), maxSessionDuration: 7200, assumeRolePolicyDocument: TRUST });
    const listed = await ram.listRoles(new $Ram.ListRolesRequest({ tag: [new $Ram.ListRolesRequestTag({ key: 'env', value: 'prod' })] }));
    expect(listed.body?.roles?.role?.[0]).toMatchObject({ roleName: 'EcsAdmin', tags: { tag: [{ tagKey: 'env', tagValue: 'prod' }] } });
    const got = await ram.getRole(new $Ram.GetRoleRequest({ roleName: 'EcsAdmin' }));
    expect(got.body?.role?.description).toBe('ecs');
    const upd = await ram.updateRole(new $Ram.UpdateRoleRequest({ roleName: 'EcsAdmin', newMaxSessionDuration: 3600 }));
    expect(upd.body?.role?.maxSessionDuration).toBe(3600);
    expect((await sdkError(ram.createRole(new $Ram.CreateRoleRequest({ roleName: 'Bad', assumeRolePolicyDocument: TRUST, maxSessionDuration: 100 })))).code).toBe('InvalidParameter');

    await ram.tagResources(new $Ram.TagResourcesRequest({ resourceType: 'role', resourceNames: ['EcsAdmin'], tag: [new $Ram.TagResourcesRequestTag({ key: 'team', value: 'infra' })] }));
    const tags = await ram.listTagResources(new $Ram.ListTagResourcesRequest({ resourceType: 'role', resourceNames: ['EcsAdmin'] }));
    expect(tags.body?.tagResources?.map((x) => `${x.resourceName}:${x.tagKey}=${x.tagValue}`)).toEqual(['EcsAdmin:env=prod', 'EcsAdmin:team=infra']);
    await ram.untagResources(new $Ram.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['EcsAdmin'], tagKeys: ['env'] }));
    const after = await ram.listTagResources(new $Ram.ListTagResourcesRequest({ resourceType: 'role' }));
    expect(after.body?.tagResources?.map((x) => x.tagKey)).toEqual(['team']);
    await ram.deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'EcsAdmin' }));
  });

  it('custom policies carry tags: CreatePolicy Tag, ListPolicies Tag filter and Tags', async () => {
    const doc = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }] });
    await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'tagged', policyDocument: doc, tag: [new $Ram.CreatePolicyRequestTag({ key: 'owner', value: 'sec' })] }));
    await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'untagged', policyDocument: doc }));
    const filtered = await ram.listPolicies(new $Ram.ListPoliciesRequest({ tag: [new $Ram.ListPoliciesRequestTag({ key: 'owner', value: 'sec' })], maxItems: 1 }));
    expect(filtered.body?.policies?.policy?.map((p) => p.policyName)).toEqual(['tagged']);
    expect(filtered.body?.policies?.policy?.[0]?.tags?.tag).toEqual([expect.objectContaining({ tagKey: 'owner', tagValue: 'sec' })]);
    const custom = await ram.listPolicies(new $Ram.ListPoliciesRequest({ policyType: 'Custom' }));
    expect(custom.body?.policies?.policy?.map((p) => p.policyName)).toEqual(['tagged', 'untagged']);
  });

  it('tags sent flattened by pop-core (V1)', async () => {
    await pop.request('TagResources', { ResourceType: 'user', 'ResourceNames.1': 'alice', 'Tag.1.Key': 'cost', 'Tag.1.Value': 'cc1' }, { method: 'POST' });
    const r = (await pop.request('ListTagResources', { ResourceType: 'user', 'Tag.1.Key': 'cost' }, { method: 'GET' })) as { TagResources: Array<{ ResourceName: string; TagValue: string }> };
    expect(r.TagResources).toEqual([{ ResourceType: 'user', ResourceName: 'alice', TagKey: 'cost', TagValue: 'cc1' }]);
    await pop.request('UntagResources', { ResourceType: 'user', 'ResourceNames.1': 'alice', All: 'true' }, { method: 'POST' });
  });

  it('password policy, login profile and security preference', async () => {
    const set = await ram.setPasswordPolicy(new $Ram.SetPasswordPolicyRequest({ minimumPasswordLength: 12, requireNumbers: true, maxLoginAttemps: 3 }));
    expect(set.body?.passwordPolicy).toMatchObject({ minimumPasswordLength: 12, requireNumbers: true, requireSymbols: false, maxLoginAttemps: 3, maxPasswordAge: 0 });
    expect((await ram.getPasswordPolicy()).body?.passwordPolicy?.minimumPasswordLength).toBe(12);
    const weak = await sdkError(ram.createLoginProfile(new $Ram.CreateLoginProfileRequest({ userName: 'alice', password: 'short1' })));
    expect(weak).toMatchObject({ code: 'InvalidParameter.PasswordPolicy', statusCode: 400 });
    const lp = await ram.createLoginProfile(new $Ram.CreateLoginProfileRequest({ userName: 'alice', password: 'long-enough-1', passwordResetRequired: true, MFABindRequired: true }));
    expect(lp.body?.loginProfile).toMatchObject({ userName: 'alice', passwordResetRequired: true, MFABindRequired: true });
    await ram.updateLoginProfile(new $Ram.UpdateLoginProfileRequest({ userName: 'alice', passwordResetRequired: false }));
    expect((await ram.getLoginProfile(new $Ram.GetLoginProfileRequest({ userName: 'alice' }))).body?.loginProfile).toMatchObject({ passwordResetRequired: false, MFABindRequired: true });
    await ram.deleteLoginProfile(new $Ram.DeleteLoginProfileRequest({ userName: 'alice' }));

    const pref = await ram.setSecurityPreference(new $Ram.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: true, loginSessionDuration: 8, loginNetworkMasks: '10.0.0.0/8;192.168.0.0/16' }));
    expect(pref.body?.securityPreference).toMatchObject({
      accessKeyPreference: { allowUserToManageAccessKeys: true },
      loginProfilePreference: { loginSessionDuration: 8, loginNetworkMasks: '10.0.0.0/8;192.168.0.0/16', allowUserToChangePassword: true },
      MFAPreference: { allowUserToManageMFADevices: true },
      publicKeyPreference: { allowUserToManagePublicKeys: false },
    });
    expect((await ram.getSecurityPreference()).body?.securityPreference?.loginProfilePreference?.loginSessionDuration).toBe(8);
  });

  it('virtual MFA devices', async () => {
    const created = await ram.createVirtualMFADevice(new $Ram.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: 'alice-phone' }));
    const device = created.body!.virtualMFADevice!;
    expect(device.serialNumber).toBe(`acs:ram::${t.root.accountId}:mfa/alice-phone`);
    expect(Buffer.from(device.QRCodePNG!, 'base64').toString()).toContain(`secret=${device.base32StringSeed}`);
    const seed = base32Decode(device.base32StringSeed!)!;
    const step = timeStep(Date.now());
    await ram.bindMFADevice(new $Ram.BindMFADeviceRequest({ userName: 'alice', serialNumber: device.serialNumber, authenticationCode1: hotp(seed, step - 1), authenticationCode2: hotp(seed, step) }));
    expect((await ram.getUserMFAInfo(new $Ram.GetUserMFAInfoRequest({ userName: 'alice' }))).body?.MFADevice).toMatchObject({ serialNumber: device.serialNumber, type: 'VMFA' });
    const list = await ram.listVirtualMFADevices();
    expect(list.body?.virtualMFADevices?.virtualMFADevice?.[0]).toMatchObject({ serialNumber: device.serialNumber, user: { userName: 'alice' } });
    expect((await ram.unbindMFADevice(new $Ram.UnbindMFADeviceRequest({ userName: 'alice' }))).body?.MFADevice?.serialNumber).toBe(device.serialNumber);
    await ram.deleteVirtualMFADevice(new $Ram.DeleteVirtualMFADeviceRequest({ serialNumber: device.serialNumber }));
  });

  it('account alias and diagnostic messages', async () => {
    expect((await ram.getAccountAlias()).body?.accountAlias).toBe(t.root.accountId);
    await ram.setAccountAlias(new $Ram.SetAccountAliasRequest({ accountAlias: 'acme-prod' }));
    expect((await ram.getAccountAlias()).body?.accountAlias).toBe('acme-prod');
    expect((await sdkError(ram.setAccountAlias(new $Ram.SetAccountAliasRequest({ accountAlias: '-bad--alias' })))).code).toBe('InvalidParameter');
    await ram.clearAccountAlias();
    expect((await sdkError(ram.clearAccountAlias())).code).toBe('EntityNotExist.AccountAlias');
    expect((await sdkError(ram.decodeDiagnosticMessage(new $Ram.DecodeDiagnosticMessageRequest({ encodedDiagnosticMessage: 'AQEAAAAAZBgxr0U1' })))).code).toBe('InvalidParameter');
  });

  it('a NoPermission error carries an EncodedDiagnosticMessage that the account decodes', async () => {
    await ram.createUser(new $Ram.CreateUserRequest({ userName: 'dave' }));
    const key = (await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'dave' }))).body!.accessKey!;
    const dave = new RamClient(new $OpenApi.Config({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, endpoint: t.endpoint, protocol: 'http', regionId: 'cn-hangzhou' }));
    const denied = (await sdkError(dave.getRole(new $Ram.GetRoleRequest({ roleName: 'anything' })))) as { code: string; data?: { AccessDeniedDetail?: { EncodedDiagnosticMessage?: string } } };
    expect(denied.code).toBe('NoPermission');
    const encoded = denied.data?.AccessDeniedDetail?.EncodedDiagnosticMessage;
    expect(encoded).toMatch(/^bw1\./);
    const decoded = await ram.decodeDiagnosticMessage(new $Ram.DecodeDiagnosticMessageRequest({ encodedDiagnosticMessage: encoded }));
    expect(decoded.body?.decodedDiagnosticMessage).toMatchObject({
      authAction: 'ram:GetRole',
      authResource: `acs:ram::${t.root.accountId}:role/anything`,
      explicitDeny: false,
      authPrincipal: { authPrincipalType: 'SubUser', authPrincipalDisplayName: 'dave', authPrincipalOwnerId: t.root.accountId },
    });
  });
});
