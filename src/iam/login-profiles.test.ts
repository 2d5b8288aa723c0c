import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, testDialects, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { changePassword, createLoginProfile, deleteLoginProfile, getLoginProfile, updateLoginProfile } from './login-profiles.js';
import { verifyPassword } from './password-hash.js';
import { setPasswordPolicy, setSecurityPreference } from './settings.js';
import { createUser } from './users.js';

describe.each(testDialects())('on %s', (dialect) => {
  let f: IamFixture;
  beforeEach(async () => {
    f = await iamFixture({ dialect });
  });
  afterEach(async () => f.close());

  const storedHash = async (userId: string) =>
    (await f.platform.storage.db<{ iam_login_profiles: { user_id: string; password_hash: string } }>().selectFrom('iam_login_profiles').select('password_hash').where('user_id', '=', userId).executeTakeFirstOrThrow()).password_hash;

  describe('login profiles', () => {
    it('creates with a hashed password, enforces the policy and refuses a second profile', async () => {
      const ctx = f.ctx();
      const user = await createUser(ctx, { UserName: 'alice' });
      await setPasswordPolicy(ctx, { MinimumPasswordLength: 12, RequireUppercaseCharacters: true, RequireNumbers: true, RequireSymbols: true });
      await expect(createLoginProfile(ctx, { UserName: 'alice', Password: 'Short1!' })).rejects.toMatchObject({ code: 'InvalidParameter.PasswordPolicy', message: expect.stringContaining('at least 12') });
      await expect(createLoginProfile(ctx, { UserName: 'alice', Password: 'longenough1!' })).rejects.toMatchObject({ message: expect.stringContaining('uppercase') });
      await expect(createLoginProfile(ctx, { UserName: 'alice', Password: 'LongEnough!!' })).rejects.toMatchObject({ message: expect.stringContaining('digit') });
      await expect(createLoginProfile(ctx, { UserName: 'alice', Password: 'LongEnough11' })).rejects.toMatchObject({ message: expect.stringContaining('symbol') });
      const profile = await createLoginProfile(ctx, { UserName: 'alice', Password: 'LongEnough1!', PasswordResetRequired: true });
      expect(profile).toEqual({ UserName: 'alice', PasswordResetRequired: true, MFABindRequired: false, CreateDate: '2026-01-01T00:00:00Z' });
      const hash = await storedHash(user.UserId);
      expect(hash).toMatch(/^scrypt\$/);
      expect(hash).not.toContain('LongEnough1!');
      expect(await verifyPassword('LongEnough1!', hash)).toBe(true);
      await expect(createLoginProfile(ctx, { UserName: 'alice', Password: 'LongEnough1!' })).rejects.toMatchObject({ code: 'EntityAlreadyExists.User.LoginProfile' });
      await expect(getLoginProfile(ctx, { UserName: 'bob' })).rejects.toMatchObject({ code: 'EntityNotExist.User' });

      await updateLoginProfile(ctx, { UserName: 'alice', MFABindRequired: true });
      expect(await getLoginProfile(ctx, { UserName: 'alice' })).toMatchObject({ MFABindRequired: true, PasswordResetRequired: true });
      expect(await storedHash(user.UserId)).toBe(hash);
      await expect(updateLoginProfile(ctx, { UserName: 'alice', Password: 'weak' })).rejects.toMatchObject({ code: 'InvalidParameter.PasswordPolicy' });
      await deleteLoginProfile(ctx, { UserName: 'alice' });
      await expect(getLoginProfile(ctx, { UserName: 'alice' })).rejects.toMatchObject({ code: 'EntityNotExist.User.LoginProfile' });
    });

    it('lets a RAM user change its own password when the old one matches and the preference allows', async () => {
      const root = f.ctx();
      const user = await createUser(root, { UserName: 'bob' });
      await createLoginProfile(root, { UserName: 'bob', Password: 'first-password', PasswordResetRequired: true });
      const asBob = f.ctx({ principalType: 'user', principalId: user.UserId, principalName: 'bob' });
      await expect(changePassword(asBob, { OldPassword: 'wrong-password', NewPassword: 'second-password' })).rejects.toMatchObject({ code: 'InvalidParameter.OldPassword' });
      await expect(changePassword(asBob, { OldPassword: 'first-password', NewPassword: 'short' })).rejects.toMatchObject({ code: 'InvalidParameter.PasswordPolicy' });
      await changePassword(asBob, { OldPassword: 'first-password', NewPassword: 'second-password' });
      expect(await verifyPassword('second-password', await storedHash(user.UserId))).toBe(true);
      expect((await getLoginProfile(root, { UserName: 'bob' })).PasswordResetRequired).toBe(false);

      await expect(changePassword(root, { OldPassword: 'x', NewPassword: 'y' })).rejects.toMatchObject({ code: 'NotSupported.Principal' });
      await setSecurityPreference(root, { AllowUserToChangePassword: false });
      await expect(changePassword(asBob, { OldPassword: 'second-password', NewPassword: 'third-password' })).rejects.toMatchObject({ code: 'NoPermission' });
    });
  });
});
