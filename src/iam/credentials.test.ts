import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { openPlatform, type Platform } from '../server/platform.js';
import { initAccount } from './bootstrap.js';
import { CredentialStore } from './credentials.js';
import type { IamTables } from './tables.js';

describe('CredentialStore', () => {
  let dir: string;
  let platform: Platform;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-cred-'));
    platform = await openPlatform({ dataDir: dir, logger: createLogger({ level: 'silent' }) });
  });
  afterEach(async () => {
    await platform.storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a key with its unsealed secret and records last use at most once a minute', async () => {
    const { accessKeyId, accessKeySecret, accountId } = await initAccount(platform);
    const db = () => platform.storage.db<IamTables>() as Kysely<IamTables>;
    const store = new CredentialStore(db, platform.sealer);
    expect(await store.resolve(accessKeyId)).toMatchObject({ accountId, principalType: 'root', secret: accessKeySecret, status: 'Active' });
    expect(await store.resolve('LTAInotthere000000000000')).toBeUndefined();
    const lastUsed = async () => (await db().selectFrom('iam_access_keys').select('last_used_at').where('id', '=', accessKeyId).executeTakeFirstOrThrow()).last_used_at;
    await store.touch(accessKeyId, 'ram', '2026-01-01T00:00:00Z');
    await store.touch(accessKeyId, 'ram', '2026-01-01T00:00:30Z');
    expect(await lastUsed()).toBe('2026-01-01T00:00:00Z');
    await store.touch(accessKeyId, 'ram', '2026-01-01T00:01:01Z');
    expect(await lastUsed()).toBe('2026-01-01T00:01:01Z');
  });
});
