import { fail, na, pass, resourceCheck } from './kit.js';
import { bucketPolicy, policyStatements } from './oss-bucket.js';

export const ossIpRestriction = resourceCheck(
  {
    id: 'BWK-OSS-007',
    title: 'OSS bucket policy does not restrict source IP addresses',
    severity: 'medium',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'A policy with an acs:SourceIp condition limits where requests may come from, so leaked credentials are less useful.',
    remediation: {
      console: 'OSS console → the bucket → Bucket policy → add a statement with condition IP = your networks (or a Deny for NotIpAddress).',
      terraform: '"Condition": { "NotIpAddress": { "acs:SourceIp": ["192.0.2.0/24"] } }  # in a Deny statement of the bucket policy',
      cli: 'aliyun oss bucket-policy oss://<bucket> --method put policy.json',
    },
  },
  (r, input) => {
    const policy = bucketPolicy(r, input);
    if (!policy) return na('no bucket policy');
    const statements = policyStatements(policy.doc);
    if (!statements) return na('policy is unknown or not valid JSON');
    const restricted = statements.some((s) => Object.values(s.Condition ?? {}).some((op) => Object.keys(op).some((k) => k.toLowerCase() === 'acs:sourceip')));
    return restricted ? pass() : fail(policy.holder === r ? ['policy'] : [], 'no statement of the bucket policy has an acs:SourceIp condition');
  },
);
