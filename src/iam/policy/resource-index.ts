import type { StringMatcher } from './wildcard.js';

/** A node of a compressed (radix) trie over resource pattern prefixes. */
interface RadixNode<T> {
  /** the full string from the root to this node */
  key: string;
  /** first character of each child's edge, parallel to `children` (fan-out is small: a scan beats a Map) */
  codes: number[];
  children: Array<RadixNode<T>>;
  /** items whose pattern is `key` followed by `*` (null when none: most nodes, one memory load less) */
  prefixItems: T[] | null;
  /** items whose pattern is exactly `key` */
  exactItems: T[] | null;
}

const node = <T>(key: string): RadixNode<T> => ({ key, codes: [], children: [], prefixItems: null, exactItems: null });

function childAt<T>(n: RadixNode<T>, code: number): RadixNode<T> | undefined {
  const codes = n.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) return n.children[i];
  return undefined;
}

/** Whether `key` is a prefix of `value`, compared natively (a per-character loop is several times slower). */
function isPrefixOf(key: string, value: string): boolean {
  if (key.length === value.length) return key === value;
  return key.length < value.length && value.slice(0, key.length) === key;
}

/**
 * Finds the items whose resource pattern can match a resource without testing them one by one:
 * exact ARNs and `prefix*` patterns (the usual shapes) live in a radix trie; `*` items always apply;
 * any other pattern (inner wildcards, `?`, NotResource) is kept with its matcher and tested.
 * The lookup descends the trie on branching characters only, then checks the deepest node's key
 * against the resource once (Patricia style); ancestors of a matching node match too.
 */
export class ResourceIndex<T> {
  private readonly root: RadixNode<T> = node('');
  private readonly always: T[] = [];
  private readonly tested: Array<{ match: StringMatcher; item: T }> = [];
  private readonly path: Array<RadixNode<T>> = [];

  addAlways(item: T): void {
    this.always.push(item);
  }

  addTested(match: StringMatcher, item: T): void {
    this.tested.push({ match, item });
  }

  /** `pattern` without wildcards (exact) or with one trailing `*` (prefix). */
  addPattern(pattern: string, item: T): void {
    const isPrefix = pattern.endsWith('*');
    const key = isPrefix ? pattern.slice(0, -1) : pattern;
    if (isPrefix && key === '') {
      this.always.push(item);
      return;
    }
    let n = this.root;
    while (n.key.length < key.length) {
      const pos = n.key.length;
      const c = key.charCodeAt(pos);
      const child = childAt(n, c);
      if (child === undefined) {
        const leaf = node<T>(key);
        n.codes.push(c);
        n.children.push(leaf);
        n = leaf;
        break;
      }
      let common = pos;
      const max = Math.min(child.key.length, key.length);
      while (common < max && child.key.charCodeAt(common) === key.charCodeAt(common)) common++;
      if (common === child.key.length) {
        n = child;
        continue;
      }
      // split the edge at the first difference
      const mid = node<T>(key.slice(0, common));
      mid.codes.push(child.key.charCodeAt(common));
      mid.children.push(child);
      n.children[n.codes.indexOf(c)] = mid;
      n = mid;
    }
    if (isPrefix) (n.prefixItems ??= []).push(item);
    else (n.exactItems ??= []).push(item);
  }

  /**
   * Writes into `out` from position `n` every item that may match `value` (always-items first, then
   * trie hits from the shortest prefix, then tested patterns that match); returns the new count.
   */
  collect(value: string, out: T[], n: number): number {
    const always = this.always;
    for (let i = 0; i < always.length; i++) out[n++] = always[i]!;
    const path = this.path;
    let depth = 0;
    let cur: RadixNode<T> | undefined = this.root;
    while (cur !== undefined) {
      path[depth++] = cur;
      if (cur.key.length >= value.length) break;
      cur = childAt(cur, value.charCodeAt(cur.key.length));
    }
    // the deepest node on the path whose key really is a prefix of the value
    let d = depth - 1;
    while (d > 0 && !isPrefixOf(path[d]!.key, value)) d--;
    for (let i = 0; i <= d; i++) {
      const items = path[i]!.prefixItems;
      if (items !== null) for (let j = 0; j < items.length; j++) out[n++] = items[j]!;
    }
    const last = path[d]!;
    if (last.exactItems !== null && last.key.length === value.length) {
      const items = last.exactItems;
      for (let j = 0; j < items.length; j++) out[n++] = items[j]!;
    }
    const tested = this.tested;
    for (let i = 0; i < tested.length; i++) {
      const t = tested[i]!;
      if (t.match(value)) out[n++] = t.item;
    }
    return n;
  }
}
