import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualMFADevice } from '../iam/mfa-devices.js';
import { base32Decode, hotp, timeStep } from '../iam/totp.js';
import type { Platform } from '../server/platform.js';
import { guardOutput } from './output.js';
import { consoleStatic } from './static.js';
import { openConsoleApp, type ConsoleTestApp, type Signed } from './test-support/console-app.js';
import { rootContext } from './test-support/root-context.js';

const PASSWORD = 'Correct-Horse-9';

describe('console API', () => {
  let t: ConsoleTestApp;
  let platform: Platform;
  let app: FastifyInstance;
  let accountId: string;

  beforeEach(async () => {
    t = await openConsoleApp();
    ({ platform, app, accountId } = t);
    await t.adminAndReader(PASSWORD);
  });
  afterEach(() => t.close());

  async function signIn(userName: string): Promise<Signed> {
    const s = await t.signIn(userName, PASSWORD);
    expect(s.res.statusCode).toBe(200);
    return s;
  }
  const call = (s: Signed, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse> => t.call(s, method, url, payload);
  const events = async () => (await platform.audit.list({ accountId, limit: 200 })).map((r) => r.event);

  it('runs OpenAPI actions as the session user: same validation, audited as ConsoleOperation in the transaction', async () => {
    const admin = await signIn('admin');
    expect((await call(admin, 'GET', '/ram/users/admin')).json()).toMatchObject({ User: { LastLoginDate: expect.stringMatching(/^\d{4}-.*Z$/) } });
    const created = await call(admin, 'POST', '/ram/users', { UserName: 'carol', DisplayName: 'Carol' });
    expect(created.json()).toMatchObject({ User: { UserName: 'carol', DisplayName: 'Carol' } });
    const audit = (await events()).find((e) => e.eventName === 'CreateUser');
    expect(audit).toMatchObject({ eventType: 'ConsoleOperation', eventSource: 'ram.aliyuncs.com', eventRW: 'Write', userIdentity: { userName: 'admin' }, requestParameters: { UserName: 'carol' } });
    // a bad field is named in the error body
    expect((await call(admin, 'POST', '/ram/users', { UserName: 'bad name' })).json()).toMatchObject({ Code: 'InvalidParameter', Field: 'UserName' });
    // reads are not audited; the list reflects the change
    const before = (await events()).length;
    const list = (await call(admin, 'GET', '/ram/users')).json() as { Users: { User: Array<{ UserName: string }> } };
    expect(list.Users.User.map((u) => u.UserName)).toEqual(['admin', 'carol', 'reader']);
    expect((await events()).length).toBe(before);
    // numbers and booleans in JSON reach the RPC-style schemas
    expect((await call(admin, 'PUT', '/ram/password-policy', { MinimumPasswordLength: 12, RequireNumbers: true })).json()).toMatchObject({ PasswordPolicy: { MinimumPasswordLength: 12, RequireNumbers: true } });
  });

  it('shows an AccessKey secret only in the creation answer and audits a revealed secret value', async () => {
    const admin = await signIn('admin');
    const created = (await call(admin, 'POST', '/ram/users/admin/access-keys')).json() as { AccessKey: { AccessKeyId: string; AccessKeySecret: string } };
    expect(created.AccessKey.AccessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    const listed = await call(admin, 'GET', '/ram/users/admin/access-keys');
    expect(listed.body).not.toContain(created.AccessKey.AccessKeySecret);
    expect(JSON.stringify(await events())).not.toContain(created.AccessKey.AccessKeySecret);

    expect((await call(admin, 'POST', '/kms/secrets', { SecretName: 'db', VersionId: 'v1', SecretData: 's3cr3t-value', SecretDataType: 'text' })).statusCode).toBe(200);
    const revealed = await call(admin, 'POST', '/kms/secrets/db/value', { VersionId: 'v1' });
    expect(revealed.json()).toMatchObject({ SecretData: 's3cr3t-value' });
    const reveal = (await events()).find((e) => e.eventName === 'GetSecretValue');
    expect(reveal).toMatchObject({ eventType: 'ConsoleOperation', userIdentity: { userName: 'admin' } });
    expect(JSON.stringify(await events())).not.toContain('s3cr3t-value');
  });

  it('a read-only user: permissions say so, changes are refused with 403 and the refusal is audited', async () => {
    const reader = await signIn('reader');
    const me = (await call(reader, 'GET', '/me')).json() as { can: Record<string, boolean> };
    expect(me.can['Ram:CreateUser']).toBe(false);
    expect(me.can['Kms:CreateKey']).toBe(false);
    const admin = (await call(await signIn('admin'), 'GET', '/me')).json() as { can: Record<string, boolean> };
    expect(admin.can['Ram:CreateUser']).toBe(true);
    // the product's own changes too, by RAM action
    expect([me.can['bulwark:PutSite'], me.can['bulwark:CreateEventRule'], me.can['bulwark:CreateHostResponse']]).toEqual([false, false, false]);
    expect([admin.can['bulwark:PutSite'], admin.can['bulwark:CreateEventRule'], admin.can['bulwark:CreateHostResponse']]).toEqual([true, true, true]);
    const denied = await call(reader, 'POST', '/ram/users', { UserName: 'mallory' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ Code: 'NoPermission', AccessDeniedDetail: { AuthAction: 'ram:CreateUser' } });
    expect((await events()).find((e) => e.eventName === 'CreateUser')).toMatchObject({ errorCode: 'NoPermission', userIdentity: { userName: 'reader' } });
    expect((await call(reader, 'GET', '/ram/users')).statusCode).toBe(200);
    // the overview shows what the reader may count, and null where it may not
    const overview = (await call(reader, 'GET', '/overview')).json() as { counts: Record<string, number | null>; recentEvents: unknown };
    expect(overview).toMatchObject({ counts: { users: 2, keys: null, secrets: null }, recentEvents: null });
    expect((await call(reader, 'GET', '/audit/events')).statusCode).toBe(403);
  });

  it('offers MFA set-up to a signed-in user without a device, once', async () => {
    const admin = await signIn('admin');
    expect((await call(admin, 'GET', '/me')).json()).toMatchObject({ mfaBound: false, session: { mfa: false } });
    const setup = (await call(admin, 'POST', '/session/mfa/setup')).json() as { serialNumber: string; seed: string; otpauthUri: string };
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const seed = base32Decode(setup.seed)!;
    const step = timeStep(Date.now());
    const bound = await call(admin, 'POST', '/session/mfa/bind', { serialNumber: setup.serialNumber, code1: hotp(seed, step - 1), code2: hotp(seed, step) });
    expect(bound.json()).toMatchObject({ session: { nextStep: 'active', mfa: true } });
    expect((await call(admin, 'GET', '/me')).json()).toMatchObject({ mfaBound: true, session: { mfa: true } });
    expect((await call(admin, 'POST', '/session/mfa/setup')).json()).toMatchObject({ Code: 'Signin.StepNotExpected' });
    expect((await events()).map((e) => e.eventName)).toEqual(expect.arrayContaining(['CreateVirtualMFADevice', 'BindMFADevice']));
  });

  it('requires the CSRF token on changes and re-issues it after a reload', async () => {
    const admin = await signIn('admin');
    const noToken = await app.inject({ method: 'POST', url: '/console/api/ram/groups', headers: { cookie: admin.cookie }, payload: { GroupName: 'ops' } });
    expect(noToken.json()).toMatchObject({ Code: 'Console.CsrfMismatch' });
    const fresh = (await app.inject({ method: 'GET', url: '/console/api/session/csrf', headers: { cookie: admin.cookie } })).json() as { csrfToken: string };
    expect((await call(admin, 'POST', '/ram/groups', { GroupName: 'ops' })).json()).toMatchObject({ Code: 'Console.CsrfMismatch' });
    expect((await call({ ...admin, csrf: fresh.csrfToken }, 'POST', '/ram/groups', { GroupName: 'ops' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/console/api/session/csrf' })).json()).toMatchObject({ Code: 'Console.Unauthenticated' });
  });

  it('every read route answers within its output schema once each kind of resource exists', async () => {
    const admin = await signIn('admin');
    const trust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });
    const doc = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }] });
    const setup: Array<[string, string, object]> = [
      ['/ram/groups', 'POST', { GroupName: 'ops', Comments: 'c' }],
      ['/ram/groups/ops/users', 'POST', { UserName: 'admin' }],
      ['/ram/roles', 'POST', { RoleName: 'app', AssumeRolePolicyDocument: trust }],
      ['/ram/policies', 'POST', { PolicyName: 'P1', PolicyDocument: doc }],
      ['/ram/policies/Custom/P1/versions', 'POST', { PolicyDocument: doc }],
      ['/ram/users/admin/policies', 'POST', { PolicyType: 'Custom', PolicyName: 'P1' }],
      ['/ram/groups/ops/policies', 'POST', { PolicyType: 'Custom', PolicyName: 'P1' }],
      ['/ram/roles/app/policies', 'POST', { PolicyType: 'System', PolicyName: 'ReadOnlyAccess' }],
      ['/kms/secrets', 'POST', { SecretName: 'db', VersionId: 'v1', SecretData: 'x', SecretDataType: 'text' }],
    ];
    for (const [url, method, body] of setup) expect((await call(admin, method as 'POST', url, body)).statusCode, url).toBe(200);
    const key = (await call(admin, 'POST', '/kms/keys', {})).json() as { KeyMetadata: { KeyId: string } };
    const ak = (await call(admin, 'POST', '/ram/users/admin/access-keys')).json() as { AccessKey: { AccessKeyId: string } };
    expect((await call(admin, 'POST', '/kms/aliases', { AliasName: 'alias/a', KeyId: key.KeyMetadata.KeyId })).statusCode).toBe(200);
    const values: Record<string, string> = { UserName: 'admin', GroupName: 'ops', RoleName: 'app', PolicyType: 'Custom', PolicyName: 'P1', VersionId: 'v2', UserAccessKeyId: ak.AccessKey.AccessKeyId, KeyId: key.KeyMetadata.KeyId, SecretName: 'db' };
    const { REST_ACTIONS } = await import('./rest-actions.js');
    const reads = REST_ACTIONS.filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(25);
    for (const route of reads) {
      const res = await call(admin, 'GET', route.path.replace(/:(\w+)/g, (_m, name: string) => values[name]!));
      // a user without an MFA device is the only expected miss
      expect(res.statusCode, `${route.path} ${res.body}`).toBe(route.action === 'GetUserMFAInfo' ? 404 : 200);
    }
  });

  it('every write route takes the bodies the pages send', async () => {
    const admin = await signIn('admin');
    const hit = new Set<string>();
    const send = async (method: 'POST' | 'PUT' | 'DELETE', url: string, body?: object) => {
      const res = await call(admin, method, url, body);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(200);
      const { REST_ACTIONS } = await import('./rest-actions.js');
      const path = url.split('?')[0]!;
      const route = REST_ACTIONS.find((r) => r.method === method && new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(path))!;
      hit.add(`${route.product}:${route.action}`);
      return res.json() as Record<string, Record<string, string>>;
    };
    const trust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });
    const doc = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }] });
    // identity
    await send('POST', '/ram/users', { UserName: 'dave' });
    await send('PUT', '/ram/users/dave', { NewDisplayName: 'Dave', NewEmail: 'dave@example.com', NewComments: '' });
    await send('POST', '/ram/users/dave/login-profile', { Password: 'Dave-Pass-2026', PasswordResetRequired: true, MFABindRequired: false });
    await send('PUT', '/ram/users/dave/login-profile', { PasswordResetRequired: false, MFABindRequired: true });
    await send('DELETE', '/ram/users/dave/login-profile');
    const ak = await send('POST', '/ram/users/dave/access-keys');
    await send('PUT', `/ram/users/dave/access-keys/${ak.AccessKey!.AccessKeyId}`, { Status: 'Inactive' });
    await send('DELETE', `/ram/users/dave/access-keys/${ak.AccessKey!.AccessKeyId}`);
    await send('POST', '/ram/groups', { GroupName: 'ops' });
    await send('PUT', '/ram/groups/ops', { NewComments: 'operators' });
    await send('POST', '/ram/groups/ops/users', { UserName: 'dave' });
    await send('DELETE', '/ram/groups/ops/users/dave');
    await send('POST', '/ram/roles', { RoleName: 'app', AssumeRolePolicyDocument: trust, MaxSessionDuration: 3600 });
    await send('PUT', '/ram/roles/app', { NewAssumeRolePolicyDocument: trust });
    await send('POST', '/ram/policies', { PolicyName: 'P1', PolicyDocument: doc });
    await send('PUT', '/ram/policies/Custom/P1', { NewDescription: 'reads' });
    await send('POST', '/ram/policies/Custom/P1/versions', { PolicyDocument: doc, SetAsDefault: false, RotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded' });
    await send('POST', '/ram/policies/Custom/P1/versions/v2/default');
    await send('DELETE', '/ram/policies/Custom/P1/versions/v1');
    for (const [kind, name] of [['users', 'dave'], ['groups', 'ops'], ['roles', 'app']]) {
      await send('POST', `/ram/${kind}/${name}/policies`, { PolicyType: 'Custom', PolicyName: 'P1' });
      await send('DELETE', `/ram/${kind}/${name}/policies/Custom/P1`);
    }
    await send('POST', `/ram/roles/app/policies`, { PolicyType: 'Custom', PolicyName: 'P1' });
    await send('DELETE', '/ram/policies/Custom/P1?CascadingDelete=true');
    await send('DELETE', '/ram/roles/app');
    await send('DELETE', '/ram/groups/ops');
    await send('DELETE', '/ram/users/dave');
    await send('PUT', '/ram/password-policy', { MinimumPasswordLength: 10, RequireLowercaseCharacters: true, RequireUppercaseCharacters: false, RequireNumbers: true, RequireSymbols: false, HardExpiry: false, MaxPasswordAge: 90, PasswordReusePrevention: 3, MaxLoginAttemps: 5 });
    await send('PUT', '/ram/security-preference', { LoginNetworkMasks: '10.0.0.0/8;127.0.0.1/32', LoginSessionDuration: 6, EnforceMFAForLogin: false, AllowUserToChangePassword: true, EnableSaveMFATicket: false, AllowUserToManageAccessKeys: false, AllowUserToManageMFADevices: true });
    // keys and secrets
    const key = await send('POST', '/kms/keys', { KeySpec: 'Aliyun_AES_256', KeyUsage: 'ENCRYPT/DECRYPT', Description: 'k' });
    const id = key.KeyMetadata!.KeyId;
    await send('PUT', `/kms/keys/${id}/description`, { Description: 'k2' });
    await send('POST', `/kms/keys/${id}/disable`);
    await send('POST', `/kms/keys/${id}/enable`);
    await send('PUT', `/kms/keys/${id}/rotation`, { EnableAutomaticRotation: true, RotationInterval: `${30 * 86400}s` });
    await send('POST', `/kms/keys/${id}/versions`);
    await send('POST', '/kms/aliases', { AliasName: 'alias/one', KeyId: id });
    await send('PUT', '/kms/aliases', { AliasName: 'alias/one', KeyId: id });
    await send('DELETE', '/kms/aliases?AliasName=alias%2Fone');
    await send('POST', `/kms/keys/${id}/deletion`, { PendingWindowInDays: 7 });
    await send('DELETE', `/kms/keys/${id}/deletion`);
    await send('POST', '/kms/secrets', { SecretName: 'db', VersionId: 'v1', SecretData: 'one', SecretDataType: 'text' });
    await send('POST', '/kms/secrets/db/versions', { VersionId: 'v2', SecretData: 'two', SecretDataType: 'text' });
    await send('PUT', '/kms/secrets/db/stages', { VersionStage: 'ACSCurrent', MoveToVersion: 'v1', RemoveFromVersion: 'v2' });
    expect((await send('POST', '/kms/secrets/db/value', {})).SecretData).toBe('one');
    await send('DELETE', '/kms/secrets/db?RecoveryWindowInDays=30');
    await send('POST', '/kms/secrets/db/restore');
    // MFA devices: one created by the service, bound, unbound and deleted through the console
    const device = await createVirtualMFADevice(rootContext(platform, accountId), { VirtualMFADeviceName: 'phone' });
    const seed = base32Decode(device.Base32StringSeed)!;
    const step = timeStep(Date.now());
    await send('POST', '/ram/users/reader/mfa', { SerialNumber: device.SerialNumber, AuthenticationCode1: hotp(seed, step - 1), AuthenticationCode2: hotp(seed, step) });
    await send('DELETE', '/ram/users/reader/mfa');
    await send('DELETE', `/ram/mfa-devices/${encodeURIComponent(device.SerialNumber)}`);
    const { REST_ACTIONS } = await import('./rest-actions.js');
    expect(REST_ACTIONS.filter((r) => r.method !== 'GET' && !hit.has(`${r.product}:${r.action}`)).map((r) => r.action)).toEqual([]);
  });

  it('counts, filters the audit trail, verifies the chain, validates policy documents with the engine', async () => {
    const admin = await signIn('admin');
    await call(admin, 'POST', '/kms/keys', { Description: 'k' });
    const overviewRes = await call(admin, 'GET', '/overview');
    const overview = overviewRes.json() as { counts: Record<string, number | null>; recentEvents: Array<{ eventName: string }> };
    expect(overview.counts).toEqual({ users: 2, groups: 0, roles: 0, policies: 0, keys: 1, secrets: 0 });
    expect(overview.recentEvents[0]!.eventName).toBe('CreateKey');

    await call(admin, 'POST', '/ram/users', { UserName: 'bad name' });
    const failures = (await call(admin, 'GET', '/audit/events?result=failure')).json() as { events: Array<{ eventName: string; errorCode?: string }> };
    expect(failures.events.map((e) => e.eventName)).toEqual(['CreateUser']);
    const byAdmin = (await call(admin, 'GET', '/audit/events?user=admin&action=ConsoleSignin')).json() as { events: Array<{ userIdentity: { userName: string } }> };
    expect(byAdmin.events).toHaveLength(1);
    const future = (await call(admin, 'GET', `/audit/events?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).json() as { events: unknown[] };
    expect(future.events).toHaveLength(0);
    expect((await call(admin, 'GET', '/audit/events?from=yesterday')).json()).toMatchObject({ Code: 'InvalidParameter', Field: 'from' });
    const page1 = (await call(admin, 'GET', '/audit/events?limit=2')).json() as { events: Array<{ seq: number }>; nextBeforeSeq: number };
    const page2 = (await call(admin, 'GET', `/audit/events?limit=2&beforeSeq=${page1.nextBeforeSeq}`)).json() as { events: Array<{ seq: number }> };
    expect(page2.events[0]!.seq).toBeLessThan(page1.events[1]!.seq + 1);
    expect((await call(admin, 'GET', '/audit/verify')).json()).toMatchObject({ ok: true });

    const bad = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/33' } } }] });
    expect((await call(admin, 'POST', '/ram/policies/validate', { document: bad })).json()).toMatchObject({ valid: false, path: 'Statement[0].Condition.IpAddress.acs:SourceIp' });
    const created = await call(admin, 'POST', '/ram/policies', { PolicyName: 'Bad', PolicyDocument: bad });
    expect(created.json()).toMatchObject({ Code: 'MalformedPolicyDocument', PolicyPath: 'Statement[0].Condition.IpAddress.acs:SourceIp' });
    expect((await call(admin, 'POST', '/ram/policies/validate', { document: bad.replace('/33', '/8') })).json()).toEqual({ valid: true });
  });
});

describe('console output guard', () => {
  it('drops undeclared fields and refuses secret-named ones unless the route reveals them', () => {
    const schema = z.object({ User: z.object({ UserName: z.string() }) });
    expect(guardOutput(schema, { User: { UserName: 'a', PasswordHash: 'x' } })).toEqual({ User: { UserName: 'a' } });
    const loose = z.looseObject({});
    expect(() => guardOutput(loose, { AccessKey: { AccessKeySecret: 'x' } })).toThrow(/failed/);
    expect(guardOutput(loose, { AccessKey: { AccessKeySecret: 'x' } }, ['AccessKeySecret'])).toEqual({ AccessKey: { AccessKeySecret: 'x' } });
    expect(guardOutput(loose, { requestParameters: { Password: '[REDACTED]' } })).toEqual({ requestParameters: { Password: '[REDACTED]' } });
    expect(() => guardOutput(schema, { Users: [] })).toThrow();
    // a list named like a secret is searched inside, not refused
    expect(guardOutput(loose, { SecretList: { Secret: [{ SecretName: 'db' }] } })).toEqual({ SecretList: { Secret: [{ SecretName: 'db' }] } });
    expect(() => guardOutput(loose, { SecretList: { Secret: [{ SecretData: 'x' }] } })).toThrow();
  });
});

describe('console static files', () => {
  let root: string;
  let app: FastifyInstance;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'bw-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets/app-1234.js'), 'console.log(1)');
    app = Fastify();
    consoleStatic(app, root);
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves files, falls back to index.html for app routes, never outside the folder', async () => {
    expect((await app.inject('/console')).headers.location).toBe('/console/');
    const index = await app.inject('/console/identity/users');
    expect(index.body).toContain('id="root"');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject('/console/assets/app-1234.js');
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject('/console/..%2f..%2fetc%2fpasswd')).body).toContain('id="root"');
    expect((await app.inject('/console/api/nothing')).statusCode).toBe(404);
  });
});
