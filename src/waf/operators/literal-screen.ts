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
  /** Byte → column of `delta`; 0 for bytes in no literal (they lead back to the root). */
  private readonly symbols: Uint8Array;
  private readonly width: number;
  /** Full transition table, `state * width + symbol` → state (root = 0). */
  private readonly delta: Uint16Array | Int32Array;
  /** Members whose literal ends at a state (the state's own outputs). */
  private readonly own: Array<number[] | undefined>;
  /** The nearest shorter suffix state with own outputs (0: none). */
  private readonly outLink: Int32Array;

  constructor(members: readonly RequiredLiterals[]) {
    this.size = members.length;
    // the alphabet: the case-folded bytes the literals use (column 0 stands for every other byte)
    const symbols = new Uint8Array(256);
    let width = 1;
    let bytes = 0;
    for (const m of members) {
      for (const literal of m.literals) {
        bytes += literal.length;
        for (let i = 0; i < literal.length; i++) {
          const code = literal.charCodeAt(i);
          if (code > 0xff) throw new Error(`literal outside U+0000–U+00FF: ${JSON.stringify(literal)}`);
          const folded = FOLD[code] as number;
          if (symbols[folded] === 0) symbols[folded] = width++;
        }
      }
    }
    for (let c = 0; c < 256; c++) symbols[c] = symbols[FOLD[c] as number] as number;
    // the trie, written straight into the transition table (0 = no child yet: the root is nobody's child)
    const capacity = bytes + 1;
    const delta = capacity < 0x10000 ? new Uint16Array(capacity * width) : new Int32Array(capacity * width);
    const own: Array<number[] | undefined> = [];
    let states = 1;
    members.forEach((m, index) => {
      for (const literal of m.literals) {
        let state = 0;
        for (let i = 0; i < literal.length; i++) {
          const at = state * width + (symbols[literal.charCodeAt(i)] as number);
          if (delta[at] === 0) delta[at] = states++;
          state = delta[at] as number;
        }
        const list = (own[state] ??= []);
        if (!list.includes(index)) list.push(index);
      }
    });
    // breadth first: failure states are shallower, so their rows are complete when read
    const fail = new Int32Array(states);
    const outLink = new Int32Array(states);
    const queue = new Int32Array(states);
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const s = queue[head] as number;
      const f = fail[s] as number;
      for (let c = 1; c < width; c++) {
        const at = s * width + c;
        const child = delta[at] as number;
        const viaFail = s === 0 ? 0 : (delta[f * width + c] as number);
        if (child === 0) {
          delta[at] = viaFail;
          continue;
        }
        fail[child] = viaFail;
        outLink[child] = own[viaFail] !== undefined ? viaFail : (outLink[viaFail] as number);
        queue[tail++] = child;
      }
    }
    this.symbols = symbols;
    this.width = width;
    this.delta = delta;
    this.own = own;
    this.outLink = outLink;
  }

  /**
   * Per member, 1 when the value contains one of its literals (NO_LITERALS when it contains none of any
   * member's), or null when the value cannot be screened (all members may match).
   */
  scan(value: string): Uint8Array | null {
    const { delta, symbols, width, own, outLink } = this;
    let hits: Uint8Array | undefined;
    let s = 0;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code > 0xff) return null;
      const sym = symbols[code] as number;
      s = sym === 0 ? 0 : (delta[s * width + sym] as number);
      for (let t = own[s] !== undefined ? s : (outLink[s] as number); t !== 0; t = outLink[t] as number) {
        hits ??= new Uint8Array(this.size);
        for (const m of own[t] as number[]) hits[m] = 1;
      }
    }
    return hits ?? NO_LITERALS;
  }
}

/** The scan result of a value holding no member's literal. */
export const NO_LITERALS = new Uint8Array(0);

/** Byte → the byte compared: upper-case letters (A–Z, Latin-1 À–Þ except ×) folded onto lower-case ones. */
const FOLD = Uint8Array.from({ length: 256 }, (_, c) => ((c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 0x20 : c));
