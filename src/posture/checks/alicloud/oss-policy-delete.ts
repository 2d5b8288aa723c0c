import { ossPublicActionCheck } from './oss-policy-check.js';

export const ossPolicyDelete = ossPublicActionCheck(
  {
    id: 'BWK-OSS-002',
    title: 'OSS bucket policy allows delete actions to all principals',
    severity: 'critical',
    rationale: 'Anyone could delete the bucket or its objects: data loss and an easy extortion lever.',
  },
  'delete actions',
  (a) => /^oss:delete/i.test(a),
);
