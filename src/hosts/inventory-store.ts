import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Inventory } from '../agent/collectors/inventory.js';
import type { HostChange } from './changes.js';
import { inventoryChanges } from './inventory-changes.js';
import type { HostsTables } from './tables.js';

/** Changes kept per report (the rest are counted in the audit record only). */
export const MAX_CHANGES_PER_REPORT = 1_000;

/**
 * Stores a host's latest inventory (inside the caller's transaction) and, when there was one before,
 * appends what changed to the host's change history. The first inventory has no changes.
 */
export async function recordInventory(db: Kysely<HostsTables>, host: { id: string; accountId: string }, inventory: Inventory, now: string): Promise<HostChange[]> {
  const prev = await db.selectFrom('hosts_inventories').select('inventory').where('host_id', '=', host.id).executeTakeFirst();
  const changes = prev ? inventoryChanges(JSON.parse(prev.inventory) as Inventory, inventory) : [];
  await db.deleteFrom('hosts_inventories').where('host_id', '=', host.id).execute();
  await db.insertInto('hosts_inventories').values({ host_id: host.id, account_id: host.accountId, collected_at: inventory.collectedAt, received_at: now, inventory: JSON.stringify(inventory) }).execute();
  const kept = changes.slice(0, MAX_CHANGES_PER_REPORT);
  const rows = kept.map((c) => ({ id: randomUUID(), host_id: host.id, account_id: host.accountId, at: now, kind: c.kind, detail: JSON.stringify({ summary: c.summary, ...c.detail }) }));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('hosts_inventory_changes').values(rows.slice(i, i + 200)).execute();
  return changes;
}
