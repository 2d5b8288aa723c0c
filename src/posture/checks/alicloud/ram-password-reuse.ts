import { num } from './kit.js';
import { passwordPolicyCheck } from './ram-password-policy.js';

export const ramPasswordReuse = passwordPolicyCheck(
  { id: 'BWK-RAM-007', title: 'RAM password policy does not prevent password reuse', rationale: 'Reusing old passwords revives credentials that may already have leaked (0, the default, allows reuse; at most 24 can be remembered).' },
  { name: 'password_reuse_prevention', ok: (v) => { const n = num(v) ?? 0; return n >= 1 && n <= 24; }, missing: 'fail', message: 'password reuse not prevented', example: '5' },
);
