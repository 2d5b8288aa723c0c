import type { VariableSpec } from '../types.js';
import type { MapCollection, VarValue } from './collection.js';
import { NAMES_OF, variableKind } from './registry.js';

/** Where a transaction's variables are read from. */
export interface VariableSource {
  map(name: string): MapCollection | undefined;
  single(name: string): string | undefined;
  xml(path: string): string[];
}

function selected(spec: VariableSpec, key: string): boolean {
  if (spec.keyRegex !== undefined) return spec.keyRegex.test(key);
  if (spec.key !== undefined) return spec.key === key.toLowerCase();
  return true;
}

function excluded(exclusions: readonly VariableSpec[], collection: string, key: string): boolean {
  for (const e of exclusions) {
    if (e.collection !== collection) continue;
    if (e.key === undefined && e.keyRegex === undefined) return true;
    if (selected(e, key)) return true;
  }
  return false;
}

/** The values a rule's targets select, exclusions (`!X:y`, ctl:ruleRemoveTarget*) applied. */
export function resolveTargets(specs: readonly VariableSpec[], extraExclusions: readonly VariableSpec[], src: VariableSource): VarValue[] {
  const exclusions = extraExclusions.length === 0 ? specs.filter((s) => s.exclude) : [...specs.filter((s) => s.exclude), ...extraExclusions];
  const out: VarValue[] = [];
  for (const spec of specs) {
    if (spec.exclude) continue;
    const name = spec.collection;
    const kind = variableKind(name);
    let values: VarValue[] = [];
    if (kind === 'map' || kind === 'names') {
      const coll = src.map(kind === 'names' ? (NAMES_OF[name] as string) : name);
      if (coll !== undefined) {
        for (const e of coll.all()) {
          if (spec.key !== undefined && spec.key !== e.keyLower) continue;
          if (spec.keyRegex !== undefined && !spec.keyRegex.test(e.key)) continue;
          if (exclusions.length > 0 && excluded(exclusions, name, e.key)) continue;
          values.push({ name: `${name}:${e.key}`, key: e.key, value: kind === 'names' ? e.key : e.value });
        }
      }
    } else if (kind === 'xml') {
      values = src.xml(spec.keyDisplay ?? '/*').map((v) => ({ name: `XML:${spec.keyDisplay ?? '/*'}`, key: spec.keyDisplay ?? '', value: v }));
    } else {
      const v = src.single(name);
      if (v !== undefined && !(exclusions.length > 0 && excluded(exclusions, name, ''))) values.push({ name, key: '', value: v });
    }
    if (spec.count) out.push({ name: `&${name}${spec.keyDisplay !== undefined ? `:${spec.keyDisplay}` : ''}`, key: '', value: String(values.length) });
    else for (const v of values) out.push(v);
  }
  return out;
}
