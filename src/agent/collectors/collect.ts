import { performance } from 'node:perf_hooks';
import type { Collector, InventorySections } from './collector.js';
import { collectContext } from './context.js';
import { fitInventory } from './fit.js';
import type { Inventory } from './inventory.js';
import { COLLECTORS } from './registry.js';

export interface CollectOptions {
  /** directory standing in for `/` (default: this machine) */
  root?: string;
  /** run only these collectors (by name); default all */
  only?: readonly string[];
  /** collectors to run (tests); default the registry */
  collectors?: readonly Collector[];
  clock?: () => Date;
}

function emptySections(): InventorySections {
  return { os: null, kernel: null, hostname: null, addresses: [], hardware: null, packages: [], ports: [], users: [], groups: [], sudoers: [], processes: [], units: [], cron: [], authorizedKeys: [], containers: [] };
}

/**
 * Collects the host inventory. Every collector runs; one that fails leaves its sections empty and
 * adds an entry to `errors` instead of failing the whole inventory. Values longer than the schema
 * allows are cut to fit, so the server always accepts the report.
 */
export async function collectInventory(options: CollectOptions = {}): Promise<Inventory> {
  const started = performance.now();
  const ctx = collectContext(options.root);
  const sections = emptySections();
  const errors: Inventory['errors'] = [];
  const selected = (options.collectors ?? COLLECTORS).filter((c) => !options.only || options.only.includes(c.name));
  // Collectors read small files synchronously; the rpm query is the only asynchronous one.
  const results = await Promise.allSettled(selected.map(async (c) => ({ c, part: await c.collect(ctx) })));
  results.forEach((r, i) => {
    const collector = selected[i] as Collector;
    if (r.status === 'fulfilled') {
      for (const key of collector.sections) if (key in r.value.part) (sections as Record<string, unknown>)[key] = r.value.part[key];
    } else errors.push({ collector: collector.name, message: (r.reason instanceof Error ? r.reason.message : String(r.reason)).slice(0, 4096) });
  });
  const inv: Inventory = { schemaVersion: 1, collectedAt: (options.clock?.() ?? new Date()).toISOString(), durationMs: 0, ...sections, errors };
  const problems = fitInventory(inv);
  if (problems.length > 0) errors.push({ collector: 'schema', message: problems.join('; ').slice(0, 4096) });
  inv.durationMs = Math.round((performance.now() - started) * 100) / 100;
  return inv;
}
