import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import type { Sealer } from '../core/sealer.js';
import { accessKeySealContext } from './access-keys.js';
import { newAccessKeyId, newAccessKeySecret, newAccountId } from './ids.js';
import { ensureSystemPolicies } from './system-policies.js';
import type { IamTables } from './tables.js';

export interface CreatedAccount {
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/**
 * Creates an account with a root AccessKey (the secret is returned once and stored sealed) and
 * makes sure the system policies exist. Run inside the caller's transaction with its audit record.
 */
export async function createAccount(trx: Kysely<unknown>, clock: Clock, sealer: Sealer): Promise<CreatedAccount> {
  const db = trx as Kysely<IamTables>;
  await ensureSystemPolicies(db, clock);
  const accountId = newAccountId();
  const t = `${clock.now().toISOString().slice(0, 19)}Z`;
  await db.insertInto('iam_accounts').values({ id: accountId, alias: null, created_at: t }).execute();
  const accessKeyId = newAccessKeyId();
  const accessKeySecret = newAccessKeySecret();
  await db
    .insertInto('iam_access_keys')
    .values({ id: accessKeyId, account_id: accountId, user_id: null, secret_sealed: sealer.seal(accessKeySecret, accessKeySealContext(accessKeyId)), status: 'Active', created_at: t, updated_at: t, last_used_at: null, last_used_service: null })
    .execute();
  return { accountId, accessKeyId, accessKeySecret };
}

export async function countAccounts(db: Kysely<IamTables>): Promise<number> {
  const r = await db.selectFrom('iam_accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
