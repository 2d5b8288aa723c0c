import { PASSWORD_STANDARD, passwordPolicyCheck } from './password-policy-rule.js';

export const passwordMinLength = passwordPolicyCheck(
  {
    id: 'BWK-RAM-103',
    title: 'RAM password policy requires at least 14 characters',
    severity: 'medium',
    rationale: 'Long passwords resist guessing and offline cracking; CIS asks for 14 or more characters.',
    console: 'RAM → Settings → Security settings → Password strength: set the minimum length to 14 or more.',
  },
  { field: 'MinimumPasswordLength', expected: `≥ ${PASSWORD_STANDARD.minimumLength}`, ok: (p) => p.MinimumPasswordLength >= PASSWORD_STANDARD.minimumLength },
);
