import { accountRef, notApplicable, result, userRef, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-102';

export const consoleUserMfa: PlatformCheck = {
  id: ID,
  title: 'Every RAM user with a console password has MFA',
  severity: 'high',
  source: 'platform',
  resourceTypes: ['bulwark:ram-user'],
  rationale: 'A password alone is phished or guessed; a second factor (TOTP) stops most account takeovers.',
  remediation: {
    console: 'RAM → Users → the user → Authentication → Enable MFA (or require it at next sign-in); optionally Settings → Security settings → enforce MFA for every console sign-in.',
    cli: 'aliyun ram UpdateLoginProfile --UserName <name> --MFABindRequired true',
  },
  evaluate(s) {
    const consoleUsers = s.ram.users.filter((u) => u.console !== null);
    if (consoleUsers.length === 0) return notApplicable(ID, accountRef(s), 'no RAM user has a console password');
    return consoleUsers.map((u) =>
      u.mfa
        ? result(ID, 'pass', userRef(u.name), `${u.name} has MFA device ${u.mfa.serialNumber}`, { mfaSerialNumber: u.mfa.serialNumber, activatedAt: u.mfa.activatedAt })
        : result(ID, 'fail', userRef(u.name), `${u.name} can sign in to the console without MFA${u.console?.mfaBindRequired ? ' (MFA binding is required at next sign-in)' : ''}`, { mfa: false, mfaBindRequired: u.console?.mfaBindRequired ?? false }),
    );
  },
};
