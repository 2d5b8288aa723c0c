import { passwordPolicyCheck } from './password-policy-rule.js';

export const passwordRequiresLowercase = passwordPolicyCheck(
  {
    id: 'BWK-RAM-105',
    title: 'RAM password policy requires a lowercase letter',
    severity: 'low',
    rationale: 'Requiring every character class widens the space an attacker has to search.',
    console: 'RAM → Settings → Security settings → Password strength: require a lowercase letter.',
  },
  { field: 'RequireLowercaseCharacters', expected: 'true', ok: (p) => p.RequireLowercaseCharacters },
);
