import type { Kysely } from 'kysely';
import { systemCaller } from '../../iam/caller.js';
import type { IamContext } from '../../iam/context.js';
import type { IamTables } from '../../iam/tables.js';
import type { Platform } from '../../server/platform.js';

/** An IamContext acting as the account's root, for setting up users and policies in tests. */
export function rootContext(platform: Platform, accountId: string): IamContext {
  return { db: platform.storage.db<IamTables>() as Kysely<IamTables>, caller: systemCaller(accountId, 'test'), clock: platform.clock, sealer: platform.sealer, invalidate: () => undefined };
}
