import { describe, expect, it } from 'vitest';
import { consoleAccess, emptySnapshot, outcomes, snapshotWith, user } from '../../snapshot/test-support/snapshot-builder.js';
import { consoleUserMfa } from './console-user-mfa.js';

describe('BWK-RAM-102 console users without MFA', () => {
  it('fails console users without MFA, passes those with it, ignores API-only users', () => {
    const s = snapshotWith((x) => {
      x.ram.users = [user('alice', { console: consoleAccess }), user('bob', { console: consoleAccess, mfa: { serialNumber: 'acs:ram::1:mfa/bob', activatedAt: '2026-01-01T00:00:00Z' } }), user('ci')];
    });
    expect(outcomes(consoleUserMfa, s)).toEqual({ 'bulwark:ram-user/alice': 'fail', 'bulwark:ram-user/bob': 'pass' });
  });

  it('is not applicable without console users', () => {
    expect(consoleUserMfa.evaluate(emptySnapshot()).map((r) => r.status)).toEqual(['not_applicable']);
  });
});
