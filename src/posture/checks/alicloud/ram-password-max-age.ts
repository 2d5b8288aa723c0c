import { num } from './kit.js';
import { passwordPolicyCheck } from './ram-password-policy.js';

export const ramPasswordMaxAge = passwordPolicyCheck(
  { id: 'BWK-RAM-006', title: 'RAM passwords do not expire within 90 days', rationale: 'Expiry bounds how long a leaked password stays usable (0, the default, never expires).' },
  { name: 'max_password_age', ok: (v) => { const n = num(v) ?? 0; return n > 0 && n <= 90; }, missing: 'fail', message: 'passwords do not expire within 90 days', example: '90' },
);
