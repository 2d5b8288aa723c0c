import type { PlatformSnapshot } from '../../snapshot/snapshot.js';
import { accountRef, daysBetween, notApplicable, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-111';
export const ACCESS_KEY_MAX_AGE_DAYS = 90;

/** Every active AccessKey with its owner (`root` or the user name). */
export function activeKeys(s: PlatformSnapshot) {
  return [...s.ram.root.accessKeys.map((k) => ({ owner: 'root', key: k })), ...s.ram.users.flatMap((u) => u.accessKeys.map((k) => ({ owner: u.name, key: k })))].filter((e) => e.key.status === 'Active');
}

export const accessKeyAge: PlatformCheck = {
  id: ID,
  title: 'Active AccessKeys are rotated within 90 days',
  severity: 'medium',
  source: 'platform',
  resourceTypes: ['bulwark:access-key'],
  rationale: 'Long-lived keys accumulate exposure (logs, laptops, repositories); rotating every 90 days bounds the window a leaked key is useful.',
  remediation: {
    console: 'RAM → Users → the user → AccessKey: create a second key, move callers to it, disable and then delete the old key.',
    cli: 'aliyun ram CreateAccessKey --UserName <name> && aliyun ram UpdateAccessKey --UserName <name> --UserAccessKeyId <old> --Status Inactive && aliyun ram DeleteAccessKey --UserName <name> --UserAccessKeyId <old>',
  },
  evaluate(s) {
    const keys = activeKeys(s);
    if (keys.length === 0) return notApplicable(ID, accountRef(s), 'no active AccessKey');
    return keys.map(({ owner, key }) => {
      const age = daysBetween(key.createdAt, s.takenAt);
      const ok = age <= ACCESS_KEY_MAX_AGE_DAYS;
      return result(ID, ok ? 'pass' : 'fail', { id: `bulwark:access-key/${key.id}`, type: 'bulwark:access-key' }, `AccessKey ${key.id} of ${owner} is ${age} day(s) old${ok ? '' : ` (more than ${ACCESS_KEY_MAX_AGE_DAYS})`}`, { owner, createdAt: key.createdAt, ageDays: age, maxAgeDays: ACCESS_KEY_MAX_AGE_DAYS });
    });
  },
};
