import { describe, expect, it } from 'vitest';
import { consoleAccess, emptySnapshot, key, outcomes, snapshotWith, user } from '../../snapshot/test-support/snapshot-builder.js';
import { consoleAndApiAccess } from './console-and-api-access.js';

describe('BWK-RAM-115 console and API access on one user', () => {
  it('fails only users with a console password and an active AccessKey', () => {
    const s = snapshotWith((x) => {
      x.ram.users = [
        user('both', { console: consoleAccess, accessKeys: [key('LTAIa')] }),
        user('person', { console: consoleAccess, accessKeys: [key('LTAIb', { status: 'Inactive' })] }),
        user('program', { accessKeys: [key('LTAIc')] }),
      ];
    });
    expect(outcomes(consoleAndApiAccess, s)).toEqual({ 'bulwark:ram-user/both': 'fail', 'bulwark:ram-user/person': 'pass', 'bulwark:ram-user/program': 'pass' });
  });

  it('is not applicable without users', () => {
    expect(consoleAndApiAccess.evaluate(emptySnapshot())[0]?.status).toBe('not_applicable');
  });
});
