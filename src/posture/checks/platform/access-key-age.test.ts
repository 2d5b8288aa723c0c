import { describe, expect, it } from 'vitest';
import { daysAgo, emptySnapshot, key, outcomes, snapshotWith, user } from '../../snapshot/test-support/snapshot-builder.js';
import { accessKeyAge } from './access-key-age.js';

describe('BWK-RAM-111 AccessKey age', () => {
  it('fails active keys older than 90 days (users and root), ignores inactive ones', () => {
    const s = snapshotWith((x) => {
      x.ram.root.accessKeys = [key('LTAIroot', { createdAt: daysAgo(200) })];
      x.ram.users = [user('alice', { accessKeys: [key('LTAIfresh', { createdAt: daysAgo(90) }), key('LTAIold', { createdAt: daysAgo(91) })] }), user('bob', { accessKeys: [key('LTAIoff', { status: 'Inactive', createdAt: daysAgo(400) })] })];
    });
    expect(outcomes(accessKeyAge, s)).toEqual({ 'bulwark:access-key/LTAIroot': 'fail', 'bulwark:access-key/LTAIfresh': 'pass', 'bulwark:access-key/LTAIold': 'fail' });
    expect(accessKeyAge.evaluate(s)[2]?.evidence).toMatchObject({ owner: 'alice', ageDays: 91, maxAgeDays: 90 });
  });

  it('is not applicable without active keys', () => {
    expect(accessKeyAge.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
