import { describe, expect, it } from 'vitest';
import { emptySnapshot, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { enforceMfaPreference } from './enforce-mfa-preference.js';

describe('BWK-RAM-118 MFA enforced for console sign-in', () => {
  it('fails by default and passes once enforced', () => {
    expect(enforceMfaPreference.evaluate(emptySnapshot())[0]?.status).toBe('fail');
    const s = snapshotWith((x) => {
      x.ram.securityPreference.LoginProfilePreference.EnforceMFAForLogin = true;
    });
    expect(enforceMfaPreference.evaluate(s)[0]?.status).toBe('pass');
  });
});
