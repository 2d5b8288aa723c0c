/** RAM policy documents and attachments: which attachment grants which policy. */
import { resourcesOf, type IacInput, type IacResource } from '../../iac/resource.js';
import { actionsOf, policyStatements } from './oss-bucket.js';

export const ATTACHMENT_TYPES = ['alicloud_ram_user_policy_attachment', 'alicloud_ram_group_policy_attachment', 'alicloud_ram_role_policy_attachment'];

/** System policies granting full access. */
const ADMIN_SYSTEM_POLICIES = ['AdministratorAccess'];

/** Whether an action grants a whole service (`*`, `ecs:*`). */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[\w-]+:\*$/.test(action);
}

/** Full-access actions a policy document allows; undefined when the document is unknown. */
export function fullAccessActions(doc: unknown): string[] | undefined {
  const statements = policyStatements(doc);
  if (!statements) return undefined;
  return statements.filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter(isWildcardAction);
}

/**
 * The full-access actions an attachment grants: a system admin policy, or a custom policy of the
 * scan whose document allows `*`/`service:*`. Undefined when the policy is not in the scan.
 */
export function attachmentFullAccess(attachment: IacResource, input: IacInput): string[] | undefined {
  const name = attachment.attributes.policy_name;
  if (typeof name !== 'string') return undefined;
  if (attachment.attributes.policy_type === 'System') return ADMIN_SYSTEM_POLICIES.includes(name) ? ['*'] : [];
  const policy = resourcesOf(input, 'alicloud_ram_policy').find((p) => (p.attributes.policy_name ?? p.attributes.name) === name);
  return policy ? fullAccessActions(policy.attributes.policy_document ?? policy.attributes.document) : undefined;
}
