import { fail, na, pass, resourceCheck } from './kit.js';
import { ATTACHMENT_TYPES, attachmentFullAccess } from './ram-policy.js';

export const ramAdminPolicyAttached = resourceCheck(
  {
    id: 'BWK-RAM-010',
    title: 'RAM policy with full access (* or service:*) is attached to a user, group or role',
    severity: 'high',
    resourceTypes: ATTACHMENT_TYPES,
    rationale: 'Wildcard actions break least privilege: one compromised identity controls whole services (or the account).',
    remediation: {
      console: 'RAM console → Permissions → Policies → the policy → Edit: list only the actions needed; detach it from principals that do not need it.',
      terraform: 'resource "alicloud_ram_policy" "p" {\n  policy_document = jsonencode({ Version = "1", Statement = [{\n    Effect = "Allow", Action = ["oss:GetObject", "oss:ListObjects"],\n    Resource = ["acs:oss:*:*:mybucket/*"] }] })\n}',
      cli: 'aliyun ram DetachPolicyFromUser --PolicyType Custom --PolicyName <policy> --UserName <user>',
    },
  },
  (r, input) => {
    const actions = attachmentFullAccess(r, input);
    if (actions === undefined) return na('the attached policy is not in the scan');
    return actions.length > 0 ? fail(['policy_name'], `attaches ${String(r.attributes.policy_name)}, which allows ${actions.join(', ')}`, { actions }) : pass();
  },
);
