import type { Kysely, Selectable } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { Caller } from '../iam/caller.js';
import type { HostsTables } from './tables.js';

export type HostRow = Selectable<HostsTables['hosts_hosts']>;

/** A host of `accountId` by id or hostname (hostnames may repeat: the most recently enrolled wins). */
export async function requireHost(db: Kysely<HostsTables>, accountId: string, ref: string): Promise<HostRow> {
  const byId = await db.selectFrom('hosts_hosts').selectAll().where('account_id', '=', accountId).where('id', '=', ref).executeTakeFirst();
  if (byId) return byId;
  const byName = await db.selectFrom('hosts_hosts').selectAll().where('account_id', '=', accountId).where('hostname', '=', ref).orderBy('enrolled_at', 'desc').executeTakeFirst();
  if (!byName) throw new BulwarkError('Hosts.HostNotFound', { host: ref });
  return byName;
}


/**
 * The host an agent reports about, which must be the caller's own: the host's RAM user signed the
 * request. This binds host ids to identities even if someone attaches a broader policy to a host user.
 */
export async function requireOwnHost(db: Kysely<HostsTables>, caller: Caller, hostId: string): Promise<HostRow> {
  const row = await db.selectFrom('hosts_hosts').selectAll().where('id', '=', hostId).executeTakeFirst();
  if (!row || row.account_id !== caller.accountId || caller.principalType !== 'user' || row.user_id !== caller.principalId) {
    throw new BulwarkError('Hosts.NotOwnHost', { principal: caller.principalName, host: hostId });
  }
  return row;
}
