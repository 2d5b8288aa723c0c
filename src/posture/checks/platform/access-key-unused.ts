import { activeKeys } from './access-key-age.js';
import { accountRef, daysBetween, notApplicable, result, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-112';
export const ACCESS_KEY_MAX_IDLE_DAYS = 90;

export const accessKeyUnused: PlatformCheck = {
  id: ID,
  title: 'No active AccessKey has gone unused for 90 days',
  severity: 'medium',
  source: 'platform',
  resourceTypes: ['bulwark:access-key'],
  rationale: 'A key nobody uses is pure risk: it can only be used by someone who should not have it.',
  remediation: {
    console: 'RAM → Users → the user → AccessKey: disable the unused key, wait for complaints, then delete it.',
    cli: 'aliyun ram UpdateAccessKey --UserName <name> --UserAccessKeyId <id> --Status Inactive',
  },
  evaluate(s) {
    const keys = activeKeys(s);
    if (keys.length === 0) return notApplicable(ID, accountRef(s), 'no active AccessKey');
    return keys.map(({ owner, key }) => {
      // a key never used counts from its creation
      const since = key.lastUsedAt ?? key.createdAt;
      const idle = daysBetween(since, s.takenAt);
      const ok = idle < ACCESS_KEY_MAX_IDLE_DAYS;
      const what = key.lastUsedAt ? `last used ${idle} day(s) ago` : `never used in the ${idle} day(s) since its creation`;
      return result(ID, ok ? 'pass' : 'fail', { id: `bulwark:access-key/${key.id}`, type: 'bulwark:access-key' }, `AccessKey ${key.id} of ${owner} was ${what}`, { owner, lastUsedAt: key.lastUsedAt, createdAt: key.createdAt, idleDays: idle, maxIdleDays: ACCESS_KEY_MAX_IDLE_DAYS });
    });
  },
};
