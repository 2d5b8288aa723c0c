import type { Kysely } from 'kysely';
import type { Inventory } from '../collectors/inventory.js';
import type { HostsTables } from '../../hosts/tables.js';
import { matchHostPackages } from './host-findings.js';

/**
 * Re-matches every host of the account that has reported an inventory against the account's feeds
 * (after an import, so new advisories show up before the next report). Runs in the caller's
 * transaction; returns how many hosts were matched and how many findings opened and resolved.
 */
export async function rematchHosts(trx: Kysely<unknown>, accountId: string, now: string): Promise<{ hosts: number; opened: number; resolved: number }> {
  const db = trx as Kysely<HostsTables>;
  const ids = await db.selectFrom('hosts_inventories').select('host_id').where('account_id', '=', accountId).orderBy('host_id').execute();
  let opened = 0;
  let resolved = 0;
  for (const { host_id } of ids) {
    const row = await db.selectFrom('hosts_inventories').select('inventory').where('host_id', '=', host_id).executeTakeFirst();
    if (!row) continue;
    const inventory = JSON.parse(row.inventory) as Pick<Inventory, 'os' | 'packages'>;
    const r = await matchHostPackages(trx, { accountId, hostId: host_id, os: inventory.os, packages: inventory.packages, now });
    opened += r.opened.length;
    resolved += r.resolved.length;
  }
  return { hosts: ids.length, opened, resolved };
}
