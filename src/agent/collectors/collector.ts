import type { CollectContext } from './context.js';
import type { Inventory, InventorySection } from './inventory.js';

export type InventorySections = Pick<Inventory, InventorySection>;

/** One inventory collector: fills one or more sections of the inventory. */
export interface Collector {
  readonly name: string;
  readonly sections: readonly InventorySection[];
  collect(ctx: CollectContext): Promise<Partial<InventorySections>> | Partial<InventorySections>;
}
