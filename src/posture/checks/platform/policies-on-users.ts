import { accountRef, notApplicable, result, userRef, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-113';

export const policiesOnUsers: PlatformCheck = {
  id: ID,
  title: 'RAM policies are attached to groups or roles, not directly to users',
  severity: 'low',
  source: 'platform',
  resourceTypes: ['bulwark:ram-user'],
  rationale: 'Permissions granted through groups or roles are reviewed and revoked in one place; per-user grants drift.',
  remediation: {
    console: 'RAM → Groups: create a group for the job, attach the policies to it, add the user, then remove the user\'s direct attachments.',
    terraform: 'resource "alicloud_ram_group_policy_attachment" "this" {\n  group_name  = alicloud_ram_group.team.name\n  policy_name = "ReadOnlyAccess"\n  policy_type = "System"\n}',
    cli: 'aliyun ram AttachPolicyToGroup --GroupName <group> --PolicyType System --PolicyName <policy> && aliyun ram DetachPolicyFromUser --UserName <name> --PolicyType System --PolicyName <policy>',
  },
  evaluate(s) {
    if (s.ram.users.length === 0) return notApplicable(ID, accountRef(s), 'no RAM users');
    return s.ram.users.map((u) =>
      u.policies.length === 0
        ? result(ID, 'pass', userRef(u.name), `${u.name} has no directly attached policy`, { directPolicies: [] })
        : result(ID, 'fail', userRef(u.name), `${u.name} has ${u.policies.length} directly attached polic${u.policies.length === 1 ? 'y' : 'ies'}: ${u.policies.map((p) => p.name).join(', ')}`, { directPolicies: u.policies }),
    );
  },
};
