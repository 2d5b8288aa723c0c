/** What applying a site document changes: a line diff of the two documents and the settings that differ. */

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface PathChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string | undefined;
  after?: string | undefined;
}

/** The document as indented JSON lines ('' for no document, e.g. a site being created). */
export function documentLines(doc: unknown): string[] {
  return doc === undefined ? [] : JSON.stringify(doc, null, 2).split('\n');
}

/** A line diff (longest common subsequence) of two texts, in order. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the common subsequence of before[i..] and after[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ kind: 'same', text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'removed', text: before[i++]! });
    else out.push({ kind: 'added', text: after[j++]! });
  }
  while (i < n) out.push({ kind: 'removed', text: before[i++]! });
  while (j < m) out.push({ kind: 'added', text: after[j++]! });
  return out;
}

/** Leaf values by dotted path (`waf.exclusions[0].id`); empty objects and arrays are leaves too. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, JSON.stringify(value));
  return out;
}

/** The settings that differ between two documents, in the order of the new one (removed ones last). */
export function changedPaths(before: unknown, after: unknown): PathChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: PathChange[] = [];
  for (const [path, value] of b) {
    if (!a.has(path)) out.push({ path, kind: 'added', after: value });
    else if (a.get(path) !== value) out.push({ path, kind: 'changed', before: a.get(path), after: value });
  }
  for (const [path, value] of a) if (!b.has(path)) out.push({ path, kind: 'removed', before: value });
  return out;
}

/** Only the changed lines and `context` lines around them; `null` stands for skipped unchanged lines. */
export function withContext(lines: readonly DiffLine[], context = 3): Array<DiffLine | null> {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const out: Array<DiffLine | null> = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}
