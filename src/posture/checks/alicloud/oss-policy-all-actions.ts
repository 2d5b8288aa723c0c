import { ossPublicActionCheck } from './oss-policy-check.js';

export const ossPolicyAllActions = ossPublicActionCheck(
  {
    id: 'BWK-OSS-001',
    title: 'OSS bucket policy allows all actions to all principals',
    severity: 'critical',
    rationale: 'oss:* for * gives anyone on the internet full control of the bucket: read, overwrite, delete, change its policy.',
  },
  'all actions',
  (a) => a === '*' || a.toLowerCase() === 'oss:*',
);
