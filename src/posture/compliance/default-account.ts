import type { IamTables } from '../../iam/tables.js';
import { BulwarkError } from '../../core/errors.js';
import type { Storage } from '../../storage/database.js';

/** The account to report on offline: the one named, else the first created (`Posture.AccountNotFound` if none). */
export async function reportAccount(storage: Storage, accountId: string | undefined): Promise<string> {
  let q = storage.db<IamTables>().selectFrom('iam_accounts').select('id').orderBy('created_at').orderBy('id').limit(1);
  if (accountId !== undefined) q = q.where('id', '=', accountId);
  const row = await q.executeTakeFirst();
  if (!row) throw new BulwarkError('Posture.AccountNotFound', { account: accountId ?? '(any)' });
  return row.id;
}
