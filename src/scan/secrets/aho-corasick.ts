/**
 * Aho–Corasick automaton over bytes, case-insensitive for ASCII: finds which of many keywords occur
 * in a buffer in one pass. Transitions are a dense table (states × 256), so the inner loop is one
 * array read per byte.
 */
export class AhoCorasick {
  private readonly delta: Int32Array;
  /** For each state, the keyword indexes that end there (including through suffix links). */
  private readonly outputs: ReadonlyArray<readonly number[]>;
  readonly keywords: readonly string[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const goto: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      const bytes = Buffer.from(keyword.toLowerCase(), 'utf8');
      let state = 0;
      for (const b of bytes) {
        let next = goto[state]!.get(b);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[state]!.set(b, next);
        }
        state = next;
      }
      out[state]!.push(index);
    });
    const states = goto.length;
    const delta = new Int32Array(states * 256);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let b = 0; b < 256; b++) {
      const next = goto[0]!.get(b);
      if (next !== undefined) {
        delta[b] = next;
        fail[next] = 0;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      out[state]!.push(...out[fail[state]!]!);
      for (let b = 0; b < 256; b++) {
        const next = goto[state]!.get(b);
        if (next !== undefined) {
          fail[next] = delta[fail[state]! * 256 + b]!;
          queue.push(next);
          delta[state * 256 + b] = next;
        } else {
          delta[state * 256 + b] = delta[fail[state]! * 256 + b]!;
        }
      }
    }
    // ASCII case folding: upper-case bytes move like their lower-case twins.
    for (let s = 0; s < states; s++) {
      for (let b = 65; b <= 90; b++) delta[s * 256 + b] = delta[s * 256 + b + 32]!;
    }
    this.outputs = out.map((o) => [...new Set(o)]);
    // A state with outputs is stored negated (~state), so the hot loop tests the sign only.
    for (let i = 0; i < delta.length; i++) {
      const target = delta[i]!;
      if (this.outputs[target]!.length > 0) delta[i] = ~target;
    }
    this.delta = delta;
  }

  /** Indexes of the keywords found in `data` (each once). Stops early when every keyword was seen. */
  search(data: Uint8Array): Set<number> {
    const found = new Set<number>();
    const { delta, outputs } = this;
    const total = this.keywords.length;
    const n = data.length;
    let state = 0;
    for (let i = 0; i < n; i++) {
      const next = delta[(state << 8) | data[i]!]!;
      if (next >= 0) {
        state = next;
        continue;
      }
      state = ~next;
      for (const k of outputs[state]!) found.add(k);
      if (found.size === total) break;
    }
    return found;
  }
}
