import type { Kysely } from 'kysely';
import type { AuditEventInput } from '../audit/event.js';
import type { AuditTrail } from '../audit/trail.js';
import type { Clock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import type { Sealer } from '../core/sealer.js';
import type { Storage } from '../storage/database.js';
import type { Caller } from './caller.js';
import type { IamContext } from './context.js';
import { bindMFADevice, createVirtualMFADevice, mfaSealContext, type CreatedVirtualMFADevice } from './mfa-devices.js';
import { verifyPassword } from './password-hash.js';
import { newPasswordHash, passwordExpired } from './password-lifecycle.js';
import { IpRangeSet, parseCidr, parseIp } from './policy/ip.js';
import type { IssuedSession, SessionStore, SessionView, SessionState } from './sessions.js';
import { getPasswordPolicy, getSecurityPreference } from './settings.js';
import type { IamTables } from './tables.js';
import { base32Decode, hotp, timeStep } from './totp.js';

export interface SigninMeta {
  sourceIp: string;
  userAgent: string;
  requestId: string;
  secureTransport: boolean;
}

export interface SigninDeps {
  storage: Storage;
  audit: AuditTrail;
  clock: Clock;
  sealer: Sealer;
  sessions: SessionStore;
}

/** Failures from one source address within a minute before sign-ins from it are refused unchecked. */
export const IP_FAILURES_PER_MINUTE = 20;
const LOCK_MS = 60 * 60 * 1000;
// A valid scrypt hash of a random password, verified against when the user does not exist, so the
// time taken does not tell whether a user name exists.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Per-address failure counter (sliding minute), in memory: a brute force never reaches the hasher.
 * Attempts still being checked count as failures until they succeed, so a burst of concurrent
 * guesses cannot slip past the limit.
 */
class IpThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  constructor(private readonly clock: Clock) {}

  /** Reserves an attempt; call `end` when it finished (the failure, if any, was recorded by `fail`). */
  begin(ip: string): void {
    this.check(ip);
    this.inFlight.set(ip, (this.inFlight.get(ip) ?? 0) + 1);
  }

  end(ip: string): void {
    const n = (this.inFlight.get(ip) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(ip);
    else this.inFlight.set(ip, n);
  }

  private recent(ip: string): number[] {
    const cutoff = this.clock.now().getTime() - 60_000;
    const list = (this.failures.get(ip) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(ip);
    else this.failures.set(ip, list);
    return list;
  }

  check(ip: string): void {
    const list = this.recent(ip);
    if (list.length + (this.inFlight.get(ip) ?? 0) >= IP_FAILURES_PER_MINUTE) {
      const seconds = Math.max(1, Math.ceil(((list[0] ?? this.clock.now().getTime()) + 60_000 - this.clock.now().getTime()) / 1000));
      throw new BulwarkError('Signin.Throttled', { seconds });
    }
  }

  fail(ip: string): void {
    const list = this.recent(ip);
    list.push(this.clock.now().getTime());
    this.failures.set(ip, list);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
  }
}

interface Subject {
  accountId: string;
  userId: string;
  userName: string;
}

/**
 * Console sign-in: password (with lockout, network masks, expiry), then the MFA step (verify, or
 * bind a first device when required), then a forced password change when due. Every outcome is a
 * `ConsoleSignin` audit event; sessions authorize through the same policy engine as the OpenAPI.
 */
export class SigninService {
  private readonly throttle: IpThrottle;

  constructor(private readonly deps: SigninDeps) {
    this.throttle = new IpThrottle(deps.clock);
  }

  private ctx(db: Kysely<unknown> | Kysely<IamTables>, subject: Subject, meta: SigninMeta): IamContext {
    const caller: Caller = { accountId: subject.accountId, principalType: 'user', principalId: subject.userId, principalName: subject.userName, sourceIp: meta.sourceIp, secureTransport: meta.secureTransport, mfaPresent: false, requestId: meta.requestId };
    return { db: db as Kysely<IamTables>, caller, clock: this.deps.clock, sealer: this.deps.sealer, invalidate: () => undefined };
  }

  private event(name: string, subject: Subject, meta: SigninMeta, error?: BulwarkError, extra: Record<string, unknown> = {}): AuditEventInput {
    return {
      eventName: name,
      eventSource: 'signin.bulwark',
      eventType: name === 'ConsoleSignout' ? 'ConsoleSignout' : 'ConsoleSignin',
      eventRW: 'Write',
      requestId: meta.requestId,
      requestParameters: { userName: subject.userName, ...extra },
      ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
      sourceIpAddress: meta.sourceIp,
      userAgent: meta.userAgent,
      userIdentity: { type: 'ram-user', principalId: subject.userId, accountId: subject.accountId, userName: subject.userName },
    };
  }

  /** Records a refusal in its own transaction (so it survives the throw) and throws it. */
  private async refuse(name: string, subject: Subject | undefined, meta: SigninMeta, error: BulwarkError, bookkeeping?: (trx: Kysely<IamTables>) => Promise<void>): Promise<never> {
    if (subject) {
      await this.deps.storage.transaction(async (trx) => {
        if (bookkeeping) await bookkeeping(trx as Kysely<IamTables>);
        await this.deps.audit.append(trx, this.event(name, subject, meta, error));
      });
    }
    throw error;
  }

  private async networkAllowed(ctx: IamContext, ip: string): Promise<boolean> {
    const masks = (await getSecurityPreference(ctx)).LoginProfilePreference.LoginNetworkMasks.split(';').filter(Boolean);
    if (masks.length === 0) return true;
    const parsed = parseIp(ip.replace(/^::ffff:/, ''));
    if (!parsed) return false;
    const set = new IpRangeSet(masks.map((m) => parseCidr(m)).filter((r): r is NonNullable<typeof r> => r !== null));
    return set.contains(parsed);
  }

  /** The step a signed-in user must do next, recomputed from stored state each time. */
  private async nextState(ctx: IamContext, subject: Subject, mfaDone: boolean): Promise<SessionState> {
    const db = ctx.db;
    const profile = await db.selectFrom('iam_login_profiles').selectAll().where('user_id', '=', subject.userId).executeTakeFirstOrThrow();
    const device = await db.selectFrom('iam_mfa_devices').select('serial_number').where('user_id', '=', subject.userId).where('activated_at', 'is not', null).executeTakeFirst();
    if (!mfaDone) {
      if (device) return 'mfa';
      if (profile.mfa_bind_required === 1 || (await getSecurityPreference(ctx)).LoginProfilePreference.EnforceMFAForLogin) return 'mfa_bind';
    }
    const policy = await getPasswordPolicy(ctx);
    const changedAt = profile.password_changed_at ?? profile.created_at;
    if (profile.password_reset_required === 1 || passwordExpired(policy.MaxPasswordAge, changedAt, this.deps.clock.now())) return 'password_change';
    return 'active';
  }

  private async lifetimeMs(ctx: IamContext): Promise<number> {
    return (await getSecurityPreference(ctx)).LoginProfilePreference.LoginSessionDuration * 3_600_000;
  }

  async signIn(input: { account: string; userName: string; password: string }, meta: SigninMeta): Promise<IssuedSession> {
    this.throttle.begin(meta.sourceIp);
    try {
      return await this.checkPassword(input, meta);
    } finally {
      this.throttle.end(meta.sourceIp);
    }
  }

  private async checkPassword(input: { account: string; userName: string; password: string }, meta: SigninMeta): Promise<IssuedSession> {
    const db = this.deps.storage.db<IamTables>();
    const account = await db.selectFrom('iam_accounts').select('id').where((eb) => eb.or([eb('id', '=', input.account), eb('alias', '=', input.account)])).executeTakeFirst();
    const user = account ? await db.selectFrom('iam_users').select(['id', 'name']).where('account_id', '=', account.id).where('name', '=', input.userName).executeTakeFirst() : undefined;
    const profile = user ? await db.selectFrom('iam_login_profiles').selectAll().where('user_id', '=', user.id).executeTakeFirst() : undefined;
    if (!account || !user || !profile) {
      await verifyPassword(input.password, DUMMY_HASH).catch(() => false);
      this.throttle.fail(meta.sourceIp);
      throw new BulwarkError('Signin.InvalidCredentials');
    }
    const subject: Subject = { accountId: account.id, userId: user.id, userName: user.name };
    const ctx = this.ctx(db, subject, meta);
    if (!(await this.networkAllowed(ctx, meta.sourceIp))) return this.refuse('ConsoleSignin', subject, meta, new BulwarkError('Signin.NetworkNotAllowed', { ip: meta.sourceIp }));
    const now = this.deps.clock.now();
    const lock = await db.selectFrom('iam_login_locks').select('locked_until').where('user_id', '=', user.id).executeTakeFirst();
    if (lock && Date.parse(lock.locked_until) > now.getTime()) {
      this.throttle.fail(meta.sourceIp);
      return this.refuse('ConsoleSignin', subject, meta, new BulwarkError('Signin.AccountLocked', { until: lock.locked_until }));
    }
    if (!(await verifyPassword(input.password, profile.password_hash))) {
      this.throttle.fail(meta.sourceIp);
      const policy = await getPasswordPolicy(ctx);
      return this.refuse('ConsoleSignin', subject, meta, new BulwarkError('Signin.InvalidCredentials'), async (trx) => {
        await trx.insertInto('iam_login_failures').values({ user_id: user.id, failed_at: now.toISOString(), source_ip: meta.sourceIp }).execute();
        const since = new Date(now.getTime() - LOCK_MS).toISOString();
        const n = await trx.selectFrom('iam_login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).where('failed_at', '>', since).executeTakeFirstOrThrow();
        if (policy.MaxLoginAttemps > 0 && Number(n.n) >= policy.MaxLoginAttemps) {
          const until = new Date(now.getTime() + LOCK_MS).toISOString();
          await trx.deleteFrom('iam_login_locks').where('user_id', '=', user.id).execute();
          await trx.insertInto('iam_login_locks').values({ user_id: user.id, locked_until: until }).execute();
          await trx.deleteFrom('iam_login_failures').where('user_id', '=', user.id).execute();
          await this.deps.audit.append(trx as Kysely<unknown>, this.event('ConsoleSigninLockout', subject, meta, new BulwarkError('Signin.AccountLocked', { until })));
        }
      });
    }
    const policy = await getPasswordPolicy(ctx);
    if (policy.HardExpiry && passwordExpired(policy.MaxPasswordAge, profile.password_changed_at ?? profile.created_at, now)) {
      return this.refuse('ConsoleSignin', subject, meta, new BulwarkError('Signin.PasswordExpired'));
    }
    const state = await this.nextState(ctx, subject, false);
    const lifetime = await this.lifetimeMs(ctx);
    return this.deps.storage.transaction(async (trx) => {
      const t = trx as Kysely<IamTables>;
      await t.deleteFrom('iam_login_failures').where('user_id', '=', user.id).execute();
      await t.deleteFrom('iam_login_locks').where('user_id', '=', user.id).execute();
      if (state === 'active') await t.updateTable('iam_users').set({ last_login_at: `${now.toISOString().slice(0, 19)}Z` }).where('id', '=', user.id).execute();
      const issued = await this.deps.sessions.create(t, { ...subject, sourceIp: meta.sourceIp, userAgent: meta.userAgent }, state, false, lifetime);
      await this.deps.audit.append(trx, this.event('ConsoleSignin', subject, meta, undefined, { nextStep: state }));
      return issued;
    });
  }

  private subjectOf(session: SessionView): Subject {
    return { accountId: session.accountId, userId: session.userId, userName: session.userName };
  }

  private expect(session: SessionView, expected: SessionState): void {
    if (session.state !== expected) throw new BulwarkError('Signin.StepNotExpected', { state: session.state, expected });
  }

  /** Moves the session on after a completed step, auditing it in the same transaction. */
  private async complete(cookie: string, session: SessionView, meta: SigninMeta, eventName: string, mfaDone: boolean, work?: (ctx: IamContext) => Promise<void>): Promise<SessionView> {
    const subject = this.subjectOf(session);
    await this.deps.storage.transaction(async (trx) => {
      const ctx = this.ctx(trx, subject, meta);
      if (work) await work(ctx);
      const next = await this.nextState(ctx, subject, mfaDone);
      if (next === 'active') await ctx.db.updateTable('iam_users').set({ last_login_at: `${this.deps.clock.now().toISOString().slice(0, 19)}Z` }).where('id', '=', session.userId).execute();
      await this.deps.sessions.advance(trx as Kysely<IamTables>, cookie, next, { mfa: mfaDone, lifetimeMs: await this.lifetimeMs(ctx) });
      await this.deps.audit.append(trx, this.event(eventName, subject, meta, undefined, { nextStep: next }));
    });
    return this.deps.sessions.find(cookie, { touch: false });
  }

  /** Checks a TOTP code (±1 step) and burns its step, so the same code never works twice. */
  private async useCode(trx: Kysely<IamTables>, serial: string, sealed: string, code: string): Promise<boolean> {
    const seed = base32Decode(this.deps.sealer.open(sealed, mfaSealContext(serial)));
    if (!seed || !/^\d{6}$/.test(code)) return false;
    const current = timeStep(this.deps.clock.now().getTime());
    for (const step of [current - 1, current, current + 1]) {
      if (hotp(seed, step) !== code) continue;
      const used = await trx.selectFrom('iam_mfa_used_steps').select('step').where('serial_number', '=', serial).where('step', '=', step).executeTakeFirst();
      if (used) return false;
      await trx.insertInto('iam_mfa_used_steps').values({ serial_number: serial, step }).execute();
      await trx.deleteFrom('iam_mfa_used_steps').where('serial_number', '=', serial).where('step', '<', current - 10).execute();
      return true;
    }
    return false;
  }

  async verifyMfa(cookie: string, code: string, meta: SigninMeta): Promise<SessionView> {
    const session = await this.deps.sessions.find(cookie);
    this.expect(session, 'mfa');
    const subject = this.subjectOf(session);
    const device = await this.deps.storage.db<IamTables>().selectFrom('iam_mfa_devices').select(['serial_number', 'secret_sealed']).where('user_id', '=', session.userId).where('activated_at', 'is not', null).executeTakeFirst();
    if (!device) return this.refuse('ConsoleSigninMfa', subject, meta, new BulwarkError('Signin.InvalidMfaCode'));
    const ok = await this.deps.storage.transaction((trx) => this.useCode(trx as Kysely<IamTables>, device.serial_number, device.secret_sealed, code));
    if (!ok) {
      this.throttle.fail(meta.sourceIp);
      return this.refuse('ConsoleSigninMfa', subject, meta, new BulwarkError('Signin.InvalidMfaCode'));
    }
    return this.complete(cookie, session, meta, 'ConsoleSigninMfa', true);
  }

  /** Whether the user has an activated MFA device. */
  async mfaBound(userId: string): Promise<boolean> {
    const device = await this.deps.storage.db<IamTables>().selectFrom('iam_mfa_devices').select('serial_number').where('user_id', '=', userId).where('activated_at', 'is not', null).executeTakeFirst();
    return device !== undefined;
  }

  /** MFA set-up is the `mfa_bind` step, or offered to a signed-in user who has no device yet. */
  private async expectMfaSetup(session: SessionView): Promise<void> {
    if (session.state === 'active' && !(await this.mfaBound(session.userId))) return;
    this.expect(session, 'mfa_bind');
  }

  /** First-time MFA: creates a virtual device for the user and returns its seed and otpauth URI once. */
  async setupMfa(cookie: string, meta: SigninMeta): Promise<CreatedVirtualMFADevice> {
    const session = await this.deps.sessions.find(cookie);
    await this.expectMfaSetup(session);
    const subject = this.subjectOf(session);
    return this.deps.storage.transaction(async (trx) => {
      const ctx = this.ctx(trx, subject, meta);
      const name = `${session.userName}-console`;
      await ctx.db.deleteFrom('iam_mfa_devices').where('account_id', '=', session.accountId).where('name', '=', name).where('user_id', 'is', null).execute();
      const created = await createVirtualMFADevice(ctx, { VirtualMFADeviceName: name });
      await this.deps.audit.append(trx, this.event('CreateVirtualMFADevice', subject, meta, undefined, { serialNumber: created.SerialNumber }));
      return created;
    });
  }

  async bindMfa(cookie: string, input: { serialNumber: string; code1: string; code2: string }, meta: SigninMeta): Promise<SessionView> {
    const session = await this.deps.sessions.find(cookie);
    await this.expectMfaSetup(session);
    return this.complete(cookie, session, meta, 'BindMFADevice', true, async (ctx) => {
      await bindMFADevice(ctx, { UserName: session.userName, SerialNumber: input.serialNumber, AuthenticationCode1: input.code1, AuthenticationCode2: input.code2 });
      // both codes are now used
      const step = timeStep(this.deps.clock.now().getTime());
      for (let s = step - 2; s <= step + 2; s++) await ctx.db.insertInto('iam_mfa_used_steps').values({ serial_number: input.serialNumber, step: s }).onConflict((oc) => oc.doNothing()).execute();
    });
  }

  async changePassword(cookie: string, input: { oldPassword: string; newPassword: string }, meta: SigninMeta): Promise<SessionView> {
    const session = await this.deps.sessions.find(cookie);
    if (session.state !== 'password_change' && session.state !== 'active') this.expect(session, 'password_change');
    const profile = await this.deps.storage.db<IamTables>().selectFrom('iam_login_profiles').selectAll().where('user_id', '=', session.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(input.oldPassword, profile.password_hash))) {
      this.throttle.fail(meta.sourceIp);
      return this.refuse('ConsoleSigninPasswordChange', this.subjectOf(session), meta, new BulwarkError('Signin.InvalidCredentials'));
    }
    return this.complete(cookie, session, meta, 'ChangePassword', session.mfa, async (ctx) => {
      const hash = await newPasswordHash(ctx, session.userId, input.newPassword, profile.password_hash);
      const t = this.deps.clock.now().toISOString();
      await ctx.db.updateTable('iam_login_profiles').set({ password_hash: hash, password_reset_required: 0, password_changed_at: t, updated_at: `${t.slice(0, 19)}Z` }).where('user_id', '=', session.userId).execute();
    });
  }

  async signOut(cookie: string, meta: SigninMeta): Promise<void> {
    const session = await this.deps.sessions.find(cookie, { touch: false });
    await this.deps.sessions.delete(cookie);
    await this.deps.audit.record(this.event('ConsoleSignout', this.subjectOf(session), meta));
  }

  /** The caller a console session acts as: same policies as the OpenAPI, MFA present after the MFA step. */
  callerOf(session: SessionView, meta: SigninMeta): Caller {
    return { accountId: session.accountId, principalType: 'user', principalId: session.userId, principalName: session.userName, sourceIp: meta.sourceIp, secureTransport: meta.secureTransport, mfaPresent: session.mfa, requestId: meta.requestId, userAgent: meta.userAgent };
  }
}
