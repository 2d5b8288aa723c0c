import { BulwarkError } from '../core/errors.js';
import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { Caller } from '../iam/caller.js';
import type { KeyCache } from './key-cache.js';
import type { Keyring } from './keyring/keyring.js';
import type { KmsTables } from './tables.js';

/** What a KMS operation runs with: the transaction (or database), the caller, the clock and keyrings. */
export interface KmsContext {
  db: Kysely<KmsTables>;
  caller: Caller;
  clock: Clock;
  region: string;
  keyrings: Keyrings;
  /** Lookups outside a transaction go through it (see key-cache.ts); absent, every lookup reads the database. */
  keyCache?: KeyCache | undefined;
}

/** SOFTWARE keys are wrapped by the file keyring; HSM keys need the pkcs11 keyring. */
export interface Keyrings {
  software: Keyring;
  hsm: Keyring | undefined;
}

export function now(ctx: { clock: Clock }): string {
  return `${ctx.clock.now().toISOString().slice(0, 19)}Z`;
}

export function isoAt(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function keyringFor(keyrings: Keyrings, name: string): Keyring {
  if (name === 'pkcs11') {
    if (!keyrings.hsm) throw new BulwarkError('Kms.Keyring.Unavailable', { backend: 'pkcs11', reason: 'not configured (BULWARK_KMS_PKCS11_MODULE)' });
    return keyrings.hsm;
  }
  return keyrings.software;
}
