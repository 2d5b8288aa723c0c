import { describe, expect, it } from 'vitest';
import { daysAgo, emptySnapshot, key, outcomes, snapshotWith, user } from '../../snapshot/test-support/snapshot-builder.js';
import { accessKeyUnused } from './access-key-unused.js';

describe('BWK-RAM-112 unused AccessKeys', () => {
  it('fails keys idle for 90 days, counting never-used keys from their creation', () => {
    const s = snapshotWith((x) => {
      x.ram.users = [
        user('alice', {
          accessKeys: [key('LTAIbusy', { createdAt: daysAgo(300), lastUsedAt: daysAgo(2) }), key('LTAIidle', { createdAt: daysAgo(300), lastUsedAt: daysAgo(120) })],
        }),
        user('bob', { accessKeys: [key('LTAInever', { createdAt: daysAgo(95), lastUsedAt: null }), key('LTAInew', { createdAt: daysAgo(3), lastUsedAt: null })] }),
      ];
    });
    expect(outcomes(accessKeyUnused, s)).toEqual({ 'bulwark:access-key/LTAIbusy': 'pass', 'bulwark:access-key/LTAIidle': 'fail', 'bulwark:access-key/LTAInever': 'fail', 'bulwark:access-key/LTAInew': 'pass' });
  });

  it('is not applicable without active keys', () => {
    expect(accessKeyUnused.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
