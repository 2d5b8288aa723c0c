import { blocks, fail, isFalse, resourceCheck, unknownBlock } from './kit.js';

export const ossLifecycle = resourceCheck(
  {
    id: 'BWK-OSS-008',
    title: 'OSS bucket has no enabled lifecycle rule',
    severity: 'low',
    resourceTypes: ['alicloud_oss_bucket'],
    rationale: 'Lifecycle rules expire or archive old objects and versions, limiting what a breach exposes and keeping retention deliberate.',
    remediation: {
      console: 'OSS console → the bucket → Data management → Lifecycle → Create rule (enabled).',
      terraform: 'resource "alicloud_oss_bucket" "b" {\n  lifecycle_rule {\n    enabled = true\n    prefix  = ""\n    expiration { days = 365 }\n  }\n}',
      cli: 'aliyun oss lifecycle --method put oss://<bucket> lifecycle.xml',
    },
  },
  (r) => {
    const unknown = unknownBlock(r, 'lifecycle_rule');
    if (unknown) return unknown;
    const rules = blocks(r, 'lifecycle_rule');
    if (rules.length === 0) return fail(['lifecycle_rule'], 'no lifecycle rule');
    const disabled = rules.flatMap((rule, i) => (isFalse(rule.enabled) ? [i] : []));
    return disabled.map((i) => fail(['lifecycle_rule', i, 'enabled'], `lifecycle rule ${String(rules[i]!.id ?? i)} is disabled`));
  },
);
