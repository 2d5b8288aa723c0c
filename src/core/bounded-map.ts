/**
 * Keeps a Map used as an LRU (re-inserted on use, so the oldest come first) at most `max` entries:
 * past `max`, the oldest quarter goes in one pass. Evicting one entry at a time with
 * `map.keys().next()` would walk the deleted slots V8 leaves at the front of the table on every
 * call — quadratic at scale; one pass per quarter is O(1) amortised.
 */
export function trimOldest<K, V>(map: Map<K, V>, max: number): void {
  if (map.size <= max) return;
  let drop = map.size - Math.floor(max * 0.75);
  for (const key of map.keys()) {
    if (drop-- <= 0) break;
    map.delete(key);
  }
}
