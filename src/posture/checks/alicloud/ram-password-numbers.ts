import { isFalse } from './kit.js';
import { passwordPolicyCheck } from './ram-password-policy.js';

export const ramPasswordNumbers = passwordPolicyCheck(
  { id: 'BWK-RAM-002', title: 'RAM password policy does not require a number', severity: 'low', rationale: 'Character classes widen the search space of a password.' },
  { name: 'require_numbers', ok: (v) => !isFalse(v), missing: 'pass', message: 'numbers not required', example: 'true' },
);
