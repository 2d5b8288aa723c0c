import { PASSWORD_STANDARD, passwordPolicyCheck } from './password-policy-rule.js';

export const passwordMaxLoginAttempts = passwordPolicyCheck(
  {
    id: 'BWK-RAM-110',
    title: 'RAM console sign-in locks after at most 5 failed attempts an hour',
    severity: 'medium',
    rationale: 'Locking after a few failures stops online password guessing (0 disables the lockout).',
    console: 'RAM → Settings → Security settings → Password retry constraint: 5 attempts or fewer.',
  },
  { field: 'MaxLoginAttemps', expected: `between 1 and ${PASSWORD_STANDARD.maxLoginAttempts}`, ok: (p) => p.MaxLoginAttemps > 0 && p.MaxLoginAttemps <= PASSWORD_STANDARD.maxLoginAttempts },
);
