import { PASSWORD_STANDARD, passwordPolicyCheck } from './password-policy-rule.js';

export const passwordReusePrevention = passwordPolicyCheck(
  {
    id: 'BWK-RAM-109',
    title: 'RAM password policy prevents reuse of the last 5 passwords',
    severity: 'medium',
    rationale: 'Without reuse prevention a forced change can return to a compromised password.',
    console: 'RAM → Settings → Security settings → Password history check policy: 5 or more.',
  },
  { field: 'PasswordReusePrevention', expected: `≥ ${PASSWORD_STANDARD.reusePrevention}`, ok: (p) => p.PasswordReusePrevention >= PASSWORD_STANDARD.reusePrevention },
);
