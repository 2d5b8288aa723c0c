import { defineErrors } from './define.js';

/** Errors of the RAM policy engine (`src/iam/policy/`): parsing and validating policy documents. */
export const policyErrors = defineErrors({
  'MalformedPolicyDocument': {
    status: 400,
    message: '{path}: {reason}',
    recommend: 'Fix the policy element named in the message (JSON path, statements counted from 0); the grammar is in docs/policy.md.',
  },
});
