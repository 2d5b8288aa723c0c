import { fail, isFalse, isUnknown, na, pass, resourceCheck } from './kit.js';

export const kmsKeyEnabled = resourceCheck(
  {
    id: 'BWK-KMS-002',
    title: 'KMS key is disabled or pending deletion',
    severity: 'medium',
    resourceTypes: ['alicloud_kms_key'],
    rationale: 'Data encrypted under a disabled or deleted key cannot be decrypted: an outage, or permanent loss after deletion.',
    remediation: {
      console: 'KMS console → Keys → the key → Enable (or Cancel deletion).',
      terraform: 'resource "alicloud_kms_key" "k" {\n  status = "Enabled"\n}',
      cli: 'aliyun kms EnableKey --KeyId <key>   # or: bulwark kms enable-key',
    },
  },
  (r) => {
    const status = r.attributes.status ?? r.attributes.key_state;
    if (isUnknown(status)) return na('status is only known at apply time');
    if (typeof status === 'string' && status !== 'Enabled') return fail(['status'], `key status is ${status}`, { status });
    if (isFalse(r.attributes.is_enabled)) return fail(['is_enabled'], 'is_enabled = false');
    return pass();
  },
);
