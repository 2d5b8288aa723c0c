import { describe, expect, it } from 'vitest';
import { emptySnapshot, outcomes, snapshotWith, user } from '../../snapshot/test-support/snapshot-builder.js';
import { adminOnUsers } from './admin-on-users.js';
import { grantsFullAdmin } from './admin-policy.js';

const ADMIN = { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const RAM_ALL = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:*'], Resource: '*' }] };

describe('BWK-RAM-114 *:* policies on users', () => {
  it('recognises full-admin documents only', () => {
    expect(grantsFullAdmin(ADMIN)).toBe(true);
    expect(grantsFullAdmin({ Statement: { Effect: 'Allow', Action: ['*:*'], Resource: ['*'] } })).toBe(true);
    expect(grantsFullAdmin({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })).toBe(false);
    expect(grantsFullAdmin({ Statement: [{ Effect: 'Allow', Action: '*', Resource: 'acs:kms:*:*:key/*' }] })).toBe(false);
    expect(grantsFullAdmin(RAM_ALL)).toBe(false);
    expect(grantsFullAdmin('not json')).toBe(false);
  });

  it('fails users holding an admin policy directly or through a group', () => {
    const s = snapshotWith((x) => {
      x.ram.policies = [
        { name: 'AdministratorAccess', type: 'System', defaultVersion: 'v1', document: ADMIN },
        { name: 'RamAll', type: 'Custom', defaultVersion: 'v1', document: RAM_ALL },
      ];
      x.ram.groups = [{ id: 'g1', name: 'admins', policies: [{ name: 'AdministratorAccess', type: 'System' }] }];
      x.ram.users = [user('alice', { policies: [{ name: 'AdministratorAccess', type: 'System' }] }), user('bob', { groups: ['admins'] }), user('carol', { policies: [{ name: 'RamAll', type: 'Custom' }] })];
    });
    expect(outcomes(adminOnUsers, s)).toEqual({ 'bulwark:ram-user/alice': 'fail', 'bulwark:ram-user/bob': 'fail', 'bulwark:ram-user/carol': 'pass' });
    expect(adminOnUsers.evaluate(s)[1]?.evidence).toEqual({ adminGrants: [{ policy: 'AdministratorAccess', type: 'System', via: 'group admins' }] });
  });

  it('is not applicable without users', () => {
    expect(adminOnUsers.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
