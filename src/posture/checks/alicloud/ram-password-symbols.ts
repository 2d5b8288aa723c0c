import { isFalse } from './kit.js';
import { passwordPolicyCheck } from './ram-password-policy.js';

export const ramPasswordSymbols = passwordPolicyCheck(
  { id: 'BWK-RAM-003', title: 'RAM password policy does not require a symbol', severity: 'low', rationale: 'Character classes widen the search space of a password.' },
  { name: 'require_symbols', ok: (v) => !isFalse(v), missing: 'pass', message: 'symbols not required', example: 'true' },
);
