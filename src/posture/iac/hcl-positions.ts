/**
 * Lines for HCL: hcl2json gives values but no positions, so this pass reads the source text's
 * structure (bodies, attributes, blocks, object keys, tuple elements; strings, heredocs and
 * comments skipped) and keeps the 1-based line of each. It never evaluates anything.
 */
import type { AttrPath } from './resource.js';

export interface PosNode {
  line: number;
  /** Labels of a block (`resource "t" "n"` → ["t", "n"]). */
  labels?: string[];
  /** Attributes and blocks of a body, keys of an object literal: name → occurrences. */
  children?: Map<string, PosNode[]>;
  /** Elements of a tuple literal. */
  items?: PosNode[];
}

const IDENT = /[A-Za-z0-9_\-.]/;

class Reader {
  private readonly lineStarts: number[] = [0];
  i = 0;
  constructor(readonly src: string) {
    for (let k = 0; k < src.length; k++) if (src.charCodeAt(k) === 10) this.lineStarts.push(k + 1);
  }

  lineAt(index: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  get ch(): string {
    return this.src[this.i] ?? '';
  }

  get done(): boolean {
    return this.i >= this.src.length;
  }

  /** Skips spaces and comments; newlines too when `newlines`. */
  skip(newlines: boolean): void {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        this.i = end < 0 ? s.length : end + 2;
      } else break;
    }
  }

  /** Skips blank lines and comments (and commas when `commas`); true at the end or at `close` (consumed). */
  endOf(close: string, commas: boolean): boolean {
    this.skip(true);
    while (commas && this.ch === ',') {
      this.i++;
      this.skip(true);
    }
    if (this.done) return true;
    if (this.ch !== close) return false;
    this.i++;
    return true;
  }

  ident(): string {
    const start = this.i;
    while (this.i < this.src.length && IDENT.test(this.src[this.i]!)) this.i++;
    return this.src.slice(start, this.i);
  }

  /** At `"`: skips the quoted template (with nested `${…}`) and returns its raw text. */
  quoted(): string {
    const s = this.src;
    const start = ++this.i;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '\\') this.i += 2;
      else if (c === '"') return s.slice(start, this.i++);
      else if ((c === '$' || c === '%') && s[this.i + 1] === '{') {
        this.i += 2;
        this.balanced('}');
      } else if (c === '\n') return s.slice(start, this.i);
      else this.i++;
    }
    return s.slice(start);
  }

  /** After an opening bracket: skips to just past the matching `close`, minding strings. */
  balanced(close: string): void {
    const stack = [close];
    const s = this.src;
    while (this.i < s.length && stack.length > 0) {
      const c = s[this.i]!;
      if (c === '"') this.quoted();
      else if (c === '<' && s[this.i + 1] === '<' && this.heredoc()) continue;
      else if (c === '#' || (c === '/' && (s[this.i + 1] === '/' || s[this.i + 1] === '*'))) this.skip(false);
      else {
        if (c === '{') stack.push('}');
        else if (c === '[') stack.push(']');
        else if (c === '(') stack.push(')');
        else if (c === stack[stack.length - 1]) stack.pop();
        this.i++;
      }
    }
  }

  /** At `<<`: skips a heredoc when it is one (returns false otherwise). */
  heredoc(): boolean {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(this.src.slice(this.i, this.i + 200));
    if (!m) return false;
    const marker = m[1]!;
    let k = this.i + m[0].length;
    while (k < this.src.length) {
      const nl = this.src.indexOf('\n', k);
      const lineEnd = nl < 0 ? this.src.length : nl;
      if (this.src.slice(k, lineEnd).trim() === marker) {
        this.i = lineEnd;
        return true;
      }
      k = lineEnd + 1;
    }
    this.i = this.src.length;
    return true;
  }
}

function add(map: Map<string, PosNode[]>, name: string, node: PosNode): void {
  const list = map.get(name);
  if (list) list.push(node);
  else map.set(name, [node]);
}

/** An expression up to a terminator at depth 0 (`stops`; newline ends it when `stopAtNewline`). */
function expression(r: Reader, stops: string, stopAtNewline: boolean): PosNode {
  r.skip(false);
  const node: PosNode = { line: r.lineAt(r.i) };
  if (r.ch === '{' && !/^\{\s*for\s/.test(r.src.slice(r.i, r.i + 12))) {
    r.i++;
    node.children = objectBody(r);
  } else if (r.ch === '[' && !/^\[\s*for\s/.test(r.src.slice(r.i, r.i + 12))) {
    r.i++;
    node.items = tupleBody(r);
  }
  // The rest of the expression (operators, function calls, traversals after a literal).
  while (!r.done) {
    const c = r.ch;
    if (c === '\n' && stopAtNewline) break;
    if (stops.includes(c)) break;
    if (c === '"') r.quoted();
    else if (c === '<' && r.src[r.i + 1] === '<' && r.heredoc()) continue;
    else if (c === '#' || (c === '/' && (r.src[r.i + 1] === '/' || r.src[r.i + 1] === '*'))) r.skip(false);
    else if (c === '{' || c === '[' || c === '(') {
      r.i++;
      r.balanced(c === '{' ? '}' : c === '[' ? ']' : ')');
    } else r.i++;
  }
  return node;
}

function objectBody(r: Reader): Map<string, PosNode[]> {
  const children = new Map<string, PosNode[]>();
  for (;;) {
    if (r.endOf('}', true)) return children;
    const line = r.lineAt(r.i);
    let key: string;
    if (r.ch === '"') key = r.quoted();
    else if (r.ch === '(') {
      r.i++;
      r.balanced(')');
      key = '';
    } else key = r.ident();
    r.skip(false);
    if (r.ch !== '=' && r.ch !== ':') {
      // Not a key: skip whatever this is to the next separator.
      if (!key) r.i++;
      expression(r, ',}', true);
      continue;
    }
    r.i++;
    const value = expression(r, ',}', true);
    value.line = line;
    if (key) add(children, key, value);
  }
}

function tupleBody(r: Reader): PosNode[] {
  const items: PosNode[] = [];
  for (;;) {
    if (r.endOf(']', true)) return items;
    const start = r.i;
    items.push(expression(r, ',]', false));
    if (r.i === start) r.i++;
  }
}

/** A body (file or block) up to `}` or the end of input. */
function body(r: Reader): Map<string, PosNode[]> {
  const children = new Map<string, PosNode[]>();
  for (;;) {
    if (r.endOf('}', false)) return children;
    const line = r.lineAt(r.i);
    const name = r.ident();
    if (!name) {
      r.i++;
      continue;
    }
    r.skip(false);
    if (r.ch === '=' && r.src[r.i + 1] !== '=') {
      r.i++;
      const value = expression(r, '}', true);
      value.line = line;
      add(children, name, value);
      continue;
    }
    const labels: string[] = [];
    while (!r.done && r.ch !== '{' && r.ch !== '\n') {
      if (r.ch === '"') labels.push(r.quoted());
      else if (IDENT.test(r.ch)) labels.push(r.ident());
      else r.i++;
      r.skip(false);
    }
    if (r.ch !== '{') continue;
    r.i++;
    add(children, name, { line, labels, children: body(r) });
  }
}

/** The structure of a whole file. */
export function hclPositions(source: string): PosNode {
  return { line: 1, children: body(new Reader(source)) };
}

/** Line of the deepest node of `path` under `root` (block/list indexes pick occurrences). */
export function lineAtPath(root: PosNode, path: AttrPath): number {
  let nodes: PosNode[] = [root];
  let line = root.line;
  for (const seg of path) {
    let next: PosNode | undefined;
    if (typeof seg === 'number') {
      if (nodes.length > 1) next = nodes[seg];
      else if (nodes[0]?.items) next = nodes[0].items[seg];
      else if (seg === 0) next = nodes[0];
      if (!next) break;
      nodes = [next];
    } else {
      const cur = nodes.length === 1 ? nodes[0] : undefined;
      const list = cur?.children?.get(seg) ?? (cur?.items?.length === 1 ? cur.items[0]?.children?.get(seg) : undefined);
      if (!list || list.length === 0) break;
      nodes = list;
      next = list[0];
    }
    line = next!.line;
  }
  return line;
}
