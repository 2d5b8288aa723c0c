import type { Kysely } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import type { Platform } from '../server/platform.js';
import { countAccounts, createAccount, type CreatedAccount } from './accounts.js';
import type { IamTables } from './tables.js';

/**
 * Creates an account with its root AccessKey, audited as a SystemEvent in the same transaction.
 * Refuses when an account exists already unless `additional` is set.
 */
export async function initAccount(platform: Platform, options: { additional?: boolean; source?: string } = {}): Promise<CreatedAccount> {
  return platform.storage.transaction(async (trx) => {
    if (!options.additional && (await countAccounts(trx as Kysely<IamTables>)) > 0) throw new BulwarkError('Init.AlreadyInitialized');
    const created = await createAccount(trx, platform.clock, platform.sealer);
    await platform.audit.append(trx, {
      eventName: 'CreateAccount',
      eventSource: 'bulwark',
      eventType: 'SystemEvent',
      eventRW: 'Write',
      requestId: newRequestId(),
      requestParameters: { source: options.source ?? 'bulwark init' },
      responseElements: { AccountId: created.accountId, AccessKeyId: created.accessKeyId },
      sourceIpAddress: '127.0.0.1',
      userIdentity: { type: 'system', principalId: 'bulwark', accountId: created.accountId },
    });
    return created;
  });
}

export async function hasAccount(platform: Platform): Promise<boolean> {
  return (await countAccounts(platform.storage.db<IamTables>())) > 0;
}
