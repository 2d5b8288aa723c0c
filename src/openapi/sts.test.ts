import * as $OpenApi from '@alicloud/openapi-client';
import RamModule, * as $Ram from '@alicloud/ram20150501';
import StsModule, * as $Sts from '@alicloud/sts20150401';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StsTables } from '../sts/tables.js';
import { startTestServer, type TestServer } from './test-support/server.js';

const RamClient = ((RamModule as unknown as { default?: unknown }).default ?? RamModule) as typeof RamModule.default;
const StsClient = ((StsModule as unknown as { default?: unknown }).default ?? StsModule) as typeof StsModule.default;
type Ram = InstanceType<typeof RamClient>;
type Sts = InstanceType<typeof StsClient>;

interface Creds {
  id: string;
  secret: string;
  token?: string;
}

function config(endpoint: string, c: Creds, v1: boolean): $OpenApi.Config {
  return new $OpenApi.Config({ accessKeyId: c.id, accessKeySecret: c.secret, ...(c.token ? { securityToken: c.token } : {}), endpoint, protocol: 'http', regionId: 'cn-hangzhou', ...(v1 ? { signatureAlgorithm: 'v2' } : {}) });
}
const ram = (endpoint: string, c: Creds, v1 = false): Ram => new RamClient(config(endpoint, c, v1));
const sts = (endpoint: string, c: Creds, v1 = false): Sts => new StsClient(config(endpoint, c, v1));

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('expected a failure');
}

describe('STS AssumeRole with the official SDKs', () => {
  let t: TestServer;
  let root: Ram;
  let bob: Creds;
  let roleArn: string;

  beforeAll(async () => {
    t = await startTestServer();
    const rootCreds = { id: t.root.accessKeyId, secret: t.root.accessKeySecret };
    root = ram(t.endpoint, rootCreds);
    const trust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${t.root.accountId}:root`] } }] });
    const role = await root.createRole(new $Ram.CreateRoleRequest({ roleName: 'Reader', assumeRolePolicyDocument: trust, maxSessionDuration: 3600 }));
    roleArn = role.body!.role!.arn!;
    await root.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess', roleName: 'Reader' }));
    await root.createUser(new $Ram.CreateUserRequest({ userName: 'bob' }));
    await root.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'bob' }));
    const key = await root.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'bob' }));
    bob = { id: key.body!.accessKey!.accessKeyId!, secret: key.body!.accessKey!.accessKeySecret! };
  });
  afterAll(async () => {
    await t?.close();
  });

  async function assume(as: Creds, extra: Partial<{ policy: string; durationSeconds: number; roleArn: string }> = {}, v1 = false): Promise<Creds> {
    const r = await sts(t.endpoint, as, v1).assumeRole(new $Sts.AssumeRoleRequest({ roleArn, roleSessionName: 'ci-session', ...extra }));
    const c = r.body!.credentials!;
    expect(c.accessKeyId).toMatch(/^STS\./);
    expect(r.body!.assumedRoleUser!.arn).toBe(`acs:ram::${t.root.accountId}:assumed-role/reader/ci-session`);
    return { id: c.accessKeyId!, secret: c.accessKeySecret!, token: c.securityToken! };
  }

  it('issues credentials that act with the role\'s permissions (V3 and V1)', async () => {
    const temp = await assume(bob);
    for (const v1 of [false, true]) {
      const asRole = ram(t.endpoint, temp, v1);
      expect((await asRole.listUsers(new $Ram.ListUsersRequest({}))).body?.users?.user?.map((u: { userName?: string }) => u.userName)).toEqual(['bob']);
      expect(await failure(asRole.createUser(new $Ram.CreateUserRequest({ userName: `x${v1}` })))).toBe('NoPermission');
    }
    const who = await sts(t.endpoint, temp).getCallerIdentity();
    expect(who.body).toMatchObject({ accountId: t.root.accountId, identityType: 'AssumedRoleUser', arn: `acs:ram::${t.root.accountId}:assumed-role/reader/ci-session` });
    const me = await sts(t.endpoint, bob, true).getCallerIdentity();
    expect(me.body).toMatchObject({ identityType: 'RAMUser', arn: `acs:ram::${t.root.accountId}:user/bob` });
  });

  it('intersects a session policy with the role\'s policies', async () => {
    const onlyGetUser = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:GetUser', 'ram:CreateUser'], Resource: '*' }] });
    const temp = await assume(bob, { policy: onlyGetUser });
    const asRole = ram(t.endpoint, temp);
    expect((await asRole.getUser(new $Ram.GetUserRequest({ userName: 'bob' }))).body?.user?.userName).toBe('bob');
    // allowed by the role, not by the session policy
    expect(await failure(asRole.listUsers(new $Ram.ListUsersRequest({})))).toBe('NoPermission');
    // allowed by the session policy, not by the role
    expect(await failure(asRole.createUser(new $Ram.CreateUserRequest({ userName: 'mallory' })))).toBe('NoPermission');
  });

  it('refuses callers without sts:AssumeRole and callers the trust policy does not name', async () => {
    await root.createUser(new $Ram.CreateUserRequest({ userName: 'eve' }));
    const key = await root.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'eve' }));
    const eve = { id: key.body!.accessKey!.accessKeyId!, secret: key.body!.accessKey!.accessKeySecret! };
    expect(await failure(assume(eve))).toBe('NoPermission');
    const otherTrust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1111222233334444:root'] } }] });
    await root.createRole(new $Ram.CreateRoleRequest({ roleName: 'Foreign', assumeRolePolicyDocument: otherTrust }));
    expect(await failure(assume(bob, { roleArn: `acs:ram::${t.root.accountId}:role/foreign` }))).toBe('NoPermission.RoleTrust');
    expect(await failure(assume(bob, { durationSeconds: 7200 }))).toBe('InvalidParameter');
  });

  it('never stores or audits the secret or token in clear', async () => {
    const temp = await assume(bob);
    const rows = await (t.server.platform.storage.db<StsTables>() as Kysely<StsTables>).selectFrom('sts_sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(temp.secret);
    expect(JSON.stringify(rows)).not.toContain(temp.token);
    const trail = JSON.stringify(await t.server.platform.audit.list({ accountId: t.root.accountId, limit: 1000 }));
    expect(trail).toContain('AssumeRole');
    expect(trail).not.toContain(temp.secret);
    expect(trail).not.toContain(temp.token!);
  });
  it('rejects a wrong token, an expired session, and sessions of a role whose trust changed or that was deleted', async () => {
    const temp = await assume(bob);
    expect(await failure(ram(t.endpoint, { ...temp, token: `${temp.token}x` }).listUsers(new $Ram.ListUsersRequest({})))).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    expect(await failure(ram(t.endpoint, { id: temp.id, secret: temp.secret }).listUsers(new $Ram.ListUsersRequest({})))).toBe('MissingSecurityToken');

    const expiring = await assume(bob);
    const db = t.server.platform.storage.db<StsTables>() as Kysely<StsTables>;
    await db.updateTable('sts_sessions').set({ expires_at: '2020-01-01T00:00:00Z' }).where('access_key_id', '=', expiring.id).execute();
    expect(await failure(ram(t.endpoint, expiring).listUsers(new $Ram.ListUsersRequest({})))).toBe('InvalidSecurityToken.Expired');

    const trust2 = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${t.root.accountId}:root`, 'acs:ram::1111222233334444:root'] } }] });
    await root.updateRole(new $Ram.UpdateRoleRequest({ roleName: 'Reader', newAssumeRolePolicyDocument: trust2 }));
    expect(await failure(ram(t.endpoint, temp).listUsers(new $Ram.ListUsersRequest({})))).toBe('InvalidSecurityToken.Malformed');

    const fresh = await assume(bob);
    expect((await ram(t.endpoint, fresh).listUsers(new $Ram.ListUsersRequest({}))).statusCode).toBe(200);
    await root.detachPolicyFromRole(new $Ram.DetachPolicyFromRoleRequest({ policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess', roleName: 'Reader' }));
    await root.deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'Reader' }));
    expect(await failure(ram(t.endpoint, fresh).listUsers(new $Ram.ListUsersRequest({})))).toBe('InvalidSecurityToken.Malformed');
  });

});
