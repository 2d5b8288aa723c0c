/**
 * Plan JSON (`terraform show -json PLANFILE`): resources from `planned_values.root_module` and its
 * `child_modules`, amended by `resource_changes` (deleted resources dropped, `after_unknown` values
 * made `Unknown`, carrying the references from `configuration` so checks can still link resources).
 */
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { Unknown, type IacResource } from './resource.js';

const Values = z.record(z.string(), z.unknown());
const PlanResource = z.object({
  address: z.string(),
  mode: z.string().optional(),
  type: z.string(),
  name: z.string(),
  values: Values.nullish(),
});
interface PlanModuleShape {
  address?: string | undefined;
  resources?: z.infer<typeof PlanResource>[] | undefined;
  child_modules?: PlanModuleShape[] | undefined;
}
const PlanModule: z.ZodType<PlanModuleShape> = z.lazy(() =>
  z.object({ address: z.string().optional(), resources: z.array(PlanResource).optional(), child_modules: z.array(PlanModule).optional() }),
);
const ResourceChange = z.object({
  address: z.string(),
  mode: z.string().optional(),
  type: z.string(),
  name: z.string(),
  change: z.object({ actions: z.array(z.string()), after: Values.nullish(), after_unknown: z.unknown().optional() }),
});
const Plan = z
  .looseObject({
    planned_values: z.looseObject({ root_module: PlanModule }).optional(),
    resource_changes: z.array(ResourceChange).optional(),
    configuration: z.unknown().optional(),
  })
  .refine((p) => p.planned_values !== undefined || p.resource_changes !== undefined, { message: 'neither planned_values nor resource_changes is present' });

/** Whether a parsed JSON document looks like a plan (used to pick `.json` files in folders). */
export function looksLikePlan(json: unknown): boolean {
  return json !== null && typeof json === 'object' && ('planned_values' in json || 'resource_changes' in json);
}

type Expressions = Record<string, { references?: string[] } | undefined>;

/** `configuration` expressions by resource address without index (`module.a.type.name`). */
function configExpressions(configuration: unknown): Map<string, Expressions> {
  const out = new Map<string, Expressions>();
  const walk = (mod: unknown, prefix: string): void => {
    if (mod === null || typeof mod !== 'object') return;
    const m = mod as { resources?: unknown; module_calls?: unknown };
    if (Array.isArray(m.resources)) {
      for (const r of m.resources as Array<{ address?: unknown; expressions?: unknown }>) {
        if (typeof r.address === 'string' && r.expressions && typeof r.expressions === 'object') out.set(prefix + r.address, r.expressions as Expressions);
      }
    }
    if (m.module_calls && typeof m.module_calls === 'object') {
      for (const [name, call] of Object.entries(m.module_calls as Record<string, { module?: unknown }>)) walk(call?.module, `${prefix}module.${name}.`);
    }
  };
  walk((configuration as { root_module?: unknown } | undefined)?.root_module, '');
  return out;
}

/** Replaces values marked unknown (`true` leaves of `after_unknown`) by `Unknown(ref)`. */
function markUnknown(values: unknown, unknown: unknown, ref: string): unknown {
  if (unknown === true) return new Unknown(ref);
  if (unknown === null || typeof unknown !== 'object') return values;
  if (Array.isArray(unknown)) {
    const arr = Array.isArray(values) ? [...(values as unknown[])] : [];
    unknown.forEach((u, i) => {
      arr[i] = markUnknown(arr[i], u, ref);
    });
    return arr;
  }
  const obj: Record<string, unknown> = values !== null && typeof values === 'object' && !Array.isArray(values) ? { ...(values as Record<string, unknown>) } : {};
  for (const [k, u] of Object.entries(unknown)) obj[k] = markUnknown(obj[k], u, ref);
  return obj;
}

/** Normalizes a plan document; an invalid one is `Posture.InvalidPlan` naming the file and field. */
export function planResources(file: string, json: unknown): IacResource[] {
  const parsed = Plan.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('Posture.InvalidPlan', { file, field: issue.path.join('.') || '(root)', reason: issue.message });
  }
  const plan = parsed.data;
  const byAddress = new Map<string, { type: string; name: string; values: Record<string, unknown> }>();
  const walk = (mod: PlanModuleShape): void => {
    for (const r of mod.resources ?? []) if ((r.mode ?? 'managed') === 'managed') byAddress.set(r.address, { type: r.type, name: r.name, values: r.values ?? {} });
    for (const child of mod.child_modules ?? []) walk(child);
  };
  if (plan.planned_values) walk(plan.planned_values.root_module);
  const expressions = configExpressions(plan.configuration);
  for (const rc of plan.resource_changes ?? []) {
    if ((rc.mode ?? 'managed') !== 'managed') continue;
    const actions = rc.change.actions;
    if (actions.length === 1 && actions[0] === 'delete') {
      byAddress.delete(rc.address);
      continue;
    }
    const entry = byAddress.get(rc.address) ?? { type: rc.type, name: rc.name, values: rc.change.after ?? {} };
    const configAddress = rc.address.replace(/\[[^\]]*\]/g, '');
    const modulePrefix = configAddress.slice(0, configAddress.length - `${rc.type}.${rc.name}`.length);
    const exprs = expressions.get(configAddress) ?? {};
    const unknown = rc.change.after_unknown;
    if (unknown && typeof unknown === 'object' && !Array.isArray(unknown)) {
      const values = { ...entry.values };
      for (const [key, u] of Object.entries(unknown)) {
        const ref = exprs[key]?.references?.[0];
        values[key] = markUnknown(values[key], u, ref ? modulePrefix + ref : '(known after apply)');
      }
      entry.values = values;
    }
    byAddress.set(rc.address, entry);
  }
  return [...byAddress.entries()].map(([address, r]) => ({
    type: r.type,
    name: r.name,
    address,
    attributes: r.values,
    file,
    lineOf: () => undefined,
  }));
}
