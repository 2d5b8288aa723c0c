import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import type { Platform } from '../server/platform.js';
import { countAccounts, createAccount, type CreatedAccount } from './accounts.js';
import { attachPolicy } from './attachments.js';
import type { Caller } from './caller.js';
import { createLoginProfile } from './login-profiles.js';
import type { IamTables } from './tables.js';
import { createUser } from './users.js';

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

/** The first (oldest) account, as `bulwark dev` uses it; undefined before `init`. */
export async function firstAccountId(platform: Platform): Promise<string | undefined> {
  const row = await platform.storage.db<IamTables>().selectFrom('iam_accounts').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row?.id;
}

/** A random password with every character class, for the generated first administrator. */
export function generatePassword(length = 20): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@^_'];
  const all = classes.join('');
  const chars = classes.map((c) => c[randomInt(c.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * Creates the first console administrator (`admin`, AdministratorAccess, a generated password that
 * must be changed at first sign-in), audited with the account's creation source.
 */
export async function createFirstAdmin(platform: Platform, accountId: string, userName = 'admin'): Promise<{ userName: string; password: string }> {
  const password = generatePassword();
  await platform.storage.transaction(async (trx) => {
    const caller: Caller = { accountId, principalType: 'root', principalId: accountId, principalName: 'root', sourceIp: '127.0.0.1', secureTransport: true, mfaPresent: false, requestId: newRequestId() };
    const ctx = { db: trx as Kysely<IamTables>, caller, clock: platform.clock, sealer: platform.sealer, invalidate: () => undefined };
    await createUser(ctx, { UserName: userName, DisplayName: 'Administrator', Comments: 'created by bulwark dev' });
    await createLoginProfile(ctx, { UserName: userName, Password: password, PasswordResetRequired: true });
    await attachPolicy(ctx, 'User', { PolicyType: 'System', PolicyName: 'AdministratorAccess', PrincipalName: userName });
    await platform.audit.append(trx, {
      eventName: 'CreateFirstAdmin',
      eventSource: 'bulwark',
      eventType: 'SystemEvent',
      eventRW: 'Write',
      requestId: caller.requestId,
      requestParameters: { userName, policy: 'AdministratorAccess' },
      sourceIpAddress: '127.0.0.1',
      userIdentity: { type: 'system', principalId: 'bulwark', accountId },
    });
  });
  return { userName, password };
}
