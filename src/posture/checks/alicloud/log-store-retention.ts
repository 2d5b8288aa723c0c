import { expectAttr, num, resourceCheck } from './kit.js';

export const logStoreRetention = resourceCheck(
  {
    id: 'BWK-SLS-001',
    title: 'Log Service logstore keeps logs 90 days or less',
    severity: 'low',
    resourceTypes: ['alicloud_log_store'],
    rationale: 'Intrusions are often found months later; logs must outlive the detection delay (CIS and MLPS expect more than 90 days / 6 months).',
    remediation: {
      console: 'Log Service console → the project → the logstore → Modify → Data retention period > 90 days.',
      terraform: 'resource "alicloud_log_store" "s" {\n  retention_period = 180\n}',
      cli: 'aliyun sls UpdateLogStore --project <p> --logstore <s> --ttl 180',
    },
  },
  (r) => expectAttr(r, 'retention_period', (v) => (num(v) ?? 0) > 90, { missing: 'fail', message: 'logs are kept 90 days or less (default 30)' }),
);
