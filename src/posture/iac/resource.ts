/**
 * The one resource model both IaC inputs normalize to: raw `.tf` files (through hcl2json plus a
 * pass over the source for lines) and plan JSON (`terraform show -json`). Checks read only this.
 */

/** A path into a resource's attributes: attribute and map-key names, block or list indexes. */
export type AttrPath = readonly (string | number)[];

/**
 * A value Terraform only knows at apply time (a reference to a computed attribute, a data source,
 * a function call). Checks treat it as unknown: never a finding on its own.
 */
export class Unknown {
  constructor(readonly expr: string) {}
  toJSON(): string {
    return `\${${this.expr}}`;
  }
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** Whether any part of a value is unknown. */
export function hasUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasUnknown);
  return false;
}

export interface IacResource {
  /** `alicloud_security_group_rule` */
  type: string;
  name: string;
  /** Terraform address, with `module.<name>.` prefixes for resources in modules. */
  address: string;
  /** Attribute values; nested blocks are arrays of objects (as in plan JSON); unknowns are `Unknown`. */
  attributes: Readonly<Record<string, unknown>>;
  /** File the resource came from, relative to the scan root when inside it. */
  file: string;
  /** 1-based line of the resource block (undefined for plan JSON). */
  line?: number;
  /** Line of the deepest part of `path` present in the source (the resource line if none). */
  lineOf(path: AttrPath): number | undefined;
}

/** The input of every Alibaba Cloud IaC check. */
export interface IacInput {
  readonly resources: readonly IacResource[];
}

const byTypeCache = new WeakMap<readonly IacResource[], Map<string, IacResource[]>>();

/** Resources of one or more types, in input order (indexed once per input). */
export function resourcesOf(input: IacInput, ...types: string[]): IacResource[] {
  let index = byTypeCache.get(input.resources);
  if (!index) {
    index = new Map();
    for (const r of input.resources) {
      const list = index.get(r.type);
      if (list) list.push(r);
      else index.set(r.type, [r]);
    }
    byTypeCache.set(input.resources, index);
  }
  if (types.length === 1) return index.get(types[0]!) ?? [];
  return input.resources.filter((r) => types.includes(r.type));
}

/** Reads a value at a path (block arrays of length 1 may be indexed or not). */
export function valueAt(attributes: Readonly<Record<string, unknown>>, path: AttrPath): unknown {
  let cur: unknown = attributes;
  for (const seg of path) {
    if (isUnknown(cur)) return cur;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (Array.isArray(cur)) cur = cur.length === 1 ? cur[0] : undefined;
      if (cur === null || typeof cur !== 'object' || isUnknown(cur)) return isUnknown(cur) ? cur : undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}

/** Resource addresses (`alicloud_vpc.main`) an unknown value refers to. */
export function referencedAddresses(value: unknown): string[] {
  if (!isUnknown(value)) return [];
  return [...value.expr.matchAll(/(?<![\w.])((?:module\.[\w-]+\.)*[a-z][a-z0-9]*_\w+\.[\w-]+)/g)].map((m) => m[1]!);
}
