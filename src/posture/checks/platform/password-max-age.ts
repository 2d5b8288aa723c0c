import { PASSWORD_STANDARD, passwordPolicyCheck } from './password-policy-rule.js';

export const passwordMaxAge = passwordPolicyCheck(
  {
    id: 'BWK-RAM-108',
    title: 'RAM passwords expire within 90 days',
    severity: 'low',
    rationale: 'Expiring passwords bounds how long a stolen password stays useful (PCI DSS 8.3.9 asks for 90 days when passwords are the only factor).',
    console: 'RAM → Settings → Security settings → Password validity period: 90 days or fewer (0 means never).',
  },
  { field: 'MaxPasswordAge', expected: `between 1 and ${PASSWORD_STANDARD.maxPasswordAgeDays} days`, ok: (p) => p.MaxPasswordAge > 0 && p.MaxPasswordAge <= PASSWORD_STANDARD.maxPasswordAgeDays },
);
