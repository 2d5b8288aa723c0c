import { describe, expect, it } from 'vitest';
import { emptySnapshot, kmsKey, outcomes, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { kmsKeyPendingDeletion } from './kms-key-pending-deletion.js';

describe('BWK-KMS-102 keys pending deletion', () => {
  it('fails keys pending deletion with the destruction time as evidence', () => {
    const s = snapshotWith((x) => {
      x.kms.keys = [kmsKey('key-a'), kmsKey('key-b', { state: 'PendingDeletion', deleteAt: '2026-06-08T00:00:00Z' })];
    });
    expect(outcomes(kmsKeyPendingDeletion, s)).toEqual({ 'bulwark:kms-key/key-a': 'pass', 'bulwark:kms-key/key-b': 'fail' });
    expect(kmsKeyPendingDeletion.evaluate(s)[1]?.evidence).toEqual({ state: 'PendingDeletion', deleteAt: '2026-06-08T00:00:00Z' });
  });

  it('is not applicable without keys', () => {
    expect(kmsKeyPendingDeletion.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
