import { describe, expect, it } from 'vitest';
import { daysAgo, emptySnapshot, outcomes, snapshotWith, user } from '../../snapshot/test-support/snapshot-builder.js';
import { inactiveConsoleUsers } from './inactive-console-users.js';

describe('BWK-RAM-117 dormant console users', () => {
  it('fails console users idle for 90 days (never signed in counts from the login profile)', () => {
    const s = snapshotWith((x) => {
      x.ram.users = [
        user('active', { console: { createdAt: daysAgo(300), mfaBindRequired: false }, lastLoginAt: daysAgo(5) }),
        user('gone', { console: { createdAt: daysAgo(300), mfaBindRequired: false }, lastLoginAt: daysAgo(100) }),
        user('never', { console: { createdAt: daysAgo(91), mfaBindRequired: false } }),
        user('new', { console: { createdAt: daysAgo(3), mfaBindRequired: false } }),
      ];
    });
    expect(outcomes(inactiveConsoleUsers, s)).toEqual({ 'bulwark:ram-user/active': 'pass', 'bulwark:ram-user/gone': 'fail', 'bulwark:ram-user/never': 'fail', 'bulwark:ram-user/new': 'pass' });
  });

  it('is not applicable without console users', () => {
    expect(inactiveConsoleUsers.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
