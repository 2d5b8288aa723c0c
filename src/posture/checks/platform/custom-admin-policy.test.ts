import { describe, expect, it } from 'vitest';
import { emptySnapshot, outcomes, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { customAdminPolicy } from './custom-admin-policy.js';

describe('BWK-RAM-116 custom *:* policies', () => {
  it('fails custom policies allowing * on * and ignores system policies', () => {
    const s = snapshotWith((x) => {
      x.ram.policies = [
        { name: 'AdministratorAccess', type: 'System', defaultVersion: 'v1', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
        { name: 'AllOfIt', type: 'Custom', defaultVersion: 'v2', document: { Statement: [{ Effect: 'Allow', Action: '*:*', Resource: '*' }] } },
        { name: 'KmsUse', type: 'Custom', defaultVersion: 'v1', document: { Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] } },
      ];
    });
    expect(outcomes(customAdminPolicy, s)).toEqual({ 'bulwark:ram-policy/AllOfIt': 'fail', 'bulwark:ram-policy/KmsUse': 'pass' });
  });

  it('is not applicable without custom policies', () => {
    expect(customAdminPolicy.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
