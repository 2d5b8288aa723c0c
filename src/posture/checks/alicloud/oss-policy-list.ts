import { ossPublicActionCheck } from './oss-policy-check.js';

export const ossPolicyList = ossPublicActionCheck(
  {
    id: 'BWK-OSS-003',
    title: 'OSS bucket policy allows list actions to all principals',
    severity: 'high',
    rationale: 'Public listing reveals every object name, the usual first step to harvesting a bucket.',
  },
  'list actions',
  (a) => /^oss:list/i.test(a),
);
