import { num } from './kit.js';
import { passwordPolicyCheck } from './ram-password-policy.js';

export const ramPasswordMaxLoginAttempts = passwordPolicyCheck(
  { id: 'BWK-RAM-008', title: 'RAM sign-in allows more than 5 failed attempts', rationale: 'Locking after a few failures (default 5) slows online guessing.' },
  { name: 'max_login_attempts', ok: (v) => { const n = num(v); return n !== undefined && n >= 1 && n <= 5; }, missing: 'pass', message: 'more than 5 failed sign-ins allowed', example: '5' },
);
