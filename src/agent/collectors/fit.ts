import { inventorySchema, type Inventory } from './inventory.js';

const MAX_ROUNDS = 5;

/**
 * Makes an inventory fit the limits the server enforces: strings and lists longer than the schema
 * allows are cut to the maximum (an odd os-release or a huge cron line must not make the whole
 * report rejected). Returns the problems left, if any (reported as a collector error).
 */
export function fitInventory(inv: Inventory): string[] {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = inventorySchema.safeParse(inv);
    if (parsed.success) return [];
    let fixed = false;
    for (const issue of parsed.error.issues) {
      if (issue.code !== 'too_big' || typeof issue.maximum !== 'number' || issue.path.length === 0) continue;
      let parent: unknown = inv;
      for (const key of issue.path.slice(0, -1)) parent = (parent as Record<PropertyKey, unknown>)[key as PropertyKey];
      const last = issue.path[issue.path.length - 1] as PropertyKey;
      const holder = parent as Record<PropertyKey, unknown>;
      const value = holder[last];
      if (typeof value === 'string' || Array.isArray(value)) {
        holder[last] = value.slice(0, Number(issue.maximum));
        fixed = true;
      }
    }
    if (!fixed) return parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
  }
  const parsed = inventorySchema.safeParse(inv);
  return parsed.success ? [] : parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
}
