/** One value of a variable as a rule sees it: `name` is how logs and MATCHED_VAR_NAME print it. */
export interface VarValue {
  readonly name: string;
  readonly key: string;
  readonly value: string;
  /** The engine's transformation results for this value, by transformation chain number. */
  transformed?: unknown[] | undefined;
}

export interface Entry {
  readonly key: string;
  readonly keyLower: string;
  value: string;
  /** The VarValue rules see for this entry (built once, dropped when the value changes). */
  asValue?: VarValue | undefined;
  /** The VarValue of the `*_NAMES` view of this entry. */
  asName?: VarValue | undefined;
}

const NONE: readonly Entry[] = [];

/** A counter that collections (and single values) bump on every change, to tell when resolved targets went stale. */
export interface ChangeCounter {
  n: number;
}

/** A multi-valued, case-insensitively keyed collection (ARGS, REQUEST_HEADERS, TX, …), indexed by key. */
export class MapCollection {
  private entries: Entry[] = [];
  private readonly index = new Map<string, Entry[]>();

  constructor(readonly name: string, private readonly changes?: ChangeCounter) {}

  add(key: string, value: string): void {
    if (this.changes !== undefined) this.changes.n++;
    const e: Entry = { key, keyLower: key.toLowerCase(), value };
    this.entries.push(e);
    const list = this.index.get(e.keyLower);
    if (list === undefined) this.index.set(e.keyLower, [e]);
    else list.push(e);
  }

  /** Replaces every value under the key with one value. */
  set(key: string, value: string): void {
    if (this.changes !== undefined) this.changes.n++;
    const lower = key.toLowerCase();
    const list = this.index.get(lower);
    if (list === undefined) { this.add(key, value); return; }
    const first = list[0] as Entry;
    first.value = value;
    first.asValue = undefined;
    if (list.length > 1) {
      this.entries = this.entries.filter((e) => e.keyLower !== lower || e === first);
      this.index.set(lower, [first]);
    }
  }

  remove(key: string): void {
    const lower = key.toLowerCase();
    if (!this.index.has(lower)) return;
    if (this.changes !== undefined) this.changes.n++;
    this.index.delete(lower);
    this.entries = this.entries.filter((e) => e.keyLower !== lower);
  }

  clear(): void {
    if (this.entries.length === 0) return;
    if (this.changes !== undefined) this.changes.n++;
    this.entries = [];
    this.index.clear();
  }

  /** The first value under the (lower-cased) key. */
  first(keyLower: string): string | undefined {
    return this.index.get(keyLower)?.[0]?.value;
  }

  has(keyLower: string): boolean {
    return this.index.has(keyLower);
  }

  /** Entries under one (lower-cased) key, in insertion order. */
  get(keyLower: string): readonly Entry[] {
    return this.index.get(keyLower) ?? NONE;
  }

  all(): readonly Entry[] {
    return this.entries;
  }

  get size(): number {
    return this.entries.length;
  }
}

/** Single-valued variables (REQUEST_URI, REQBODY_PROCESSOR, …); every set bumps the counter. */
export class SingleValues extends Map<string, string> {
  constructor(private readonly changes: ChangeCounter) {
    super();
  }

  override set(key: string, value: string): this {
    this.changes.n++;
    return super.set(key, value);
  }
}
