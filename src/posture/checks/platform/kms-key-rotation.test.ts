import { describe, expect, it } from 'vitest';
import { emptySnapshot, kmsKey, outcomes, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { kmsKeyRotation } from './kms-key-rotation.js';

describe('BWK-KMS-101 key rotation', () => {
  it('fails symmetric keys without rotation or rotating less than yearly; asymmetric keys are not applicable', () => {
    const s = snapshotWith((x) => {
      x.kms.keys = [
        kmsKey('key-yearly'),
        kmsKey('key-off', { automaticRotation: 'Disabled', rotationIntervalSeconds: null }),
        kmsKey('key-slow', { rotationIntervalSeconds: 400 * 86_400 }),
        kmsKey('key-rsa', { keySpec: 'RSA_2048', symmetric: false, automaticRotation: 'Disabled' }),
        kmsKey('key-gone', { state: 'PendingDeletion', automaticRotation: 'Disabled' }),
      ];
    });
    expect(outcomes(kmsKeyRotation, s)).toEqual({ 'bulwark:kms-key/key-yearly': 'pass', 'bulwark:kms-key/key-off': 'fail', 'bulwark:kms-key/key-slow': 'fail', 'bulwark:kms-key/key-rsa': 'not_applicable' });
  });

  it('is not applicable without keys', () => {
    expect(kmsKeyRotation.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
