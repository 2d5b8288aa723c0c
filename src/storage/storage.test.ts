import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import { openStorage } from './database.js';
import { storageConformance } from './test-support/conformance.js';
import { storageTargets } from './test-support/targets.js';

for (const target of storageTargets()) storageConformance(target);

describe('openStorage', () => {
  it('rejects URLs that are neither empty nor postgres', () => {
    expect(() => openStorage({ dataDir: '/tmp', database: 'mysql://x' })).toThrow(BulwarkError);
  });

  it('rejects unsafe schema names', () => {
    expect(() => openStorage({ dataDir: '/tmp', database: 'postgres://127.0.0.1/test', schema: 'x; drop' })).toThrow(/schema/);
  });

  it('hides the password in the location', async () => {
    const s = openStorage({ dataDir: '/tmp', database: 'postgres://u:sekrit@127.0.0.1:1/db' });
    expect(s.location).not.toContain('sekrit');
    await s.close();
  });
});
