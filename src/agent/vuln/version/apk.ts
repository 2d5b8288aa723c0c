/**
 * Alpine (apk-tools) version comparison. A version is
 * `number(.number)*[letter](_suffix[number])*[-rN]`; numbers compare numerically (a later
 * component with a leading zero compares as a decimal fraction, `1.02 < 1.1`), a letter sorts after
 * no letter, suffixes `_alpha < _beta < _pre < _rc <` (none) `< _cvs < _svn < _git < _hg < _p`, then
 * the package revision `-rN` (none = `-r0`). Parts of a malformed version that parse still compare
 * first; when they are equal the strings are compared as text (as apk does for invalid versions).
 */
const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc'] as const;
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p'] as const;

interface Suffix {
  /** negative for pre-release suffixes (alpha = -4 … rc = -1), 0… for post-release ones (cvs = 0 … p = 4) */
  readonly rank: number;
  readonly number: string;
}

export interface ApkVersion {
  readonly components: readonly string[];
  readonly letter: string;
  readonly suffixes: readonly Suffix[];
  readonly revision: string;
  /** false when only a prefix of the text follows the grammar */
  readonly valid: boolean;
}

const COMPONENTS = /^\d+(?:\.\d+)*/;
const SUFFIX = /^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/;
const REVISION = /^-r(\d+)$/;

/** Parses as much of `text` as follows the grammar. */
export function parseApkVersion(text: string): ApkVersion {
  const head = COMPONENTS.exec(text);
  if (!head) return { components: [], letter: '', suffixes: [], revision: '0', valid: false };
  let rest = text.slice(head[0].length);
  let letter = '';
  if (/^[a-z]/.test(rest)) {
    letter = rest[0]!;
    rest = rest.slice(1);
  }
  const suffixes: Suffix[] = [];
  for (let m = SUFFIX.exec(rest); m; m = SUFFIX.exec(rest)) {
    const name = m[1]!;
    const pre = PRE_SUFFIXES.indexOf(name as (typeof PRE_SUFFIXES)[number]);
    suffixes.push({ rank: pre >= 0 ? pre - PRE_SUFFIXES.length : POST_SUFFIXES.indexOf(name as (typeof POST_SUFFIXES)[number]), number: m[2]! });
    rest = rest.slice(m[0].length);
  }
  let revision = '0';
  const r = REVISION.exec(rest);
  if (r) {
    revision = r[1]!;
    rest = '';
  }
  return { components: head[0].split('.'), letter, suffixes, revision, valid: rest === '' };
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Compares unsigned decimal strings of any length. */
function compareIntegers(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Later components: with a leading zero on either side they compare as fractions (`02 < 1`). */
function compareComponent(a: string, b: string): number {
  if (a.startsWith('0') || b.startsWith('0')) {
    const x = a.replace(/0+$/, '');
    const y = b.replace(/0+$/, '');
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compareIntegers(a, b);
}

function compareParsed(a: ApkVersion, b: ApkVersion): number {
  const first = compareIntegers(a.components[0] ?? '0', b.components[0] ?? '0');
  if (first !== 0) return first;
  const n = Math.min(a.components.length, b.components.length);
  for (let i = 1; i < n; i++) {
    const c = compareComponent(a.components[i]!, b.components[i]!);
    if (c !== 0) return c;
  }
  if (a.components.length !== b.components.length) return a.components.length < b.components.length ? -1 : 1;
  if (a.letter !== b.letter) return a.letter < b.letter ? -1 : 1;
  const m = Math.min(a.suffixes.length, b.suffixes.length);
  for (let i = 0; i < m; i++) {
    const x = a.suffixes[i]!;
    const y = b.suffixes[i]!;
    if (x.rank !== y.rank) return sign(x.rank - y.rank);
    const c = compareIntegers(x.number || '0', y.number || '0');
    if (c !== 0) return c;
  }
  // one has more suffixes: a further pre-release suffix makes it older, a post-release one newer
  if (a.suffixes.length > m) return a.suffixes[m]!.rank < 0 ? -1 : 1;
  if (b.suffixes.length > m) return b.suffixes[m]!.rank < 0 ? 1 : -1;
  return compareIntegers(a.revision, b.revision);
}

/** -1, 0 or 1 as `a` sorts before, equal to or after `b` (what `apk version -t` answers). */
export function compareApkVersions(a: string, b: string): number {
  const x = parseApkVersion(a.trim());
  const y = parseApkVersion(b.trim());
  const c = compareParsed(x, y);
  if (c !== 0 || (x.valid && y.valid)) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}
