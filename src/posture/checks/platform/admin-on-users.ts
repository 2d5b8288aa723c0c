import { adminPolicies } from './admin-policy.js';
import { accountRef, notApplicable, result, userRef, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-114';

export const adminOnUsers: PlatformCheck = {
  id: ID,
  title: 'No RAM user holds a full-administrator (*:*) policy',
  severity: 'high',
  source: 'platform',
  resourceTypes: ['bulwark:ram-user'],
  rationale: 'A user with `*` on `*` can do anything, including removing the controls that would notice; administrators should assume a role with MFA when needed.',
  remediation: {
    console: 'RAM → Users → the user → Permissions: remove AdministratorAccess (or the custom *:* policy) from the user and its groups; grant least-privilege policies, and a role for break-glass administration.',
    cli: 'aliyun ram DetachPolicyFromUser --UserName <name> --PolicyType System --PolicyName AdministratorAccess',
  },
  evaluate(s) {
    if (s.ram.users.length === 0) return notApplicable(ID, accountRef(s), 'no RAM users');
    return s.ram.users.map((u) => {
      const direct = adminPolicies(s.ram, u.policies).map((p) => ({ policy: p.name, type: p.type, via: 'user' }));
      const viaGroups = s.ram.groups.filter((g) => u.groups.includes(g.name)).flatMap((g) => adminPolicies(s.ram, g.policies).map((p) => ({ policy: p.name, type: p.type, via: `group ${g.name}` })));
      const grants = [...direct, ...viaGroups];
      if (grants.length === 0) return result(ID, 'pass', userRef(u.name), `${u.name} has no *:* policy`, { adminGrants: [] });
      return result(ID, 'fail', userRef(u.name), `${u.name} has full administrator rights through ${grants.map((g) => `${g.policy} (${g.via})`).join(', ')}`, { adminGrants: grants });
    });
  },
};
