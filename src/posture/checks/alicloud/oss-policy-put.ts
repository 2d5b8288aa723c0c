import { ossPublicActionCheck } from './oss-policy-check.js';

export const ossPolicyPut = ossPublicActionCheck(
  {
    id: 'BWK-OSS-004',
    title: 'OSS bucket policy allows put actions to all principals',
    severity: 'critical',
    rationale: 'Anyone could upload or overwrite objects (malware hosting, defacement) or change ACLs.',
  },
  'put actions',
  (a) => /^oss:put/i.test(a),
);
