import { result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-118';

export const enforceMfaPreference: PlatformCheck = {
  id: ID,
  title: 'The RAM security preference enforces MFA for every console sign-in',
  severity: 'low',
  source: 'platform',
  resourceTypes: ['bulwark:ram-security-preference'],
  rationale: 'Enforcing MFA account-wide means a new console user cannot be created without a second factor by mistake.',
  remediation: {
    console: 'RAM → Settings → Security settings → Login: require MFA for all users.',
    terraform: 'resource "alicloud_ram_security_preference" "this" {\n  enforce_mfa_for_login = true\n}',
    cli: 'aliyun ram SetSecurityPreference --EnforceMFAForLogin true',
  },
  evaluate(s) {
    const enforced = s.ram.securityPreference.LoginProfilePreference.EnforceMFAForLogin;
    return [result(ID, enforced ? 'pass' : 'fail', { id: `bulwark:ram-security-preference/${s.accountId}`, type: 'bulwark:ram-security-preference' }, enforced ? 'MFA is enforced for every console sign-in' : 'MFA is not enforced for console sign-in (EnforceMFAForLogin is false)', { EnforceMFAForLogin: enforced })];
  },
};
