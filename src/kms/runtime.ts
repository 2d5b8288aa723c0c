import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import type { Sealer } from '../core/sealer.js';
import type { Platform } from '../server/platform.js';
import type { Keyrings } from './context.js';
import { KeyCache } from './key-cache.js';
import { openFileKeyring } from './keyring/open.js';
import { withUnwrapCache } from './keyring/unwrap-cache.js';
import { openPkcs11FromEnv } from './keyring/pkcs11-config.js';
import { KMS_REGION } from './region.js';
import { startKmsScheduler } from './scheduler.js';
import type { KmsTables } from './tables.js';

export interface KmsRuntime {
  keyrings: Keyrings;
  region: string;
  /** Keys, aliases and versions of calls that change nothing; every KMS change invalidates it. */
  keyCache: KeyCache;
  stop(): Promise<void>;
}

// The front door hands actions the platform's sealer, not the platform; the runtime is found by it.
const runtimes = new WeakMap<Sealer, KmsRuntime>();

const schedulerConfig = z.object({ BULWARK_KMS_SCHEDULER_INTERVAL: z.coerce.number().int().min(1).max(86400).default(60) });

/**
 * Starts KMS for a server: opens the keyrings (failing closed on a wrong passphrase or key file)
 * and the rotation/deletion scheduler.
 */
export async function startKms(platform: Platform, env: NodeJS.ProcessEnv = process.env): Promise<KmsRuntime> {
  const interval = schedulerConfig.safeParse(env);
  if (!interval.success) throw new BulwarkError('InvalidConfig', { field: 'BULWARK_KMS_SCHEDULER_INTERVAL', origin: ' (environment)', reason: 'expected seconds, 1 to 86400' });
  const db = platform.storage.db<KmsTables>() as Kysely<KmsTables>;
  const software = await openFileKeyring(db, platform.sealer, env);
  let hsm;
  try {
    hsm = await openPkcs11FromEnv(env);
  } catch (e) {
    await software.close();
    throw e;
  }
  // Hot keys are not unwrapped on every call (an HSM round trip for pkcs11); see unwrap-cache.ts.
  const keyrings: Keyrings = { software: withUnwrapCache(software), hsm: hsm ? withUnwrapCache(hsm) : undefined };
  const keyCache = new KeyCache();
  const scheduler = startKmsScheduler(platform, { keyrings, region: KMS_REGION, keyCache }, interval.data.BULWARK_KMS_SCHEDULER_INTERVAL * 1000);
  const runtime: KmsRuntime = {
    keyrings,
    region: KMS_REGION,
    keyCache,
    async stop() {
      if (runtimes.get(platform.sealer) === runtime) runtimes.delete(platform.sealer);
      await scheduler.stop();
      await keyrings.software.close();
      await keyrings.hsm?.close();
    },
  };
  runtimes.set(platform.sealer, runtime);
  return runtime;
}

export function kmsRuntime(sealer: Sealer): KmsRuntime {
  const runtime = runtimes.get(sealer);
  if (!runtime) throw new BulwarkError('Kms.NotStarted');
  return runtime;
}
