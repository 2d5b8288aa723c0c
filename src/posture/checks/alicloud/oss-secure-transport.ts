import { fail, na, pass, resourceCheck } from './kit.js';
import { bucketPolicy, policyStatements, type PolicyStatement } from './oss-bucket.js';

function secureTransport(s: PolicyStatement): string | undefined {
  for (const op of Object.values(s.Condition ?? {})) {
    for (const [k, v] of Object.entries(op)) if (k.toLowerCase() === 'acs:securetransport') return String(Array.isArray(v) ? v[0] : v).toLowerCase();
  }
  return undefined;
}

export const ossSecureTransport = resourceCheck(
  {
    id: 'BWK-OSS-013',
    title: 'OSS bucket does not enforce HTTPS (secure transport)',
    severity: 'medium',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'Without a policy denying acs:SecureTransport = false, clients may send data and signatures over plain HTTP.',
    remediation: {
      console: 'OSS console → the bucket → Bucket policy → add: Deny all actions to * when acs:SecureTransport is false.',
      terraform: '{ "Effect": "Deny", "Action": ["oss:*"], "Principal": ["*"], "Resource": ["acs:oss:*:*:<bucket>/*"],\n  "Condition": { "Bool": { "acs:SecureTransport": ["false"] } } }  # a statement of the bucket policy',
      cli: 'aliyun oss bucket-policy oss://<bucket> --method put policy.json',
    },
  },
  (r, input) => {
    const policy = bucketPolicy(r, input);
    if (!policy) return fail(['policy'], 'no bucket policy enforces HTTPS');
    const statements = policyStatements(policy.doc);
    if (!statements) return na('policy is unknown or not valid JSON');
    const enforced = statements.some((s) => (s.Effect === 'Deny' && secureTransport(s) === 'false') || (s.Effect === 'Allow' && secureTransport(s) === 'true'));
    return enforced ? pass() : fail(policy.holder === r ? ['policy'] : [], 'the bucket policy does not require acs:SecureTransport');
  },
);
