/** A precompiled test of one string against a policy pattern. */
export type StringMatcher = (value: string) => boolean;

const always: StringMatcher = () => true;

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * Prefix and suffix tests through a slice and native string equality: on Node 20 both
 * String.prototype.startsWith and per-character loops are several times slower for ARN-sized strings.
 */
export function hasPrefix(value: string, prefix: string): boolean {
  const n = prefix.length;
  if (value.length === n) return value === prefix;
  return value.length > n && value.slice(0, n) === prefix;
}

export function hasSuffix(value: string, suffix: string): boolean {
  const n = suffix.length;
  if (value.length === n) return value === suffix;
  return value.length > n && value.slice(value.length - n) === suffix;
}

/** Finds `segment` (which may contain `?`, matching exactly one character) in `value` from `from`; -1 if absent. */
function findSegment(value: string, segment: string, from: number): number {
  if (!segment.includes('?')) return value.indexOf(segment, from);
  const last = value.length - segment.length;
  outer: for (let start = from; start <= last; start++) {
    for (let i = 0; i < segment.length; i++) {
      const c = segment.charCodeAt(i);
      if (c !== 63 /* ? */ && c !== value.charCodeAt(start + i)) continue outer;
    }
    return start;
  }
  return -1;
}

/** Whether `segment` (with `?` wildcards) matches `value` exactly at `at`. */
function segmentAt(value: string, segment: string, at: number): boolean {
  if (at < 0 || at + segment.length > value.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== 63 && c !== value.charCodeAt(at + i)) return false;
  }
  return true;
}

/**
 * Compiles a RAM wildcard pattern (`*` = any run of characters, `?` = exactly one) into a
 * case-sensitive matcher. Callers that need case-insensitivity lower-case both the pattern and the
 * value once. Matching is linear in practice (greedy leftmost search between `*`s, no backtracking
 * regular expressions), so hostile patterns cannot make evaluation explode.
 */
export function compileWildcard(pattern: string): StringMatcher {
  if (pattern === '*') return always;
  if (!hasWildcard(pattern)) return (value) => value === pattern;
  const segments = pattern.split('*');
  if (segments.length === 1) {
    // only `?` wildcards: fixed length
    return (value) => value.length === pattern.length && segmentAt(value, pattern, 0);
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((s) => s.length > 0);
  const minLength = segments.reduce((n, s) => n + s.length, 0);
  const firstPlain = !first.includes('?');
  const lastPlain = !last.includes('?');
  if (middle.length === 0 && firstPlain && lastPlain) {
    if (last === '') return (value) => hasPrefix(value, first);
    if (first === '') return (value) => hasSuffix(value, last);
    return (value) => value.length >= minLength && hasSuffix(value, last) && hasPrefix(value, first);
  }
  return (value) => {
    if (value.length < minLength) return false;
    if (!segmentAt(value, first, 0)) return false;
    const tailStart = value.length - last.length;
    if (!segmentAt(value, last, tailStart)) return false;
    let at = first.length;
    for (const segment of middle) {
      const found = findSegment(value, segment, at);
      if (found < 0 || found + segment.length > tailStart) return false;
      at = found + segment.length;
    }
    return true;
  };
}

/** One matcher for several patterns (OR); exact patterns are looked up in a set. */
export function compileWildcardSet(patterns: readonly string[]): StringMatcher {
  if (patterns.includes('*')) return always;
  const exact = new Set<string>();
  const wild: StringMatcher[] = [];
  for (const p of patterns) {
    if (hasWildcard(p)) wild.push(compileWildcard(p));
    else exact.add(p);
  }
  if (wild.length === 0) {
    if (exact.size === 1) {
      const only = [...exact][0]!;
      return (value) => value === only;
    }
    return (value) => exact.has(value);
  }
  if (exact.size === 0 && wild.length === 1) return wild[0]!;
  return (value) => {
    if (exact.has(value)) return true;
    for (const m of wild) if (m(value)) return true;
    return false;
  };
}
