/**
 * A literal prefilter for `@rx`: from an RE2 pattern, a set of ASCII literals of which every match must
 * contain at least one. Most inputs contain none of them, and a V8 test for a handful of literals costs
 * far less than a call into RE2 — so most evaluations end without running the regular expression.
 *
 * The analysis is conservative: anything it does not fully understand (look-around, `\Q…\E`, octal
 * escapes, …) yields no prefilter, optional parts (`?`, `*`, `{0,n}`) require nothing, classes and
 * non-ASCII characters break literals, and an inline `i` flag anywhere makes the whole set
 * case-insensitive (with Unicode case folding, as RE2 folds: `ſ` is an `s`, `K` a `k`). So the
 * prefilter may let through inputs that do not match, never the other way round.
 */

/** Literals one of which every match contains; `undefined` when no such set is known. */
type Req = readonly string[] | undefined;

class Bail extends Error {}

const QUANT = /^\{(\d+)(?:(,)(\d*))?\}/;

class Analyzer {
  private i = 0;

  constructor(private readonly s: string) {}

  run(): Req {
    const r = this.alternation();
    if (this.i !== this.s.length) throw new Bail();
    return r;
  }

  private alternation(): Req {
    const branches: Req[] = [this.concat()];
    while (this.s[this.i] === '|') {
      this.i++;
      branches.push(this.concat());
    }
    if (branches.length === 1) return branches[0];
    const out = new Set<string>();
    for (const b of branches) {
      if (b === undefined) return undefined;
      for (const lit of b) out.add(lit);
    }
    return [...out];
  }

  private concat(): Req {
    const candidates: Array<readonly string[]> = [];
    let run = '';
    const flush = (): void => {
      if (run !== '') candidates.push([run]);
      run = '';
    };
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined || c === '|' || c === ')') break;
      const atom = this.atom();
      const q = this.quantifier();
      if (atom.kind === 'zero') {
        flush();
        continue;
      }
      if (q.min === 0 || atom.kind === 'any') {
        flush();
        continue;
      }
      if (atom.kind === 'lit') {
        run += atom.ch;
        if (q.max !== 1) flush();
        continue;
      }
      flush();
      if (atom.req !== undefined) candidates.push(atom.req);
    }
    flush();
    let best: readonly string[] | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      const score = Math.min(...c.map((l) => l.length)) * 1000 - c.length;
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  private quantifier(): { min: number; max: number } {
    const c = this.s[this.i];
    let q: { min: number; max: number };
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = QUANT.exec(this.s.slice(this.i, this.i + 24));
      if (!m) return { min: 1, max: 1 };
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length;
      if (this.s[this.i] === '?' || this.s[this.i] === '+') this.i++;
      return { min, max };
    } else return { min: 1, max: 1 };
    this.i++;
    if (this.s[this.i] === '?' || this.s[this.i] === '+') this.i++;
    return q;
  }

  private atom(): { kind: 'lit'; ch: string } | { kind: 'any' } | { kind: 'zero' } | { kind: 'group'; req: Req } {
    const s = this.s;
    const c = s[this.i] as string;
    if (c === '(') {
      this.i++;
      if (s[this.i] === '?') {
        const m = /^\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|[A-Za-z-]*:|[A-Za-z-]+\))/.exec(s.slice(this.i, this.i + 40));
        if (!m) throw new Bail(); // look-around and the like: not RE2, not analysed
        this.i += m[0].length;
        if (m[0].endsWith(')')) return { kind: 'zero' }; // `(?i)` flags only
      }
      const req = this.alternation();
      if (s[this.i] !== ')') throw new Bail();
      this.i++;
      return { kind: 'group', req };
    }
    if (c === '[') {
      const chars = this.classChars();
      if (chars === undefined) return { kind: 'any' };
      const only = chars.length === 1 ? literal(chars[0] as string) : undefined;
      return only?.kind === 'lit' ? only : { kind: 'group', req: chars };
    }
    if (c === '.') {
      this.i++;
      return { kind: 'any' };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { kind: 'zero' };
    }
    if (c === '*' || c === '+' || c === '?') throw new Bail();
    if (c === '\\') return this.escape();
    this.i++;
    return literal(c);
  }

  private escape(): { kind: 'lit'; ch: string } | { kind: 'any' } | { kind: 'zero' } {
    const s = this.s;
    const d = s[this.i + 1];
    if (d === undefined) throw new Bail();
    this.i += 2;
    if ('bBAz'.includes(d)) return { kind: 'zero' };
    if ('dDwWsSC'.includes(d)) return { kind: 'any' };
    if (d === 'p' || d === 'P') {
      this.skipProperty();
      return { kind: 'any' };
    }
    return literal(String.fromCodePoint(this.escapedCode(d)));
  }

  /** After `\p` / `\P`: skips the property name (`L` or `{Greek}`). */
  private skipProperty(): void {
    const s = this.s;
    if (s[this.i] === '{') {
      const end = s.indexOf('}', this.i);
      if (end < 0) throw new Bail();
      this.i = end + 1;
    } else this.i++;
  }

  /** The character of a single-character escape `\d…` (after it): `\xHH`, `\x{…}`, `\n`, `\.`, … */
  private escapedCode(d: string): number {
    const s = this.s;
    if (d === 'x') {
      let hex: string;
      if (s[this.i] === '{') {
        const end = s.indexOf('}', this.i);
        if (end < 0) throw new Bail();
        hex = s.slice(this.i + 1, end);
        this.i = end + 1;
      } else {
        hex = s.slice(this.i, this.i + 2);
        this.i += 2;
      }
      if (!/^[0-9A-Fa-f]{1,6}$/.test(hex)) throw new Bail();
      return Number.parseInt(hex, 16);
    }
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
    if (simple[d] !== undefined) return simple[d];
    if (/[A-Za-z0-9]/.test(d)) throw new Bail(); // octal, \Q…\E and other escapes: not analysed
    return d.charCodeAt(0);
  }

  /**
   * Reads a bracket expression (RE2 syntax: `[]…]`, `[^]…]`, escapes, ranges, `[:alpha:]`): its characters
   * when it is a small set of printable ASCII or white-space characters (each match holds one of them),
   * else undefined (negated, wide or unusual classes count as "any character").
   */
  private classChars(): string[] | undefined {
    const s = this.s;
    this.i++;
    let negated = false;
    if (s[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const codes = new Set<number>();
    let any = false;
    for (let first = true; ; first = false) {
      if (this.i >= s.length) throw new Bail();
      const c = s[this.i];
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      if (c === '[' && s[this.i + 1] === ':') {
        const end = s.indexOf(':]', this.i + 2);
        if (end < 0) throw new Bail();
        this.i = end + 2;
        any = true;
        continue;
      }
      const lo = this.classAtom();
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        this.i++;
        const hi = this.classAtom();
        if (lo < 0 || hi < 0 || hi - lo >= MAX_CLASS_CHARS) any = true;
        else for (let k = lo; k <= hi; k++) codes.add(k);
        continue;
      }
      if (lo < 0) any = true;
      else codes.add(lo);
    }
    if (negated || any || codes.size === 0 || codes.size > MAX_CLASS_CHARS) return undefined;
    for (const code of codes) if (!(code >= 0x20 && code < 0x7f) && !(code >= 0x09 && code <= 0x0d)) return undefined;
    return [...codes].map((code) => String.fromCharCode(code));
  }

  /** One character of a bracket expression: its code, or -1 for a class escape (`\s`, `\d`, `\pL`, …). */
  private classAtom(): number {
    const s = this.s;
    const c = s[this.i] as string;
    if (c !== '\\') {
      this.i++;
      return c.codePointAt(0) ?? 0;
    }
    const d = s[this.i + 1];
    if (d === undefined) throw new Bail();
    this.i += 2;
    if ('dDwWsSC'.includes(d)) return -1;
    if (d === 'p' || d === 'P') {
      this.skipProperty();
      return -1;
    }
    return this.escapedCode(d);
  }
}

/** A bracket expression with more characters than this counts as "any character". */
const MAX_CLASS_CHARS = 8;

/** Only printable ASCII joins literals; other characters count as "any character". */
function literal(ch: string): { kind: 'lit'; ch: string } | { kind: 'any' } {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x20 && code < 0x7f ? { kind: 'lit', ch } : { kind: 'any' };
}

/** The required literals of an RE2 pattern (lower-cased when case-insensitive), or undefined. */
export function requiredLiterals(pattern: string): { literals: readonly string[]; caseInsensitive: boolean } | undefined {
  let req: Req;
  try {
    req = new Analyzer(pattern).run();
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
  if (req === undefined || req.length === 0) return undefined;
  const caseInsensitive = /\(\?[A-Za-z-]*i[A-Za-z-]*[:)]/.test(pattern);
  const literals = [...new Set(caseInsensitive ? req.map((l) => l.toLowerCase()) : req)];
  return { literals, caseInsensitive };
}

/** Inputs longer than this go straight to RE2 (a literal alternation in V8 is not linear in the set size). */
export const PREFILTER_MAX_INPUT = 4096;

/**
 * A test that is false only when the pattern cannot match the input; undefined when the pattern has no
 * usable literal requirement.
 */
export function rxPrefilter(pattern: string): ((input: string) => boolean) | undefined {
  const req = requiredLiterals(pattern);
  return req === undefined ? undefined : literalPrefilter(req);
}

/** The V8 test for a literal set: false only when the input contains none of the literals. */
export function literalPrefilter(req: { literals: readonly string[]; caseInsensitive: boolean }): (input: string) => boolean {
  const source = req.literals.map((l) => l.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|');
  const re = new RegExp(source, req.caseInsensitive ? 'iu' : 'u');
  return (input) => input.length > PREFILTER_MAX_INPUT || re.test(input);
}
