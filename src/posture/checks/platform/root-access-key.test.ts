import { describe, expect, it } from 'vitest';
import { emptySnapshot, key, outcomes, snapshotWith } from '../../snapshot/test-support/snapshot-builder.js';
import { rootAccessKey } from './root-access-key.js';

describe('BWK-RAM-101 root AccessKey', () => {
  it('passes without root keys and fails for each root key, active or not', () => {
    expect(outcomes(rootAccessKey, emptySnapshot())).toEqual({ 'bulwark:account/1000000000000001': 'pass' });
    const s = snapshotWith((x) => {
      x.ram.root.accessKeys = [key('LTAIroot1'), key('LTAIroot2', { status: 'Inactive' })];
    });
    expect(outcomes(rootAccessKey, s)).toEqual({ 'bulwark:access-key/LTAIroot1': 'fail', 'bulwark:access-key/LTAIroot2': 'fail' });
    expect(rootAccessKey.evaluate(s)[1]?.message).toContain('inactive');
  });
});
