import { grantsFullAdmin } from './admin-policy.js';
import { accountRef, notApplicable, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-116';

export const customAdminPolicy: PlatformCheck = {
  id: ID,
  title: 'No custom RAM policy grants full *:* administrative privileges',
  severity: 'medium',
  source: 'platform',
  resourceTypes: ['bulwark:ram-policy'],
  rationale: 'Custom policies should grant only what a job needs; a custom `*:*` policy is AdministratorAccess under another name and escapes reviews that look for it.',
  remediation: {
    console: 'RAM → Policies → the custom policy: replace the `*` actions with the actions the job needs (or delete the policy).',
    cli: 'aliyun ram CreatePolicyVersion --PolicyName <name> --PolicyDocument file://least-privilege.json --SetAsDefault true',
  },
  evaluate(s) {
    const custom = s.ram.policies.filter((p) => p.type === 'Custom');
    if (custom.length === 0) return notApplicable(ID, accountRef(s), 'no custom RAM policies');
    return custom.map((p) => {
      const admin = grantsFullAdmin(p.document);
      return result(ID, admin ? 'fail' : 'pass', { id: `bulwark:ram-policy/${p.name}`, type: 'bulwark:ram-policy' }, admin ? `custom policy ${p.name} (version ${p.defaultVersion}) allows * on *` : `custom policy ${p.name} does not allow * on *`, { policy: p.name, defaultVersion: p.defaultVersion, fullAdmin: admin });
    });
  },
};
