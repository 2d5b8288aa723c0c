import { diffInventories, type InventoryChange } from '../agent/collectors/diff.js';
import type { Inventory, InstalledPackage, ListeningPort } from '../agent/collectors/inventory.js';
import type { HostChange } from './changes.js';

/** Additions that widen access weigh more than removals and updates. */
const SEVERITY: Readonly<Record<string, number>> = {
  'sudo-rule-added': 73,
  'authorized-key-added': 47,
  'user-added': 47,
  'port-opened': 47,
  'cron-added': 21,
  'package-added': 21,
  'unit-added': 21,
  'container-added': 21,
};

function ecsOf(c: InventoryChange): Record<string, unknown> {
  const item = (c.after ?? c.before) as Record<string, unknown> | undefined;
  if (!item || typeof item !== 'object') return {};
  switch (c.category) {
    case 'package': {
      const p = item as InstalledPackage;
      return { package: { name: p.name, version: p.version, ...(c.before && c.after ? { previous_version: (c.before as InstalledPackage).version } : {}) } };
    }
    case 'port': {
      const p = item as ListeningPort;
      return { 'destination.ip': p.address, 'destination.port': p.port, 'network.transport': p.transport, ...(p.process ? { 'process.name': p.process } : {}), ...(p.pid ? { 'process.pid': p.pid } : {}) };
    }
    case 'user':
    case 'authorized-key':
      return { 'user.name': String(item.name ?? item.user ?? '') };
    default:
      return {};
  }
}

function summaryOf(c: InventoryChange): string {
  if (c.category === 'package' && c.before && c.after) return `package ${c.key} ${c.action} (${(c.before as InstalledPackage).version} → ${(c.after as InstalledPackage).version})`;
  return `${c.category} ${c.key} ${c.action}`;
}

/** What changed between two inventories of a host (H2's `diffInventories`), as host changes. */
export function inventoryChanges(before: Inventory, after: Inventory): HostChange[] {
  return diffInventories(before, after).map((c) => {
    const kind = `${c.category}-${c.action}`;
    return { kind, summary: summaryOf(c), detail: { key: c.key, ...(c.before !== undefined ? { before: c.before } : {}), ...(c.after !== undefined ? { after: c.after } : {}) }, ecs: ecsOf(c), severity: SEVERITY[kind] ?? 10 };
  });
}
