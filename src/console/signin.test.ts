import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { attachPolicy } from '../iam/attachments.js';
import type { IamContext } from '../iam/context.js';
import { createPolicy } from '../iam/policies.js';
import { IP_FAILURES_PER_MINUTE } from '../iam/signin.js';
import { setPasswordPolicy, setSecurityPreference } from '../iam/settings.js';
import { base32Decode, totp } from '../iam/totp.js';
import type { Platform } from '../server/platform.js';
import { openConsoleApp, type ConsoleTestApp, type Signed } from './test-support/console-app.js';

const PASSWORD = 'Correct-Horse-9';

describe('console sign-in, MFA, password policy and sessions', () => {
  let t: ConsoleTestApp;
  let platform: Platform;
  let app: FastifyInstance;
  let clock: ReturnType<typeof fixedClock>;
  let accountId: string;
  let root: IamContext;

  beforeEach(async () => {
    clock = fixedClock(new Date('2026-06-01T08:00:00Z'));
    t = await openConsoleApp(clock);
    ({ platform, app, accountId, root } = t);
    await t.users(['alice', 'bob'], PASSWORD);
  });
  afterEach(() => t.close());

  const signIn = (userName: string, password = PASSWORD, ip = '127.0.0.1'): Promise<Signed> => t.signIn(userName, password, ip);
  const call = (s: Signed, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, csrf = true) => t.call(s, method, url, payload, csrf);

  const code = (res: LightMyRequestResponse): string => (res.json() as { Code: string }).Code;

  it('signs in with a hardened cookie and records ConsoleSignin', async () => {
    const s = await signIn('alice');
    expect(s.res.statusCode).toBe(200);
    expect(s.res.json()).toMatchObject({ session: { userName: 'alice', nextStep: 'active', mfa: false } });
    expect(String(s.res.headers['set-cookie'])).toMatch(/bulwark_session=[\w-]+; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=21600/);
    expect((await call(s, 'GET', '/session')).json()).toMatchObject({ session: { userName: 'alice' } });
    const events = (await platform.audit.list({ accountId })).map((r) => `${r.event.eventType}:${r.event.eventName}`);
    expect(events).toContain('ConsoleSignin:ConsoleSignin');
    expect(JSON.stringify(await platform.audit.list({ accountId }))).not.toContain(PASSWORD);
  });

  it('gives one answer for unknown users and wrong passwords, locks after MaxLoginAttemps, unlocks after an hour', async () => {
    await setPasswordPolicy(root, { MaxLoginAttemps: 3 });
    expect(code((await signIn('nobody')).res)).toBe('Signin.InvalidCredentials');
    for (let i = 0; i < 3; i++) expect(code((await signIn('alice', 'wrong-password')).res)).toBe('Signin.InvalidCredentials');
    const locked = await signIn('alice');
    expect(locked.res.statusCode).toBe(403);
    expect(code(locked.res)).toBe('Signin.AccountLocked');
    // others are not affected
    expect((await signIn('bob')).res.statusCode).toBe(200);
    clock.advance(61 * 60 * 1000);
    expect((await signIn('alice')).res.statusCode).toBe(200);
    const names = (await platform.audit.list({ accountId, limit: 100 })).map((r) => r.event.eventName);
    expect(names).toContain('ConsoleSigninLockout');
  });

  it('forces a password change when required and refuses reuse of recent passwords', async () => {
    await setPasswordPolicy(root, { PasswordReusePrevention: 2, MinimumPasswordLength: 10 });
    await root.db.updateTable('iam_login_profiles').set({ password_reset_required: 1 }).execute();
    const s = await signIn('alice');
    expect(s.res.json()).toMatchObject({ session: { nextStep: 'password_change' } });
    // a pending session cannot use the console yet
    expect(code(await call(s, 'GET', '/ram/users'))).toBe('Signin.StepNotExpected');
    expect(code(await call(s, 'POST', '/session/password', { oldPassword: PASSWORD, newPassword: PASSWORD }))).toBe('Password.Reused');
    expect(code(await call(s, 'POST', '/session/password', { oldPassword: PASSWORD, newPassword: 'short' }))).toBe('InvalidParameter.PasswordPolicy');
    const changed = await call(s, 'POST', '/session/password', { oldPassword: PASSWORD, newPassword: 'Second-Pass-22' });
    expect(changed.json()).toMatchObject({ session: { nextStep: 'active' } });
    // the sign-in counts once its last step is done
    expect((await root.db.selectFrom('iam_users').select('last_login_at').where('name', '=', 'alice').executeTakeFirstOrThrow()).last_login_at).toBe('2026-06-01T08:00:00Z');
    const again = await call(s, 'POST', '/session/password', { oldPassword: 'Second-Pass-22', newPassword: PASSWORD });
    expect(code(again)).toBe('Password.Reused');
    expect((await call(s, 'POST', '/session/password', { oldPassword: 'Second-Pass-22', newPassword: 'Third-Pass-333' })).statusCode).toBe(200);
  });

  it('expires passwords: a change at sign-in, or a hard stop with HardExpiry', async () => {
    await setPasswordPolicy(root, { MaxPasswordAge: 1 });
    clock.advance(2 * 86_400_000);
    expect((await signIn('alice')).res.json()).toMatchObject({ session: { nextStep: 'password_change' } });
    await setPasswordPolicy(root, { MaxPasswordAge: 1, HardExpiry: true });
    expect(code((await signIn('alice')).res)).toBe('Signin.PasswordExpired');
  });

  it('binds a first MFA device when required, then asks for single-use codes', async () => {
    await root.db.updateTable('iam_login_profiles').set({ mfa_bind_required: 1 }).execute();
    const s = await signIn('alice');
    expect(s.res.json()).toMatchObject({ session: { nextStep: 'mfa_bind' } });
    const setup = (await call(s, 'POST', '/session/mfa/setup')).json() as { serialNumber: string; seed: string; otpauthUri: string };
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const key = base32Decode(setup.seed)!;
    const t = clock.now().getTime();
    const bound = await call(s, 'POST', '/session/mfa/bind', { serialNumber: setup.serialNumber, code1: totp(key, t - 30_000), code2: totp(key, t) });
    expect(bound.json()).toMatchObject({ session: { nextStep: 'active', mfa: true } });

    clock.advance(90_000);
    const second = await signIn('alice');
    expect(second.res.json()).toMatchObject({ session: { nextStep: 'mfa' } });
    expect(code(await call(second, 'POST', '/session/mfa', { code: '000000' }))).toBe('Signin.InvalidMfaCode');
    const good = totp(key, clock.now().getTime());
    expect((await call(second, 'POST', '/session/mfa', { code: good })).json()).toMatchObject({ session: { nextStep: 'active', mfa: true } });
    const third = await signIn('alice');
    expect(code(await call(third, 'POST', '/session/mfa', { code: good }))).toBe('Signin.InvalidMfaCode');
  });

  it('enforces MFA for every console user when the security preference says so', async () => {
    await setSecurityPreference(root, { EnforceMFAForLogin: true });
    expect((await signIn('bob')).res.json()).toMatchObject({ session: { nextStep: 'mfa_bind' } });
    await setSecurityPreference(root, { EnforceMFAForLogin: false });
    expect((await signIn('bob')).res.json()).toMatchObject({ session: { nextStep: 'active' } });
  });

  it('honours LoginNetworkMasks', async () => {
    await setSecurityPreference(root, { LoginNetworkMasks: '10.0.0.0/8;192.0.2.0/24' });
    expect(code((await signIn('alice', PASSWORD, '203.0.113.5')).res)).toBe('Signin.NetworkNotAllowed');
    expect((await signIn('alice', PASSWORD, '192.0.2.77')).res.statusCode).toBe(200);
  });

  it('authorizes console calls with the same policies, MFA-conditioned ones only after MFA', async () => {
    const doc = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:ListUsers', 'ram:CreateUser'], Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'true' } } }] });
    await createPolicy(root, { PolicyName: 'NeedsMfa', PolicyDocument: doc });
    await attachPolicy(root, 'User', { PolicyType: 'Custom', PolicyName: 'NeedsMfa', PrincipalName: 'alice' });
    const noMfa = await signIn('alice');
    const denied = await call(noMfa, 'GET', '/ram/users');
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ Code: 'NoPermission', AccessDeniedDetail: { AuthAction: 'ram:ListUsers' } });

    await root.db.updateTable('iam_login_profiles').set({ mfa_bind_required: 1 }).execute();
    const s = await signIn('alice');
    const setup = (await call(s, 'POST', '/session/mfa/setup')).json() as { serialNumber: string; seed: string };
    const key = base32Decode(setup.seed)!;
    const t = clock.now().getTime();
    await call(s, 'POST', '/session/mfa/bind', { serialNumber: setup.serialNumber, code1: totp(key, t - 30_000), code2: totp(key, t) });
    const allowed = await call(s, 'GET', '/ram/users');
    expect(allowed.statusCode).toBe(200);
    expect((allowed.json() as { Users: { User: Array<{ UserName: string }> } }).Users.User.map((u) => u.UserName)).toEqual(['alice', 'bob']);

    // CSRF: a state change without the token is refused, with it allowed
    expect(code(await call(s, 'POST', '/ram/users', { UserName: 'carol' }, false))).toBe('Console.CsrfMismatch');
    expect(code(await app.inject({ method: 'POST', url: '/console/api/ram/users', headers: { cookie: s.cookie, 'x-csrf-token': noMfa.csrf }, payload: { UserName: 'carol' } }))).toBe('Console.CsrfMismatch');
    const created = await call(s, 'POST', '/ram/users', { UserName: 'carol' });
    expect(created.json()).toMatchObject({ User: { UserName: 'carol' } });
    const bad = await call(s, 'POST', '/ram/users', { UserName: 'bad name!' });
    expect(bad.json()).toMatchObject({ Code: 'InvalidParameter', Field: 'UserName' });
  });

  it('expires idle sessions and caps them at LoginSessionDuration; lists, revokes and signs out', async () => {
    await setSecurityPreference(root, { LoginSessionDuration: 1 });
    const s = await signIn('alice');
    clock.advance(31 * 60 * 1000);
    expect(code(await call(s, 'GET', '/session'))).toBe('Console.SessionExpired');

    const t = await signIn('alice');
    for (let i = 0; i < 3; i++) {
      clock.advance(19 * 60 * 1000);
      expect((await call(t, 'GET', '/session')).statusCode).toBe(200);
    }
    clock.advance(5 * 60 * 1000);
    expect(code(await call(t, 'GET', '/session'))).toBe('Console.SessionExpired');

    const a = await signIn('alice');
    const b = await signIn('alice');
    const list = (await call(a, 'GET', '/sessions')).json() as { sessions: Array<{ id: string; current: boolean }> };
    expect(list.sessions).toHaveLength(2);
    const other = list.sessions.find((x) => !x.current)!;
    expect((await call(a, 'DELETE', `/sessions/${other.id}`)).statusCode).toBe(200);
    expect(code(await call(b, 'GET', '/session'))).toBe('Console.SessionExpired');
    expect((await call(a, 'DELETE', '/session')).statusCode).toBe(200);
    expect(code(await call(a, 'GET', '/session'))).toBe('Console.SessionExpired');
  });

  it('never yields a session to a brute force and keeps serving other users', async () => {
    const attempts = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn('alice', `guess-${i}`, '198.51.100.7')));
    expect(attempts.every((a) => a.res.statusCode !== 200 && a.cookie === '')).toBe(true);
    // at most IP_FAILURES_PER_MINUTE attempts reach the password hasher, even when sent concurrently
    expect(attempts.filter((a) => code(a.res) === 'Signin.Throttled').length).toBe(40 - IP_FAILURES_PER_MINUTE);
    // the right password from the attacking address is refused too while throttled
    expect(code((await signIn('alice', PASSWORD, '198.51.100.7')).res)).toBe('Signin.Throttled');
    // another user from another address signs in normally
    expect((await signIn('bob', PASSWORD, '192.0.2.1')).res.statusCode).toBe(200);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
