import type { RequiredLiterals } from './operator.js';

/**
 * Many operators' required literals searched in one pass over a value (an Aho–Corasick automaton over
 * case-folded bytes). `scan` tells, for each member operator, whether the value contains one of its
 * literals; a member whose literals are all absent cannot match, so the engine skips it without calling
 * it. The test errs only towards "may match": letters (ASCII and Latin-1, as RE2 and V8 fold them
 * within U+0000–U+00FF) are compared case-insensitively for every member (a case-sensitive literal is
 * found in more values, never in fewer), and a value with a character above U+00FF (only possible after
 * a transformation; Unicode case folding could map it to an ASCII letter, `ſ` to `s`) is reported as
 * "all may match".
 */
export class LiteralScreen {
  /** Number of member operators (indices 0 … size-1, in the order given). */
  readonly size: number;
  private readonly delta: Int32Array;
  private readonly outputs: Array<Int32Array | undefined>;

  constructor(members: readonly RequiredLiterals[]) {
    this.size = members.length;
    // trie of all literals, lower-cased; `own[state]` = members whose literal ends there
    const next: Array<Map<number, number>> = [new Map()];
    const own: Array<Set<number> | undefined> = [undefined];
    members.forEach((m, index) => {
      for (const literal of m.literals) {
        let state = 0;
        for (let i = 0; i < literal.length; i++) {
          const sym = SYMBOL[literal.charCodeAt(i)] ?? -1;
          if (sym < 0) throw new Error(`literal outside U+0000–U+00FF: ${JSON.stringify(literal)}`);
          let to = (next[state] as Map<number, number>).get(sym);
          if (to === undefined) {
            to = next.length;
            next.push(new Map());
            own.push(undefined);
            (next[state] as Map<number, number>).set(sym, to);
          }
          state = to;
        }
        (own[state] ??= new Set()).add(index);
      }
    });
    // full transition table and output sets, breadth first (a state's failure state is shallower)
    const states = next.length;
    const delta = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    const outputs: Array<Int32Array | undefined> = new Array<Int32Array | undefined>(states).fill(undefined);
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      const f = fail[s] as number;
      const merged = new Set<number>(own[s] ?? []);
      if (s !== 0) for (const m of outputs[f] ?? []) merged.add(m);
      if (merged.size > 0) outputs[s] = Int32Array.from(merged);
      const children = next[s] as Map<number, number>;
      for (let c = 0; c < ALPHABET; c++) {
        const child = children.get(c);
        if (child === undefined) {
          delta[s * ALPHABET + c] = s === 0 ? 0 : (delta[f * ALPHABET + c] as number);
        } else {
          fail[child] = s === 0 ? 0 : (delta[f * ALPHABET + c] as number);
          delta[s * ALPHABET + c] = child;
          queue.push(child);
        }
      }
    }
    this.delta = delta;
    this.outputs = outputs;
  }

  /**
   * Per member, 1 when the value contains one of its literals (NO_LITERALS when it contains none of any
   * member's), or null when the value cannot be screened (all members may match).
   */
  scan(value: string): Uint8Array | null {
    const delta = this.delta;
    const outputs = this.outputs;
    let hits: Uint8Array | undefined;
    let s = 0;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code > 0xff) return null;
      s = delta[s * ALPHABET + (SYMBOL[code] as number)] as number;
      const out = outputs[s];
      if (out !== undefined) {
        hits ??= new Uint8Array(this.size);
        for (let k = 0; k < out.length; k++) hits[out[k] as number] = 1;
      }
    }
    return hits ?? NO_LITERALS;
  }
}

/** The scan result of a value holding no member's literal. */
export const NO_LITERALS = new Uint8Array(0);

/** Upper-case letter → its lower-case symbol: A–Z, and Latin-1 À–Þ except × (U+00D7). */
const folds = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
/** Byte → symbol: each byte its own, upper-case letters folded onto lower-case ones. */
const SYMBOL = new Int16Array(256).fill(-1);
let ALPHABET = 0;
for (let c = 0; c < 256; c++) if (!folds(c)) SYMBOL[c] = ALPHABET++;
for (let c = 0; c < 256; c++) if (folds(c)) SYMBOL[c] = SYMBOL[c + 0x20] as number;
