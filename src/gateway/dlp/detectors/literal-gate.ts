import { FINGERPRINT, Teddy, type Fingerprint } from './teddy.js';

/**
 * Literal gates: a list of short literals one of which every match of a detector's pattern
 * contains (`Exception`, `ORA-`, `\.java:\d`…). A window without any of them skips the pattern.
 *
 * All gates share one SIMD pass per window (`teddy.ts`): the scanner creates a `GateHits` per
 * window and every detector asks it about its own gate; the first question runs the pass, which
 * verifies each candidate with the gates' sticky regexes. Without WebAssembly SIMD, each gate is
 * one regex alternation scanned over the window (the same answer, several times slower).
 *
 * Literal syntax — a small regex subset, so that the answer is defined by the regex
 * `literals.join('|')`: plain characters, `\` escapes, `\d`, and classes `[…]` of characters and
 * ranges. Nothing else (no `.`, groups, alternation or quantifiers): the first `FINGERPRINT` atoms
 * of each literal are its fingerprint for the SIMD pass.
 */
export class LiteralGate {
  /** The gate as one alternation (the fallback scan, and its definition). */
  readonly regex: RegExp;
  /** The same, sticky: verifies a candidate position. */
  readonly sticky: RegExp;
  readonly fingerprints: readonly Fingerprint[];
  /** 1 for each byte a literal can start with: candidates starting otherwise skip the sticky regex. */
  readonly firstBytes = new Uint8Array(256);
  /** Bit of this gate in `GateHits`. */
  readonly bit: number;

  constructor(readonly literals: readonly string[]) {
    if (gates.length >= 30) throw new Error('LiteralGate: too many gates');
    const source = literals.join('|');
    this.regex = new RegExp(source, 'g');
    this.sticky = new RegExp(source, 'y');
    this.fingerprints = literals.map((l) => fingerprintOf(l));
    for (const fp of this.fingerprints) for (const b of fp[0] ?? []) this.firstBytes[b] = 1;
    this.bit = 1 << gates.length;
    gates.push(this);
    prefilter = undefined;
  }

  /** True when one of the literals starts at or after `from` (the answer of `regex` alone). */
  scan(text: string, from: number): boolean {
    this.regex.lastIndex = from;
    return this.regex.test(text);
  }

  /** Asks the window's shared pass when the scanner made one for `from`, else scans alone. */
  present(text: string, from: number, hits: GateHits | undefined): boolean {
    return hits !== undefined && hits.from === from && hits.text === text ? hits.has(this) : this.scan(text, from);
  }
}

const gates: LiteralGate[] = [];
/**
 * Candidates verified per window (at least 64, else one per 64 bytes: about what the gates' regex
 * scans cost) before the remaining gates fall back to those scans.
 */
const MIN_CANDIDATE_BUDGET = 64;
/** The SIMD pass over every gate's fingerprints, built on first use (null: not available). */
let prefilter: { teddy: Teddy; all: number } | null | undefined;

function sharedPrefilter(): { teddy: Teddy; all: number } | null {
  if (prefilter === undefined) {
    const teddy = Teddy.create(gates.flatMap((g) => g.fingerprints));
    prefilter = teddy === undefined ? null : { teddy, all: gates.reduce((a, g) => a | g.bit, 0) };
  }
  return prefilter;
}

const DIGITS = Array.from({ length: 10 }, (_, i) => 48 + i);

function codeOf(literal: string, i: number): number {
  const c = literal.charCodeAt(i);
  if (Number.isNaN(c) || c > 0x7f) throw new Error(`LiteralGate: '${literal}' must be ASCII`);
  return c;
}

/** The byte classes of a literal's first atoms (see the syntax above); throws on anything else. */
export function fingerprintOf(literal: string): Fingerprint {
  const atoms: number[][] = [];
  let i = 0;
  while (i < literal.length) {
    const c = literal[i];
    if (c === '\\') {
      const e = literal[i + 1];
      if (e === undefined || /[0-9A-Za-z]/.test(e) && e !== 'd') throw new Error(`LiteralGate: unsupported escape in '${literal}'`);
      atoms.push(e === 'd' ? DIGITS : [codeOf(literal, i + 1)]);
      i += 2;
    } else if (c === '[') {
      const set: number[] = [];
      let j = i + 1;
      while (j < literal.length && literal[j] !== ']') {
        let lo = codeOf(literal, j);
        if (literal[j] === '\\') lo = codeOf(literal, ++j);
        if (literal[j + 1] === '-' && literal[j + 2] !== undefined && literal[j + 2] !== ']') {
          const hi = codeOf(literal, j + 2);
          for (let b = lo; b <= hi; b++) set.push(b);
          j += 3;
        } else {
          set.push(lo);
          j++;
        }
      }
      if (j >= literal.length || set.length === 0) throw new Error(`LiteralGate: bad class in '${literal}'`);
      atoms.push(set);
      i = j + 1;
    } else if (c !== undefined && '.()|?*+{}^$]'.includes(c)) {
      throw new Error(`LiteralGate: '${c}' is not supported in '${literal}'`);
    } else {
      atoms.push([codeOf(literal, i)]);
      i++;
    }
  }
  if (atoms.length < 2) throw new Error(`LiteralGate: '${literal}' is too short`);
  return atoms.slice(0, FINGERPRINT);
}

/**
 * Which gates occur in one window at or after `from`: computed on the first question by one SIMD
 * pass over `view` (the bytes `text` was made from), stopping as soon as the asked gate is found.
 */
export class GateHits {
  private found = 0;
  private decided = 0;
  /** Next candidate offset (relative to `from`) to look at; -1 when the pass reached the end. */
  private next = 0;
  private candidates = 0;
  private readonly budget: number;
  private readonly id = ++windows;

  constructor(
    private readonly view: Uint8Array,
    readonly text: string,
    readonly from: number,
  ) {
    this.budget = Math.max(MIN_CANDIDATE_BUDGET, (view.length - from) >> 6);
  }

  has(gate: LiteralGate): boolean {
    if ((this.found & gate.bit) !== 0) return true;
    if ((this.decided & gate.bit) !== 0) return false;
    const shared = sharedPrefilter();
    if (shared === null || this.candidates > this.budget) {
      // No SIMD, or text dense with near-misses (`-----`, `ERRO…`): the gate's own regex scan is
      // then about as cheap as verifying candidate after candidate, and bounded.
      this.decided |= gate.bit;
      if (gate.scan(this.text, this.from)) this.found |= gate.bit;
      return (this.found & gate.bit) !== 0;
    }
    const { teddy } = shared;
    // One window is loaded at a time; a pass resumed after another window's is loaded again.
    if (loadedWindow !== this.id) {
      teddy.load(this.view, this.from, this.view.length);
      loadedWindow = this.id;
    }
    while (this.next >= 0) {
      const p = teddy.next(this.next);
      if (p < 0) {
        this.next = -1;
        break;
      }
      this.next = p + 1;
      if (++this.candidates > this.budget) return this.has(gate);
      const at = this.from + p;
      const first = this.text.charCodeAt(at);
      for (const g of gates) {
        if ((this.found & g.bit) !== 0 || g.firstBytes[first] !== 1) continue;
        g.sticky.lastIndex = at;
        if (g.sticky.test(this.text)) this.found |= g.bit;
      }
      if ((this.found & gate.bit) !== 0) return true;
    }
    this.decided = shared.all;
    return (this.found & gate.bit) !== 0;
  }
}

let windows = 0;
let loadedWindow = 0;
