import { expectAttr, isTrue, resourceCheck } from './kit.js';

export const ramMfaLogin = resourceCheck(
  {
    id: 'BWK-RAM-009',
    title: 'RAM security preference does not enforce MFA at sign-in',
    severity: 'high',
    resourceTypes: ['alicloud_ram_security_preference'],
    rationale: 'A password alone is phished or reused; MFA stops most console account takeovers.',
    remediation: {
      console: 'RAM console → Settings → Security settings → User security settings → Enable MFA for all RAM users.',
      terraform: 'resource "alicloud_ram_security_preference" "p" {\n  enforce_mfa_for_login = true\n}',
      cli: 'aliyun ram SetSecurityPreference --EnforceMFAForLogin true',
    },
  },
  (r) => expectAttr(r, 'enforce_mfa_for_login', isTrue, { missing: 'fail', message: 'MFA is not enforced at sign-in' }),
);
