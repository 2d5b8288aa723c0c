import type { CheckMeta } from '../../check.js';
import type { PasswordPolicy } from '../../../iam/settings.js';
import { passwordPolicyRef, result, type PlatformCheck } from './platform-check.js';

/** The standard Bulwark checks the account password policy against (CIS Alibaba v2.0 §1.7–1.14, PCI DSS 8.3). */
export const PASSWORD_STANDARD = {
  minimumLength: 14,
  maxPasswordAgeDays: 90,
  reusePrevention: 5,
  maxLoginAttempts: 5,
} as const;

export interface PasswordRule {
  /** the policy field the rule reads */
  field: keyof PasswordPolicy;
  /** what is expected, for messages and evidence */
  expected: string;
  ok(policy: PasswordPolicy): boolean;
}

const S = PASSWORD_STANDARD;

/** SetPasswordPolicy replaces the whole policy, so every remediation sets the full standard at once. */
const TERRAFORM = `resource "alicloud_ram_account_password_policy" "this" {
  minimum_password_length      = ${S.minimumLength}
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
  max_password_age             = ${S.maxPasswordAgeDays}
  password_reuse_prevention    = ${S.reusePrevention}
  max_login_attempts           = ${S.maxLoginAttempts}
}`;

const CLI = `aliyun ram SetPasswordPolicy --MinimumPasswordLength ${S.minimumLength} --RequireUppercaseCharacters true --RequireLowercaseCharacters true --RequireNumbers true --RequireSymbols true --MaxPasswordAge ${S.maxPasswordAgeDays} --PasswordReusePrevention ${S.reusePrevention} --MaxLoginAttemps ${S.maxLoginAttempts}`;

/** A check of one password-policy setting; one result for the account's policy. */
export function passwordPolicyCheck(meta: Omit<CheckMeta, 'source' | 'resourceTypes' | 'remediation'> & { console: string }, rule: PasswordRule): PlatformCheck {
  return {
    id: meta.id,
    title: meta.title,
    severity: meta.severity,
    rationale: meta.rationale,
    source: 'platform',
    resourceTypes: ['bulwark:ram-password-policy'],
    remediation: {
      console: meta.console,
      terraform: TERRAFORM,
      cli: CLI,
    },
    evaluate(s) {
      const policy = s.ram.passwordPolicy;
      const actual = policy[rule.field];
      const ok = rule.ok(policy);
      const message = ok ? `${rule.field} is ${String(actual)} (expected ${rule.expected})` : `${rule.field} is ${String(actual)}; expected ${rule.expected}`;
      return [result(meta.id, ok ? 'pass' : 'fail', passwordPolicyRef(s), message, { field: rule.field, actual, expected: rule.expected })];
    },
  };
}
