/**
 * Prefix patterns: from a detector's regex, a regex that matches (sticky, at a position) exactly
 * when the rest of the text *could be the beginning of a match* — a prefix of some string the
 * original pattern matches, or a whole match whose end is the end of the text (its lookaheads are
 * undecided). A time-based flush releases the bytes before the earliest such position and keeps the
 * rest: more data could still turn them into a value (see docs/dlp.md, "Latency").
 *
 * Construction over the pattern's syntax tree, with `P(x)` the prefix pattern of `x`:
 * `P(atom) = (?:atom)?$`, `P(assertion) = $`, `P(a b…) = P(a) | a P(b…)`, `P(a|b) = P(a) | P(b)`,
 * `P(x{m,n}) = (?:x){0,n-1} P(x)`. The size stays linear in the pattern per nesting level. Supported
 * syntax: literals and escapes, classes, `(?:…)`, `(…)` (made non-capturing; no backreferences),
 * lookarounds, `\b`, `^`, `$`, alternation and the quantifiers `? * + {m} {m,} {m,n}` (greedy or lazy).
 */
type Node =
  | { readonly kind: 'atom'; readonly src: string }
  | { readonly kind: 'assert'; readonly src: string }
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly options: readonly Node[] }
  | { readonly kind: 'rep'; readonly body: Node; readonly min: number; readonly max: number };

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const n = this.alternation();
    if (this.i !== this.s.length) throw new Error(`prefixPattern: unexpected '${this.s[this.i] ?? ''}' at ${this.i}`);
    return n;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.quantified(this.term()));
    return { kind: 'seq', items };
  }

  private term(): Node {
    const s = this.s;
    const c = s[this.i] ?? '';
    if (c === '(') {
      if (s.startsWith('(?=', this.i) || s.startsWith('(?!', this.i) || s.startsWith('(?<=', this.i) || s.startsWith('(?<!', this.i)) {
        const start = this.i;
        this.i = this.groupEnd(this.i);
        return { kind: 'assert', src: s.slice(start, this.i) };
      }
      this.i += s.startsWith('(?:', this.i) ? 3 : 1;
      const body = this.alternation();
      if (s[this.i] !== ')') throw new Error('prefixPattern: unclosed group');
      this.i++;
      return body;
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { kind: 'assert', src: c };
    }
    if (c === '[') {
      const start = this.i;
      this.i = this.classEnd(this.i);
      return { kind: 'atom', src: s.slice(start, this.i) };
    }
    if (c === '\\') {
      const start = this.i;
      const e = s[this.i + 1] ?? '';
      if (e === 'b' || e === 'B') {
        this.i += 2;
        return { kind: 'assert', src: s.slice(start, this.i) };
      }
      if (/[1-9k]/.test(e)) throw new Error('prefixPattern: backreferences are not supported');
      this.i += e === 'x' ? 4 : e === 'u' ? 6 : e === 'c' ? 3 : 2;
      return { kind: 'atom', src: s.slice(start, this.i) };
    }
    if ('*+?{'.includes(c)) throw new Error(`prefixPattern: nothing to repeat at ${this.i}`);
    this.i++;
    return { kind: 'atom', src: c };
  }

  private quantified(node: Node): Node {
    const s = this.s;
    const c = s[this.i];
    let min = 0;
    let max: number;
    if (c === '?') max = 1;
    else if (c === '*' || c === '+') {
      min = c === '+' ? 1 : 0;
      max = Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (m === null) throw new Error(`prefixPattern: bad quantifier at ${this.i}`);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (s[this.i] === '?') this.i++; // lazy: same language
    return { kind: 'rep', body: node, min, max };
  }

  /** Offset after the `)` closing the group that opens at `i`. */
  private groupEnd(i: number): number {
    let depth = 0;
    for (let j = i; j < this.s.length; j++) {
      const c = this.s[j];
      if (c === '\\') j++;
      else if (c === '[') j = this.classEnd(j) - 1;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j + 1;
    }
    throw new Error('prefixPattern: unclosed group');
  }

  /** Offset after the `]` closing the class that opens at `i`. */
  private classEnd(i: number): number {
    for (let j = i + 1; j < this.s.length; j++) {
      const c = this.s[j];
      if (c === '\\') j++;
      else if (c === ']') return j + 1;
    }
    throw new Error('prefixPattern: unclosed class');
  }
}

/** True when some character the node consumes can be a line feed (lookarounds ignored). */
function matchesLineBreak(n: Node, flags: string): boolean {
  switch (n.kind) {
    case 'atom':
      return new RegExp(`^(?:${n.src})$`, flags.replace(/[gy]/g, '')).test('\n');
    case 'assert':
      return false;
    case 'seq':
      return n.items.some((i) => matchesLineBreak(i, flags));
    case 'alt':
      return n.options.some((o) => matchesLineBreak(o, flags));
    case 'rep':
      return matchesLineBreak(n.body, flags);
  }
}

/** Source matching the whole node. */
function full(n: Node): string {
  switch (n.kind) {
    case 'atom':
    case 'assert':
      return n.src;
    case 'seq':
      return n.items.map(full).join('');
    case 'alt':
      return `(?:${n.options.map(full).join('|')})`;
    case 'rep':
      return `(?:${full(n.body)}){${n.min},${n.max === Infinity ? '' : n.max}}`;
  }
}

/** Source matching the rest of the text when it is a prefix of a string matched by the node. */
function prefix(n: Node): string {
  switch (n.kind) {
    case 'atom':
      return `(?:${n.src})?$`;
    case 'assert':
      return '$';
    case 'seq':
      return seqPrefix(n.items, 0);
    case 'alt':
      return `(?:${n.options.map(prefix).join('|')})`;
    case 'rep':
      if (n.max === 0) return '$';
      return `(?:${full(n.body)})${n.max === Infinity ? '*' : `{0,${n.max - 1}}`}${prefix(n.body)}`;
  }
}

function seqPrefix(items: readonly Node[], k: number): string {
  const first = items[k];
  if (first === undefined) return '$';
  if (k === items.length - 1) return prefix(first);
  return `(?:${prefix(first)}|${full(first)}${seqPrefix(items, k + 1)})`;
}

/**
 * The sticky prefix patterns of `pattern` (its flags other than g/y kept): one per top-level
 * alternative — V8 runs several small patterns far faster than one large alternation of them.
 */
export function prefixPattern(pattern: RegExp, options: { readonly singleLine?: boolean } = {}): readonly RegExp[] {
  const tree = new Parser(pattern.source).parse();
  if (options.singleLine === true && matchesLineBreak(tree, pattern.flags)) throw new Error(`prefixPattern: /${pattern.source.slice(0, 40)}…/ can match a line break`);
  const flags = `${pattern.flags.replace(/[gy]/g, '')}y`;
  const alternatives = tree.kind === 'alt' ? tree.options : [tree];
  return alternatives.map((o) => new RegExp(prefix(o), flags));
}

/** Pattern tests one `pendingStart` may run (a flush on adversarial text stays in milliseconds). */
const TEST_BUDGET = 4096;

/**
 * The earliest offset in `[from, text.length)` at which one of `pfx` (from `prefixPattern`) matches,
 * i.e. where a match could start that more data might complete; `text.length` when there is none.
 * After `TEST_BUDGET` tests it answers the position it reached: conservative, the rest is held.
 */
export function pendingStart(pfx: readonly RegExp[], text: string, from: number): number {
  const n = text.length;
  let budget = TEST_BUDGET;
  for (let p = Math.max(0, from); p < n; p++) {
    for (const re of pfx) {
      if (budget-- <= 0) return p;
      re.lastIndex = p;
      if (re.test(text)) return p;
    }
  }
  return n;
}

/**
 * `pendingStart` for patterns that never match a line break (built with `singleLine`, which checks
 * it: stack frames, database errors): only the last line can hold the start of a pending match.
 */
export function pendingStartOnLastLine(pfx: readonly RegExp[], text: string, from: number): number {
  return pendingStart(pfx, text, Math.max(from, text.lastIndexOf('\n') + 1));
}
