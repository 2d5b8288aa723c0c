import { accountRef, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-101';

export const rootAccessKey: PlatformCheck = {
  id: ID,
  title: 'The root account has no AccessKey',
  severity: 'high',
  source: 'platform',
  resourceTypes: ['bulwark:account', 'bulwark:access-key'],
  rationale: "A root AccessKey has every permission of the account and cannot be limited by RAM policies; use RAM users or roles with least privilege instead.",
  remediation: {
    console: 'Create a RAM user (or role) for the workload, move callers to its AccessKey, then delete the root AccessKey under AccessKey management.',
    cli: 'aliyun ram DeleteAccessKey --UserAccessKeyId <root-key-id>   # signed with the root identity',
  },
  evaluate(s) {
    const keys = s.ram.root.accessKeys;
    if (keys.length === 0) return [result(ID, 'pass', accountRef(s), 'the root account has no AccessKey', { rootAccessKeys: 0 })];
    return keys.map((k) => result(ID, 'fail', { id: `bulwark:access-key/${k.id}`, type: 'bulwark:access-key' }, `the root account has ${k.status === 'Active' ? 'an active' : 'an inactive'} AccessKey ${k.id}`, { accessKeyId: k.id, status: k.status, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt }));
  },
};
