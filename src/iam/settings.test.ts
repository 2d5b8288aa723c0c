import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iamFixture, testDialects, type IamFixture } from '../openapi/test-support/iam-fixture.js';
import { clearAccountAlias, getAccountAlias, setAccountAlias } from './account-alias.js';
import { initAccount } from './bootstrap.js';
import { checkPassword, DEFAULT_PASSWORD_POLICY, DEFAULT_SECURITY_PREFERENCE, getPasswordPolicy, getSecurityPreference, parseLoginNetworkMasks, setPasswordPolicy, setSecurityPreference } from './settings.js';

describe.each(testDialects())('on %s', (dialect) => {
  let f: IamFixture;
  beforeEach(async () => {
    f = await iamFixture({ dialect });
  });
  afterEach(async () => f.close());

  describe('password policy', () => {
    it('defaults, replaces with defaults for omitted fields and validates ranges', async () => {
      const ctx = f.ctx();
      expect(await getPasswordPolicy(ctx)).toEqual(DEFAULT_PASSWORD_POLICY);
      await setPasswordPolicy(ctx, { MinimumPasswordLength: 14, RequireSymbols: true, MaxLoginAttemps: 3 });
      expect(await getPasswordPolicy(ctx)).toEqual({ ...DEFAULT_PASSWORD_POLICY, MinimumPasswordLength: 14, RequireSymbols: true, MaxLoginAttemps: 3 });
      await setPasswordPolicy(ctx, { RequireNumbers: true });
      expect(await getPasswordPolicy(ctx)).toEqual({ ...DEFAULT_PASSWORD_POLICY, RequireNumbers: true });
      await expect(setPasswordPolicy(ctx, { MinimumPasswordLength: 7 })).rejects.toThrow();
      await expect(setPasswordPolicy(ctx, { MaxPasswordAge: 1096 })).rejects.toThrow();
    });

    it('checks length and each character class', () => {
      const strict = { ...DEFAULT_PASSWORD_POLICY, MinimumPasswordLength: 10, RequireLowercaseCharacters: true, RequireUppercaseCharacters: true, RequireNumbers: true, RequireSymbols: true };
      expect(() => checkPassword(strict, 'Abcdefgh1!')).not.toThrow();
      for (const bad of ['Abcdefg1!', 'ABCDEFGH1!', 'abcdefgh1!', 'Abcdefghi!', 'Abcdefghi1']) expect(() => checkPassword(strict, bad)).toThrow(expect.objectContaining({ code: 'InvalidParameter.PasswordPolicy' }));
    });
  });

  describe('security preference', () => {
    it('defaults, keeps omitted fields and validates network masks', async () => {
      const ctx = f.ctx();
      expect(await getSecurityPreference(ctx)).toEqual(DEFAULT_SECURITY_PREFERENCE);
      await setSecurityPreference(ctx, { AllowUserToManageAccessKeys: true, LoginSessionDuration: 12, LoginNetworkMasks: '10.0.0.0/8; 192.168.1.1;2001:db8::/32' });
      await setSecurityPreference(ctx, { EnableSaveMFATicket: true });
      const pref = await getSecurityPreference(ctx);
      expect(pref.AccessKeyPreference.AllowUserToManageAccessKeys).toBe(true);
      expect(pref.LoginProfilePreference).toEqual({ EnableSaveMFATicket: true, AllowUserToChangePassword: true, LoginSessionDuration: 12, LoginNetworkMasks: '10.0.0.0/8;192.168.1.1;2001:db8::/32', EnforceMFAForLogin: false });
      expect(() => parseLoginNetworkMasks('10.0.0.0/33')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
      expect(() => parseLoginNetworkMasks(Array.from({ length: 41 }, (_, i) => `10.0.${i}.0/24`).join(';'))).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    });
  });

  describe('account alias', () => {
    it('sets, reads, clears and keeps aliases unique across accounts', async () => {
      const ctx = f.ctx();
      expect(await getAccountAlias(ctx)).toBe(f.accountId);
      await expect(clearAccountAlias(ctx)).rejects.toMatchObject({ code: 'EntityNotExist.AccountAlias' });
      await setAccountAlias(ctx, { AccountAlias: 'my-corp' });
      await setAccountAlias(ctx, { AccountAlias: 'my-corp' });
      expect(await getAccountAlias(ctx)).toBe('my-corp');
      const other = await initAccount(f.platform, { additional: true });
      const otherCtx = f.ctx({ accountId: other.accountId, principalId: other.accountId });
      await expect(setAccountAlias(otherCtx, { AccountAlias: 'my-corp' })).rejects.toMatchObject({ code: 'EntityAlreadyExists.AccountAlias' });
      await clearAccountAlias(ctx);
      await setAccountAlias(otherCtx, { AccountAlias: 'my-corp' });
      expect(await getAccountAlias(otherCtx)).toBe('my-corp');
      expect(await getAccountAlias(ctx)).toBe(f.accountId);
    });
  });
});
