import { accountRef, notApplicable, result, userRef, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-115';

export const consoleAndApiAccess: PlatformCheck = {
  id: ID,
  title: 'No RAM user has both console and API (AccessKey) access',
  severity: 'medium',
  source: 'platform',
  resourceTypes: ['bulwark:ram-user'],
  rationale: 'People sign in to the console; programs use AccessKeys. Separate identities keep a leaked program key from reaching a person\'s console rights and make each easier to review.',
  remediation: {
    console: 'RAM → Users: create a separate user for the program (API access only), move the AccessKey there, and delete it from the console user.',
    cli: 'aliyun ram DeleteAccessKey --UserName <name> --UserAccessKeyId <id>   # or: aliyun ram DeleteLoginProfile --UserName <name>',
  },
  evaluate(s) {
    if (s.ram.users.length === 0) return notApplicable(ID, accountRef(s), 'no RAM users');
    return s.ram.users.map((u) => {
      const active = u.accessKeys.filter((k) => k.status === 'Active').map((k) => k.id);
      const both = u.console !== null && active.length > 0;
      return result(ID, both ? 'fail' : 'pass', userRef(u.name), both ? `${u.name} has a console password and ${active.length} active AccessKey(s)` : `${u.name} has ${u.console ? 'console access only' : active.length > 0 ? 'API access only' : 'neither console nor API access'}`, { console: u.console !== null, activeAccessKeys: active });
    });
  },
};
