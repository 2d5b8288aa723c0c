import { fail, resourceCheck } from './kit.js';

export const ramPolicyOnUser = resourceCheck(
  {
    id: 'BWK-RAM-011',
    title: 'RAM policy attached directly to a user',
    severity: 'medium',
    resourceTypes: ['alicloud_ram_user_policy_attachment'],
    rationale: 'Granting through groups and roles keeps permissions reviewable and removes them when people change jobs.',
    remediation: {
      console: 'RAM console → the user → Permissions → remove the policy; add the user to a group that has it.',
      terraform: 'resource "alicloud_ram_group_policy_attachment" "g" {\n  group_name  = alicloud_ram_group.devs.name\n  policy_name = alicloud_ram_policy.p.name\n  policy_type = "Custom"\n}',
      cli: 'aliyun ram DetachPolicyFromUser … && aliyun ram AttachPolicyToGroup …',
    },
  },
  (r) => fail([], `policy ${String(r.attributes.policy_name)} is attached to user ${String(r.attributes.user_name)}`),
);
