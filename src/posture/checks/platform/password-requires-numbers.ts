import { passwordPolicyCheck } from './password-policy-rule.js';

export const passwordRequiresNumbers = passwordPolicyCheck(
  {
    id: 'BWK-RAM-106',
    title: 'RAM password policy requires a number',
    severity: 'low',
    rationale: 'Requiring every character class widens the space an attacker has to search.',
    console: 'RAM → Settings → Security settings → Password strength: require a number.',
  },
  { field: 'RequireNumbers', expected: 'true', ok: (p) => p.RequireNumbers },
);
