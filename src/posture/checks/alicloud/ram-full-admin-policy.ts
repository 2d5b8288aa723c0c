import { fail, na, pass, resourceCheck } from './kit.js';
import { actionsOf, policyStatements, statementResources } from './oss-bucket.js';

export const ramFullAdminPolicy = resourceCheck(
  {
    id: 'BWK-RAM-014',
    title: 'RAM policy allows *:* (full administrative privileges)',
    severity: 'high',
    resourceTypes: ['alicloud_ram_policy'],
    rationale: 'A custom policy granting every action on every resource makes whoever holds it an account administrator; CIS asks that such policies are not created.',
    remediation: {
      console: 'RAM console → Permissions → Policies → the policy → Modify: list the actions and resources really needed (or use the system AdministratorAccess for the few admins).',
      terraform: 'resource "alicloud_ram_policy" "p" {\n  policy_document = jsonencode({ Version = "1", Statement = [{\n    Effect = "Allow", Action = ["ecs:Describe*"], Resource = ["*"] }] })\n}',
      cli: 'aliyun ram CreatePolicyVersion --PolicyName <policy> --PolicyDocument file://least-privilege.json --SetAsDefault true',
    },
  },
  (r) => {
    const statements = policyStatements(r.attributes.policy_document ?? r.attributes.document);
    if (!statements) return na('the policy document is unknown or not valid JSON');
    const full = statements.some((s) => s.Effect === 'Allow' && actionsOf(s).includes('*') && statementResources(s).includes('*'));
    return full ? fail([r.attributes.policy_document !== undefined ? 'policy_document' : 'document'], 'a statement allows Action "*" on Resource "*"') : pass();
  },
);
