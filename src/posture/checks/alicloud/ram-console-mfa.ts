import { expectAttr, isTrue, resourceCheck } from './kit.js';

export const ramConsoleMfa = resourceCheck(
  {
    id: 'BWK-RAM-013',
    title: 'RAM user with a console password is not required to bind MFA',
    severity: 'high',
    resourceTypes: ['alicloud_ram_login_profile'],
    rationale: 'A console password alone is phished or guessed; CIS requires MFA for every RAM user that can sign in to the console.',
    remediation: {
      console: 'RAM console → Users → the user → Authentication → Console logon → Edit → Require MFA.',
      terraform: 'resource "alicloud_ram_login_profile" "p" {\n  mfa_bind_required = true\n}',
      cli: 'aliyun ram UpdateLoginProfile --UserName <user> --MFABindRequired true',
    },
  },
  (r) => expectAttr(r, 'mfa_bind_required', isTrue, { missing: 'fail', message: 'MFA is not required for console sign-in' }),
);
