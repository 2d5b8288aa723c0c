import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { createLogger } from '../core/logger.js';
import { systemCaller } from '../iam/caller.js';
import { startServer, type RunningServer } from '../server/start.js';
import type { KmsContext } from './context.js';
import { decrypt } from './decrypt.js';
import { encrypt } from './encrypt.js';
import { createKey } from './keys.js';
import { kmsRuntime } from './runtime.js';
import type { KmsTables } from './tables.js';

const dataDir = mkdtempSync(join(tmpdir(), 'bw-kms-runtime-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = (): Promise<RunningServer> => startServer(Object.freeze({ dataDir, listen: '127.0.0.1:0', logLevel: 'silent' as const, shutdownTimeout: 5 }), { logger: createLogger({ level: 'silent' }) });

function ctxOf(server: RunningServer): KmsContext {
  const runtime = kmsRuntime(server.platform.sealer);
  return { db: server.platform.storage.db<KmsTables>() as Kysely<KmsTables>, caller: systemCaller('1000000000000001', 'test'), clock: systemClock, region: runtime.region, keyrings: runtime.keyrings };
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'started';
}

describe('KMS runtime: the passphrase keyring across restarts', () => {
  it('restarting with the wrong passphrase fails closed; the right one decrypts old ciphertexts', async () => {
    process.env.BULWARK_KMS_PASSPHRASE = 'the right passphrase';
    let server = await start();
    const ctx = ctxOf(server);
    const key = await createKey(ctx, {});
    const { CiphertextBlob } = await encrypt(ctx, { KeyId: key.id, Plaintext: 'survives restarts', EncryptionContext: {} });
    await server.stop();

    process.env.BULWARK_KMS_PASSPHRASE = 'a wrong passphrase';
    expect(await failure(start())).toBe('Kms.Keyring.WrongPassphrase');
    delete process.env.BULWARK_KMS_PASSPHRASE;
    expect(await failure(start())).toBe('Kms.Keyring.Unavailable');

    process.env.BULWARK_KMS_PASSPHRASE = 'the right passphrase';
    server = await start();
    expect((await decrypt(ctxOf(server), { CiphertextBlob, EncryptionContext: {} })).Plaintext).toBe('survives restarts');
    await server.stop();
    delete process.env.BULWARK_KMS_PASSPHRASE;
  });
});
