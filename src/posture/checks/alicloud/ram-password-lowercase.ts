import { isFalse } from './kit.js';
import { passwordPolicyCheck } from './ram-password-policy.js';

export const ramPasswordLowercase = passwordPolicyCheck(
  { id: 'BWK-RAM-004', title: 'RAM password policy does not require a lowercase letter', severity: 'low', rationale: 'Character classes widen the search space of a password.' },
  { name: 'require_lowercase_characters', ok: (v) => !isFalse(v), missing: 'pass', message: 'lowercase letters not required', example: 'true' },
);
