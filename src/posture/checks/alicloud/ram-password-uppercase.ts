import { isFalse } from './kit.js';
import { passwordPolicyCheck } from './ram-password-policy.js';

export const ramPasswordUppercase = passwordPolicyCheck(
  { id: 'BWK-RAM-005', title: 'RAM password policy does not require an uppercase letter', severity: 'low', rationale: 'Character classes widen the search space of a password.' },
  { name: 'require_uppercase_characters', ok: (v) => !isFalse(v), missing: 'pass', message: 'uppercase letters not required', example: 'true' },
);
