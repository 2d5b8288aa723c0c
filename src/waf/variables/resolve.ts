import type { VariableSpec } from '../types.js';
import type { MapCollection, VarValue } from './collection.js';
import { NAMES_OF, variableKind } from './registry.js';

/** Where a transaction's variables are read from. */
export interface VariableSource {
  map(name: string): MapCollection | undefined;
  single(name: string): string | undefined;
  xml(path: string): string[];
}

const keyTests = new WeakMap<VariableSpec, Map<string, boolean>>();

/** `ARGS:/re/` key test, remembered per selector (keys such as header names repeat across requests). */
function keyMatches(spec: VariableSpec, key: string): boolean {
  let memo = keyTests.get(spec);
  if (memo === undefined) { memo = new Map(); keyTests.set(spec, memo); }
  let hit = memo.get(key);
  if (hit === undefined) {
    hit = (spec.keyRegex as NonNullable<VariableSpec['keyRegex']>).test(key);
    if (memo.size > 4096) memo.clear();
    memo.set(key, hit);
  }
  return hit;
}

function selected(spec: VariableSpec, key: string): boolean {
  if (spec.keyRegex !== undefined) return keyMatches(spec, key);
  if (spec.key !== undefined) return spec.key === key.toLowerCase();
  return true;
}

function excluded(exclusions: readonly VariableSpec[], key: string): boolean {
  for (const e of exclusions) if (selected(e, key)) return true;
  return false;
}

const exclusionCache = new WeakMap<readonly VariableSpec[], ReadonlyMap<string, VariableSpec[]>>();

export function groupExclusions(specs: readonly VariableSpec[], extra: readonly VariableSpec[]): ReadonlyMap<string, VariableSpec[]> {
  if (extra.length === 0) {
    const cached = exclusionCache.get(specs);
    if (cached !== undefined) return cached;
  }
  const byCollection = new Map<string, VariableSpec[]>();
  for (const s of [...specs, ...extra]) {
    if (!s.exclude) continue;
    const list = byCollection.get(s.collection) ?? [];
    list.push(s);
    byCollection.set(s.collection, list);
  }
  if (extra.length === 0) exclusionCache.set(specs, byCollection);
  return byCollection;
}

/** The values a rule's targets select, exclusions (`!X:y`, ctl:ruleRemoveTarget*) applied. */
export function resolveTargets(specs: readonly VariableSpec[], extraExclusions: readonly VariableSpec[], src: VariableSource, grouped?: ReadonlyMap<string, VariableSpec[]>): VarValue[] {
  // `grouped`: the specs' own exclusions, grouped beforehand by the caller (valid without extra exclusions)
  const exclusionsBy = grouped !== undefined && extraExclusions.length === 0 ? grouped : groupExclusions(specs, extraExclusions);
  const out: VarValue[] = [];
  for (const spec of specs) {
    if (spec.exclude) continue;
    const name = spec.collection;
    const kind = spec.kind ?? variableKind(name);
    const exclusions = exclusionsBy.size === 0 ? undefined : exclusionsBy.get(name);
    let count = 0;
    if (kind === 'map' || kind === 'names') {
      const coll = src.map(kind === 'names' ? (NAMES_OF[name] as string) : name);
      if (coll === undefined) continue;
      for (const e of spec.key !== undefined ? coll.get(spec.key) : coll.all()) {
        if (spec.keyRegex !== undefined && !keyMatches(spec, e.key)) continue;
        if (exclusions !== undefined && excluded(exclusions, e.key)) continue;
        count++;
        if (spec.count) continue;
        if (kind === 'names') out.push(e.asName ??= { name: `${name}:${e.key}`, key: e.key, value: e.key, transformed: undefined });
        else out.push(e.asValue ??= { name: `${name}:${e.key}`, key: e.key, value: e.value, transformed: undefined });
      }
    } else if (kind === 'xml') {
      const path = spec.keyDisplay ?? '/*';
      for (const v of src.xml(path)) {
        count++;
        if (!spec.count) out.push({ name: `XML:${path}`, key: path, value: v, transformed: undefined });
      }
    } else {
      const v = src.single(name);
      if (v !== undefined && exclusions === undefined) {
        count++;
        if (!spec.count) out.push({ name, key: '', value: v, transformed: undefined });
      }
    }
    if (spec.count) out.push({ name: `&${name}${spec.keyDisplay !== undefined ? `:${spec.keyDisplay}` : ''}`, key: '', value: String(count), transformed: undefined });
  }
  return out;
}

/**
 * Collections whose content only the transaction's own request and response processing changes (never a
 * rule's action): targets drawn from them alone can be resolved once and reused until one changes.
 */
const REQUEST_DATA_MAPS = new Set(['ARGS', 'ARGS_GET', 'ARGS_POST', 'REQUEST_HEADERS', 'REQUEST_COOKIES', 'RESPONSE_HEADERS',
  'FILES', 'FILES_SIZES', 'FILES_TMPNAMES', 'FILES_TMP_CONTENT', 'MULTIPART_PART_HEADERS', 'GEO']);
/** Single values computed at each read. */
const VOLATILE_SINGLES = new Set(['MATCHED_VAR', 'MATCHED_VAR_NAME', 'DURATION']);

/** Whether a collection is one of the request-data maps (created with a change counter). */
export function isRequestData(collection: string): boolean {
  return REQUEST_DATA_MAPS.has(collection);
}

/**
 * A key naming what a target list resolves to when it reads request data (request-data maps, their
 * names, XML, single values set by request processing) and TX only, else undefined: rules with equal
 * keys select the same values as long as neither the request data nor TX changed.
 */
export function requestDataKey(specs: readonly VariableSpec[]): string | undefined {
  const parts: string[] = [];
  for (const s of specs) {
    const kind = s.kind ?? variableKind(s.collection);
    if (kind === 'map' ? !REQUEST_DATA_MAPS.has(s.collection) && s.collection !== 'TX'
      : kind === 'names' ? !REQUEST_DATA_MAPS.has(NAMES_OF[s.collection] ?? '')
        : kind === 'single' ? VOLATILE_SINGLES.has(s.collection) : kind !== 'xml') return undefined;
    const re = s.keyRegex === undefined ? '' : `/${s.keyRegex.source}/${s.keyRegex.flags}`;
    parts.push(`${s.exclude ? '!' : ''}${s.count ? '&' : ''}${s.collection}\u0000${s.key ?? ''}\u0000${s.keyDisplay ?? ''}\u0000${re}`);
  }
  return parts.join('\u0001');
}
