import { randomUUID } from 'node:crypto';
import * as $OpenApi from '@alicloud/openapi-client';
import PopCore from '@alicloud/pop-core';
import RamModule, * as $Ram from '@alicloud/ram20150501';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentEncode } from './percent.js';
import { signV1 } from './signature-v1.js';
import { sha256Hex, signV3 } from './signature-v3.js';
import { startTestServer, type TestServer } from './test-support/server.js';

// CommonJS SDKs: Node gives the exports object (class under .default), vitest's interop the class itself.
const RamClient = ((RamModule as unknown as { default?: unknown }).default ?? RamModule) as typeof RamModule.default;
type Ram = InstanceType<typeof RamClient>;

function ramClient(endpoint: string, id: string, secret: string, v1 = false): Ram {
  return new RamClient(new $OpenApi.Config({ accessKeyId: id, accessKeySecret: secret, endpoint, protocol: 'http', regionId: 'cn-hangzhou', ...(v1 ? { signatureAlgorithm: 'v2' } : {}) }));
}

async function sdkError(p: Promise<unknown>): Promise<{ code: string; statusCode: number; data?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; statusCode: number; data?: Record<string, unknown> };
  }
  throw new Error('expected the SDK call to fail');
}

const POLICY = JSON.stringify({
  Version: '1',
  Statement: [
    { Effect: 'Allow', Action: ['ram:List*', 'ram:GetUser'], Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': ['127.0.0.1/32', '::1/128'] } } },
    { Effect: 'Allow', Action: 'ram:DeleteUser', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'true' } } },
    { Effect: 'Allow', Action: 'ram:GetGroup', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } },
    { Effect: 'Deny', Action: 'ram:ListPolicies', Resource: '*' },
  ],
});

describe('official Alibaba Cloud SDKs against Bulwark', () => {
  let t: TestServer;
  let root: Ram;
  let bob: { id: string; secret: string };

  beforeAll(async () => {
    t = await startTestServer();
    root = ramClient(t.endpoint, t.root.accessKeyId, t.root.accessKeySecret);
    await root.createUser(new $Ram.CreateUserRequest({ userName: 'bob', displayName: 'Bob' }));
    await root.createGroup(new $Ram.CreateGroupRequest({ groupName: 'readers', comments: 'read-only from localhost' }));
    const created = await root.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'LocalReadNoMfaDelete', policyDocument: POLICY, description: 'test' }));
    expect(created.body?.policy?.policyName).toBe('LocalReadNoMfaDelete');
    await root.attachPolicyToGroup(new $Ram.AttachPolicyToGroupRequest({ policyType: 'Custom', policyName: 'LocalReadNoMfaDelete', groupName: 'readers' }));
    await root.addUserToGroup(new $Ram.AddUserToGroupRequest({ userName: 'bob', groupName: 'readers' }));
    const key = await root.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'bob' }));
    bob = { id: key.body!.accessKey!.accessKeyId!, secret: key.body!.accessKey!.accessKeySecret! };
    expect(bob.secret).toMatch(/^[A-Za-z0-9]{30}$/);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ram20150501 (V3) creates and reads users as root', async () => {
    const user = await root.getUser(new $Ram.GetUserRequest({ userName: 'bob' }));
    expect(user.body?.user).toMatchObject({ userName: 'bob', displayName: 'Bob' });
    const list = await root.listUsers(new $Ram.ListUsersRequest({}));
    expect(list.body?.users?.user?.map((u: { userName?: string }) => u.userName)).toEqual(['bob']);
    const entities = await root.listEntitiesForPolicy(new $Ram.ListEntitiesForPolicyRequest({ policyType: 'Custom', policyName: 'LocalReadNoMfaDelete' }));
    expect(entities.body?.groups?.group?.map((g: { groupName?: string }) => g.groupName)).toEqual(['readers']);
  });

  it('acts as the RAM user exactly as its policy says (V3)', async () => {
    const asBob = ramClient(t.endpoint, bob.id, bob.secret);
    // Allowed: ram:List* and ram:GetUser from 127.0.0.1.
    expect((await asBob.listUsers(new $Ram.ListUsersRequest({}))).body?.users?.user?.length).toBe(1);
    expect((await asBob.getUser(new $Ram.GetUserRequest({ userName: 'bob' }))).body?.user?.userName).toBe('bob');
    // Not granted at all → implicit deny.
    const create = await sdkError(asBob.createUser(new $Ram.CreateUserRequest({ userName: 'mallory' })));
    expect(create.code).toBe('NoPermission');
    expect(create.statusCode).toBe(403);
    expect(create.data?.AccessDeniedDetail).toMatchObject({ AuthAction: 'ram:CreateUser', NoPermissionType: 'ImplicitDeny', PolicyType: 'AccountLevelIdentityBasedPolicy', AuthPrincipalType: 'SubUser', AuthPrincipalDisplayName: 'bob' });
    // Granted only with MFA: an AccessKey call carries no MFA → denied.
    expect((await sdkError(asBob.deleteUser(new $Ram.DeleteUserRequest({ userName: 'bob' })))).code).toBe('NoPermission');
    // Granted only from 10.0.0.0/8 → denied from 127.0.0.1.
    expect((await sdkError(asBob.getGroup(new $Ram.GetGroupRequest({ groupName: 'readers' })))).code).toBe('NoPermission');
    // Matches the ram:List* allow but an explicit Deny wins.
    const denied = await sdkError(asBob.listPolicies(new $Ram.ListPoliciesRequest({})));
    expect(denied.data?.AccessDeniedDetail).toMatchObject({ NoPermissionType: 'ExplicitDeny' });
  });

  it('lets users manage their own AccessKeys only when the security preference allows it', async () => {
    const asBob = ramClient(t.endpoint, bob.id, bob.secret);
    const own = () => asBob.getAccessKeyLastUsed(new $Ram.GetAccessKeyLastUsedRequest({ userAccessKeyId: bob.id }));
    expect((await sdkError(own())).code).toBe('NoPermission');
    await root.setSecurityPreference(new $Ram.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: true }));
    expect((await own()).statusCode).toBe(200);
    // only its own: acting on another user still needs a policy
    expect((await sdkError(asBob.getAccessKeyLastUsed(new $Ram.GetAccessKeyLastUsedRequest({ userName: 'carol', userAccessKeyId: bob.id })))).code).toBe('NoPermission');
    await root.setSecurityPreference(new $Ram.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: false }));
    expect((await sdkError(own())).code).toBe('NoPermission');
  });

  it('openapi-client with signatureAlgorithm v2 (V1 signature) works the same', async () => {
    const asBobV1 = ramClient(t.endpoint, bob.id, bob.secret, true);
    expect((await asBobV1.getUser(new $Ram.GetUserRequest({ userName: 'bob' }))).body?.user?.userName).toBe('bob');
    expect((await sdkError(asBobV1.createUser(new $Ram.CreateUserRequest({ userName: 'x' })))).code).toBe('NoPermission');
    const rootV1 = ramClient(t.endpoint, t.root.accessKeyId, t.root.accessKeySecret, true);
    const u = await rootV1.createUser(new $Ram.CreateUserRequest({ userName: 'carol', comments: 'spaces & symbols *()~' }));
    expect(u.body?.user?.comments).toBe('spaces & symbols *()~');
  });

  it('pop-core (V1) works with GET and POST', async () => {
    const client = new PopCore({ accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret, endpoint: `http://${t.endpoint}`, apiVersion: '2015-05-01' });
    const viaGet = (await client.request('GetUser', { UserName: 'bob' }, { method: 'GET' })) as { User: { UserName: string } };
    expect(viaGet.User.UserName).toBe('bob');
    const viaPost = (await client.request('CreateGroup', { GroupName: 'writers', Comments: 'posted' }, { method: 'POST' })) as { Group: { GroupName: string } };
    expect(viaPost.Group.GroupName).toBe('writers');
    const bad = new PopCore({ accessKeyId: t.root.accessKeyId, accessKeySecret: 'wrong-secret', endpoint: `http://${t.endpoint}`, apiVersion: '2015-05-01' });
    await expect(bad.request('GetUser', { UserName: 'bob' }, { method: 'GET' })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  describe('rejections with Alibaba codes', () => {
    function v1Params(id: string, extra: Record<string, string>): Record<string, string> {
      return { Action: 'GetUser', Version: '2015-05-01', Format: 'JSON', AccessKeyId: id, SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: randomUUID(), Timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), UserName: 'bob', ...extra };
    }
    async function sendV1(params: Record<string, string>, secret: string): Promise<{ status: number; body: Record<string, unknown> }> {
      const signed = { ...params, Signature: signV1('GET', params, secret) };
      const qs = Object.entries(signed).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
      const res = await fetch(`http://${t.endpoint}/?${qs}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }

    it('accepts a well-signed request once and rejects its replay', async () => {
      const params = v1Params(t.root.accessKeyId, {});
      const first = await sendV1(params, t.root.accessKeySecret);
      expect(first.status).toBe(200);
      const replay = await sendV1(params, t.root.accessKeySecret);
      expect(replay).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } });
    });

    it('rejects a skewed timestamp, a wrong secret, an unknown key and a malformed time', async () => {
      const old = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
      expect((await sendV1(v1Params(t.root.accessKeyId, { Timestamp: old }), t.root.accessKeySecret)).body.Code).toBe('InvalidTimeStamp.Expired');
      expect((await sendV1(v1Params(t.root.accessKeyId, { Timestamp: 'yesterday' }), t.root.accessKeySecret)).body.Code).toBe('InvalidTimeStamp.Format');
      expect((await sendV1(v1Params(t.root.accessKeyId, {}), 'not-the-secret')).body.Code).toBe('SignatureDoesNotMatch');
      expect(await sendV1(v1Params('LTAInotarealkey000000000', {}), 'x')).toMatchObject({ status: 404, body: { Code: 'InvalidAccessKeyId.NotFound' } });
    });

    it('rejects a V3 request whose body was changed after signing', async () => {
      const body = 'UserName=bob';
      const headers: Record<string, string> = {
        host: t.endpoint,
        'content-type': 'application/x-www-form-urlencoded',
        'x-acs-action': 'GetUser',
        'x-acs-version': '2015-05-01',
        'x-acs-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        'x-acs-signature-nonce': randomUUID(),
        'x-acs-content-sha256': sha256Hex(body),
      };
      const signedHeaders = Object.keys(headers).sort();
      const signature = signV3({ method: 'POST', path: '/', query: {}, headers, signedHeaders, payloadHash: sha256Hex(body) }, t.root.accessKeySecret);
      const authorization = `ACS3-HMAC-SHA256 Credential=${t.root.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
      const tampered = await fetch(`http://${t.endpoint}/`, { method: 'POST', headers: { ...headers, authorization }, body: 'UserName=root' });
      expect(((await tampered.json()) as { Code: string }).Code).toBe('SignatureDoesNotMatch');
      const honest = await fetch(`http://${t.endpoint}/`, { method: 'POST', headers: { ...headers, 'x-acs-signature-nonce': randomUUID(), authorization: authorization }, body });
      // Same signature with a new nonce no longer matches (the nonce is signed): proves headers are covered too.
      expect(((await honest.json()) as { Code: string }).Code).toBe('SignatureDoesNotMatch');
    });

    it('rejects an inactive AccessKey', async () => {
      const key = await root.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' }));
      const id = key.body!.accessKey!.accessKeyId!;
      const secret = key.body!.accessKey!.accessKeySecret!;
      await root.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'carol', userAccessKeyId: id, status: 'Inactive' }));
      const err = await sdkError(ramClient(t.endpoint, id, secret).listUsers(new $Ram.ListUsersRequest({})));
      expect(err.code).toBe('InvalidAccessKeyId.Inactive');
      await root.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'carol', userAccessKeyId: id, status: 'Active' }));
      // Active again: authentication passes and authorization decides (carol has no policies).
      expect((await sdkError(ramClient(t.endpoint, id, secret).listUsers(new $Ram.ListUsersRequest({})))).code).toBe('NoPermission');
    });

    it('audits every call, allowed, denied or failed, without secrets', async () => {
      const records = await t.server.platform.audit.list({ accountId: t.root.accountId, limit: 1000 });
      const names = records.map((r) => `${r.event.eventName}:${r.event.errorCode ?? 'ok'}`);
      expect(names).toContain('CreateUser:NoPermission');
      expect(names).toContain('GetUser:SignatureDoesNotMatch');
      expect(names).toContain('GetUser:SignatureNonceUsed');
      expect(names).toContain('CreateAccessKey:ok');
      expect(JSON.stringify(records)).not.toContain(bob.secret);
      expect(JSON.stringify(records)).not.toContain(t.root.accessKeySecret);
    });
  });
});
