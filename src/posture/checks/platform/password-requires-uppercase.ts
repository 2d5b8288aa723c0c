import { passwordPolicyCheck } from './password-policy-rule.js';

export const passwordRequiresUppercase = passwordPolicyCheck(
  {
    id: 'BWK-RAM-104',
    title: 'RAM password policy requires an uppercase letter',
    severity: 'low',
    rationale: 'Requiring every character class widens the space an attacker has to search.',
    console: 'RAM → Settings → Security settings → Password strength: require an uppercase letter.',
  },
  { field: 'RequireUppercaseCharacters', expected: 'true', ok: (p) => p.RequireUppercaseCharacters },
);
