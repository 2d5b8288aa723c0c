import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../../../iam/settings.js';
import { emptySnapshot, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { passwordMaxAge } from './password-max-age.js';
import { passwordMaxLoginAttempts } from './password-max-login-attempts.js';
import { passwordMinLength } from './password-min-length.js';
import { passwordRequiresLowercase } from './password-requires-lowercase.js';
import { passwordRequiresNumbers } from './password-requires-numbers.js';
import { passwordRequiresSymbols } from './password-requires-symbols.js';
import { passwordRequiresUppercase } from './password-requires-uppercase.js';
import { passwordReusePrevention } from './password-reuse-prevention.js';

const CHECKS = [passwordMinLength, passwordRequiresUppercase, passwordRequiresLowercase, passwordRequiresNumbers, passwordRequiresSymbols, passwordMaxAge, passwordReusePrevention, passwordMaxLoginAttempts];

const STRONG: PasswordPolicy = { MinimumPasswordLength: 14, RequireLowercaseCharacters: true, RequireUppercaseCharacters: true, RequireNumbers: true, RequireSymbols: true, HardExpiry: false, MaxPasswordAge: 90, PasswordReusePrevention: 5, MaxLoginAttemps: 5 };

const statusOf = (check: (typeof CHECKS)[number], policy: PasswordPolicy) =>
  check.evaluate(
    snapshotWith((s) => {
      s.ram.passwordPolicy = policy;
    }),
  )[0]?.status;

describe('password policy checks BWK-RAM-103…110', () => {
  it('all pass on the documented standard', () => {
    expect(CHECKS.map((c) => statusOf(c, STRONG))).toEqual(CHECKS.map(() => 'pass'));
  });

  it("all but max login attempts fail on Alibaba Cloud's default policy", () => {
    const results = CHECKS.map((c) => c.evaluate(emptySnapshot())[0]!);
    expect(Object.fromEntries(results.map((r) => [r.checkId, r.status]))).toEqual({
      'BWK-RAM-103': 'fail',
      'BWK-RAM-104': 'fail',
      'BWK-RAM-105': 'fail',
      'BWK-RAM-106': 'fail',
      'BWK-RAM-107': 'fail',
      'BWK-RAM-108': 'fail',
      'BWK-RAM-109': 'fail',
      'BWK-RAM-110': 'pass',
    });
    expect(results[0]).toMatchObject({ resource: { type: 'bulwark:ram-password-policy' }, evidence: { field: 'MinimumPasswordLength', actual: 8, expected: '≥ 14' } });
  });

  it('applies each threshold at its boundary', () => {
    expect(statusOf(passwordMinLength, { ...STRONG, MinimumPasswordLength: 13 })).toBe('fail');
    expect(statusOf(passwordMaxAge, { ...STRONG, MaxPasswordAge: 91 })).toBe('fail');
    expect(statusOf(passwordMaxAge, { ...STRONG, MaxPasswordAge: 0 })).toBe('fail');
    expect(statusOf(passwordReusePrevention, { ...STRONG, PasswordReusePrevention: 4 })).toBe('fail');
    expect(statusOf(passwordMaxLoginAttempts, { ...STRONG, MaxLoginAttemps: 6 })).toBe('fail');
    expect(statusOf(passwordMaxLoginAttempts, { ...STRONG, MaxLoginAttemps: 0 })).toBe('fail');
    expect(statusOf(passwordRequiresSymbols, { ...STRONG, RequireSymbols: false })).toBe('fail');
  });

  it('every remediation sets the whole standard (SetPasswordPolicy replaces the policy)', () => {
    for (const c of CHECKS) expect(c.remediation.cli).toContain('--MinimumPasswordLength 14 --RequireUppercaseCharacters true');
  });
});
