import { accountRef, daysBetween, notApplicable, result, userRef, type PlatformCheck } from './platform-check.js';

const ID = 'BWK-RAM-117';
export const CONSOLE_MAX_IDLE_DAYS = 90;

export const inactiveConsoleUsers: PlatformCheck = {
  id: ID,
  title: 'RAM users who have not signed in for 90 days have no console password',
  severity: 'low',
  source: 'platform',
  resourceTypes: ['bulwark:ram-user'],
  rationale: 'Dormant console access belongs to people who left or changed jobs; removing it shrinks what a guessed password can reach.',
  remediation: {
    console: 'RAM → Users → the user → Authentication → Console logon: disable it (delete the login profile).',
    cli: 'aliyun ram DeleteLoginProfile --UserName <name>',
  },
  evaluate(s) {
    const consoleUsers = s.ram.users.filter((u) => u.console !== null);
    if (consoleUsers.length === 0) return notApplicable(ID, accountRef(s), 'no RAM user has a console password');
    return consoleUsers.map((u) => {
      const since = u.lastLoginAt ?? u.console?.createdAt ?? u.createdAt;
      const idle = daysBetween(since, s.takenAt);
      const ok = idle < CONSOLE_MAX_IDLE_DAYS;
      return result(ID, ok ? 'pass' : 'fail', userRef(u.name), u.lastLoginAt ? `${u.name} last signed in ${idle} day(s) ago` : `${u.name} never signed in during the ${idle} day(s) since console access was granted`, { lastLoginAt: u.lastLoginAt, idleDays: idle, maxIdleDays: CONSOLE_MAX_IDLE_DAYS });
    });
  },
};
