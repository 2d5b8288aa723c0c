/** One value of a variable as a rule sees it: `name` is how logs and MATCHED_VAR_NAME print it. */
export interface VarValue {
  readonly name: string;
  readonly key: string;
  readonly value: string;
}

interface Entry {
  readonly key: string;
  readonly keyLower: string;
  value: string;
}

/** A multi-valued, case-insensitively keyed collection (ARGS, REQUEST_HEADERS, TX, …). */
export class MapCollection {
  private entries: Entry[] = [];

  constructor(readonly name: string) {}

  add(key: string, value: string): void {
    this.entries.push({ key, keyLower: key.toLowerCase(), value });
  }

  /** Replaces every value under the key with one value. */
  set(key: string, value: string): void {
    const lower = key.toLowerCase();
    const existing = this.entries.find((e) => e.keyLower === lower);
    if (existing !== undefined) {
      existing.value = value;
      if (this.entries.filter((e) => e.keyLower === lower).length > 1) {
        this.entries = this.entries.filter((e) => e.keyLower !== lower || e === existing);
      }
      return;
    }
    this.add(key, value);
  }

  remove(key: string): void {
    const lower = key.toLowerCase();
    this.entries = this.entries.filter((e) => e.keyLower !== lower);
  }

  clear(): void {
    this.entries = [];
  }

  /** The first value under the (lower-cased) key. */
  first(keyLower: string): string | undefined {
    for (const e of this.entries) if (e.keyLower === keyLower) return e.value;
    return undefined;
  }

  has(keyLower: string): boolean {
    return this.entries.some((e) => e.keyLower === keyLower);
  }

  all(): readonly Entry[] {
    return this.entries;
  }

  get size(): number {
    return this.entries.length;
  }
}
