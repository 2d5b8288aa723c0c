import { describe, expect, it } from 'vitest';
import { emptySnapshot, outcomes, snapshotWith, user } from '../../snapshot/test-support/snapshot-builder.js';
import { policiesOnUsers } from './policies-on-users.js';

describe('BWK-RAM-113 policies attached to users', () => {
  it('fails users with direct attachments and passes users granted through groups', () => {
    const s = snapshotWith((x) => {
      x.ram.users = [user('alice', { policies: [{ name: 'ReadOnlyAccess', type: 'System' }] }), user('bob', { groups: ['ops'] })];
    });
    expect(outcomes(policiesOnUsers, s)).toEqual({ 'bulwark:ram-user/alice': 'fail', 'bulwark:ram-user/bob': 'pass' });
    expect(policiesOnUsers.evaluate(s)[0]?.evidence).toEqual({ directPolicies: [{ name: 'ReadOnlyAccess', type: 'System' }] });
  });

  it('is not applicable without users', () => {
    expect(policiesOnUsers.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
