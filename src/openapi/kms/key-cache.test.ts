import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsClient } from '../../kms/client.js';
import { KEY_CACHE_TTL_MS } from '../../kms/key-cache.js';
import { kmsRuntime } from '../../kms/runtime.js';
import { runKmsJobs } from '../../kms/scheduler.js';
import { fixedClock } from '../../core/clock.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

/** Encrypt's error code, or 'ok' with the key and version used. */
async function encrypt(client: KmsClient, keyId: string): Promise<string> {
  try {
    const r = await client.call('Encrypt', { KeyId: keyId, Plaintext: 'hello' });
    return `ok ${String(r.KeyId)} ${String(r.KeyVersionId)}`;
  } catch (e) {
    return String((e as Error).message).split(':')[0]!;
  }
}

// The hot path caches keys, aliases and versions (src/kms/key-cache.ts): every change must still
// take effect on the very next call, each one asserted right after a cached (warm) call.
describe('KMS key cache through the signed API', () => {
  let t: TestServer;
  let client: KmsClient;
  beforeAll(async () => {
    t = await startTestServer();
    client = new KmsClient(t.server.url, { accessKeyId: t.root.accessKeyId, accessKeySecret: t.root.accessKeySecret });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (): Promise<{ id: string; version: string }> => {
    const meta = (await client.call('CreateKey', {})).KeyMetadata as { KeyId: string; PrimaryKeyVersion: string };
    return { id: meta.KeyId, version: meta.PrimaryKeyVersion };
  };

  it('disable, enable, deletion, cancel and rotation take effect on the next call', async () => {
    const key = await create();
    expect(await encrypt(client, key.id)).toBe(`ok ${key.id} ${key.version}`);
    expect(await encrypt(client, key.id)).toBe(`ok ${key.id} ${key.version}`);
    await client.call('DisableKey', { KeyId: key.id });
    expect(await encrypt(client, key.id)).toBe('Rejected.Disabled');
    await client.call('EnableKey', { KeyId: key.id });
    expect(await encrypt(client, key.id)).toBe(`ok ${key.id} ${key.version}`);
    await client.call('ScheduleKeyDeletion', { KeyId: key.id, PendingWindowInDays: '7' });
    expect(await encrypt(client, key.id)).toBe('Rejected.PendingDeletion');
    await client.call('CancelKeyDeletion', { KeyId: key.id });
    expect(await encrypt(client, key.id)).toBe(`ok ${key.id} ${key.version}`);
    const rotated = ((await client.call('CreateKeyVersion', { KeyId: key.id })).KeyVersion as { KeyVersionId: string }).KeyVersionId;
    expect(rotated).not.toBe(key.version);
    expect(await encrypt(client, key.id)).toBe(`ok ${key.id} ${rotated}`);
  });

  it('alias changes take effect on the next call', async () => {
    const a = await create();
    const b = await create();
    await client.call('CreateAlias', { AliasName: 'alias/cached', KeyId: a.id });
    expect(await encrypt(client, 'alias/cached')).toBe(`ok ${a.id} ${a.version}`);
    await client.call('UpdateAlias', { AliasName: 'alias/cached', KeyId: b.id });
    expect(await encrypt(client, 'alias/cached')).toBe(`ok ${b.id} ${b.version}`);
    await client.call('DeleteAlias', { AliasName: 'alias/cached' });
    expect(await encrypt(client, 'alias/cached')).toBe('Forbidden.AliasNotFound');
  });

  it('the scheduler destroying a key takes effect on the next call', async () => {
    const key = await create();
    await client.call('ScheduleKeyDeletion', { KeyId: key.id, PendingWindowInDays: '7' });
    await client.call('CancelKeyDeletion', { KeyId: key.id });
    expect(await encrypt(client, key.id)).toBe(`ok ${key.id} ${key.version}`);
    await client.call('ScheduleKeyDeletion', { KeyId: key.id, PendingWindowInDays: '7' });
    const { storage, audit } = t.server.platform;
    const report = await runKmsJobs({ storage, audit, clock: fixedClock(new Date(Date.now() + 8 * 86400_000)) }, kmsRuntime(t.server.platform.sealer));
    expect(report.deletedKeys).toContain(key.id);
    expect(await encrypt(client, key.id)).toBe('Forbidden.KeyNotFound');
  });

  it('a change made by another process is seen within the cache lifetime', async () => {
    const key = await create();
    expect(await encrypt(client, key.id)).toBe(`ok ${key.id} ${key.version}`);
    const other = new Sqlite(join(t.server.platform.dataDir, 'bulwark.db'));
    try {
      other.prepare("update kms_keys set state = 'Disabled' where id = ?").run(key.id);
    } finally {
      other.close();
    }
    let result = await encrypt(client, key.id);
    for (let waited = 0; result !== 'Rejected.Disabled' && waited < KEY_CACHE_TTL_MS * 3; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      result = await encrypt(client, key.id);
    }
    expect(result).toBe('Rejected.Disabled');
  });
});
