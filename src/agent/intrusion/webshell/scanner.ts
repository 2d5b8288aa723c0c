import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import RE2 from 're2';
import { shannonEntropy } from '../../../scan/secrets/entropy.js';
import { walkDirectory } from '../../../scan/secrets/walk-dir.js';
import { evaluateCondition } from './condition.js';
import type { WebshellRule } from './rule.js';

export interface RuleMatch {
  readonly rule: WebshellRule;
  /** the strings found */
  readonly strings: string[];
  /** the text each matching regex matched (cut to 120 characters) */
  readonly regexes: string[];
  /** the highest entropy of a long encoded run, when the rule reads entropy */
  readonly entropy?: number;
}

export interface WebshellFinding {
  /** path as given (absolute for the agent) */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly matches: RuleMatch[];
}

export const DEFAULT_MAX_SCAN_BYTES = 4 * 1024 * 1024;
/** base64 / base64url / hex characters, by char code */
const ENCODED = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') ENCODED[ch.charCodeAt(0)] = 1;
const ENTROPY_SAMPLE = 64 * 1024;

/** Highest Shannon entropy among runs of base64/hex characters at least `minLength` long (0: none). */
export function longestRunEntropy(content: string, minLength: number): number {
  let best = 0;
  let start = -1;
  for (let i = 0; i <= content.length; i++) {
    const code = i < content.length ? content.charCodeAt(i) : 0;
    const encoded = code < 128 && ENCODED[code] === 1;
    if (encoded && start < 0) start = i;
    if (!encoded && start >= 0) {
      if (i - start >= minLength) best = Math.max(best, shannonEntropy(content.slice(start, Math.min(i, start + ENTROPY_SAMPLE))));
      start = -1;
    }
  }
  return best;
}

/** Every regex and exclusion of a rule list in one RE2.Set: one pass over a file says which match. */
interface CompiledSet {
  readonly set: InstanceType<typeof RE2.Set> | undefined;
  /** for each set index: the rule, and the regex (>= 0) or exclusion (< 0, ~index) it is */
  readonly owners: ReadonlyArray<{ readonly rule: number; readonly regex: number }>;
}

const SETS = new WeakMap<readonly WebshellRule[], CompiledSet>();

function compiledSet(rules: readonly WebshellRule[]): CompiledSet {
  let compiled = SETS.get(rules);
  if (compiled) return compiled;
  const sources: string[] = [];
  const owners: Array<{ rule: number; regex: number }> = [];
  rules.forEach((r, i) => {
    r.setSources.regexes.forEach((p, j) => (sources.push(p), owners.push({ rule: i, regex: j })));
    r.setSources.exclude.forEach((p, j) => (sources.push(p), owners.push({ rule: i, regex: ~j })));
  });
  compiled = { set: sources.length > 0 ? new RE2.Set(sources) : undefined, owners };
  SETS.set(rules, compiled);
  return compiled;
}

/**
 * Runs the rules over one file's content (`extension` without the dot, lower-case). `bytes` is the
 * content as read (default: the latin1 bytes of `content`): regexes run on it, all at once.
 */
export function matchContent(content: string, extension: string, size: number, rules: readonly WebshellRule[], bytes: Buffer = Buffer.from(content, 'latin1')): RuleMatch[] {
  const { set, owners } = compiledSet(rules);
  const regexHits = new Map<number, number[]>();
  const excluded = new Set<number>();
  for (const k of set?.match(bytes) ?? []) {
    const { rule, regex } = owners[k]!;
    if (regex < 0) excluded.add(rule);
    else regexHits.set(rule, [...(regexHits.get(rule) ?? []), regex]);
  }
  let lower: string | undefined;
  const entropyByLength = new Map<number, number>();
  const out: RuleMatch[] = [];
  rules.forEach((rule, i) => {
    if (!rule.extensions.has(extension) || excluded.has(i)) return;
    if (rule.maxFileBytes !== undefined && size > rule.maxFileBytes) return;
    const hits = regexHits.get(i) ?? [];
    const haystack = rule.caseSensitive ? content : (lower ??= content.toLowerCase());
    const strings = rule.strings.filter((s) => haystack.includes(s));
    let entropy: number | undefined;
    if (rule.entropy) {
      const { minLength } = rule.entropy;
      if (!entropyByLength.has(minLength)) entropyByLength.set(minLength, longestRunEntropy(content, minLength));
      entropy = entropyByLength.get(minLength)!;
    }
    const hit = evaluateCondition(rule.condition, {
      strings: strings.length,
      regexes: hits.length,
      stringsTotal: rule.strings.length,
      regexesTotal: rule.regexes.length,
      entropy: rule.entropy !== undefined && entropy! >= rule.entropy.min,
    });
    if (!hit) return;
    // the matched text, for the evidence (only for rules that hit)
    const regexes = hits.sort((a, b) => a - b).map((j) => (rule.regexes[j]!.exec(bytes)?.[0] ?? Buffer.alloc(0)).toString('latin1').slice(0, 120));
    out.push({ rule, strings, regexes, ...(entropy !== undefined ? { entropy: Math.round(entropy * 100) / 100 } : {}) });
  });
  return out;
}

/** The extension rules look at: lower-case, without the dot. */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

/** Scans one file (undefined: nothing found, not a script type, or unreadable). */
export async function scanWebshellFile(path: string, rules: readonly WebshellRule[], maxBytes = DEFAULT_MAX_SCAN_BYTES): Promise<WebshellFinding | undefined> {
  const ext = extensionOf(path);
  if (!rules.some((r) => r.extensions.has(ext))) return undefined;
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    return undefined;
  }
  if (data.length > maxBytes) return undefined;
  // latin1 keeps every byte as one character, so binary noise cannot break the decoding
  const matches = matchContent(data.toString('latin1'), ext, data.length, rules, data);
  if (matches.length === 0) return undefined;
  return { path, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), matches };
}

export interface WebshellScan {
  readonly scanned: number;
  readonly skipped: Array<{ path: string; reason: string }>;
  readonly findings: WebshellFinding[];
}

/** Scans a folder (a web root) for webshells: script files only, one at a time, large ones skipped with a note. */
export async function scanWebshells(root: string, rules: readonly WebshellRule[], maxBytes = DEFAULT_MAX_SCAN_BYTES): Promise<WebshellScan> {
  const extensions = new Set(rules.flatMap((r) => [...r.extensions]));
  const skipped: Array<{ path: string; reason: string }> = [];
  const findings: WebshellFinding[] = [];
  let scanned = 0;
  for await (const file of walkDirectory(root, { maxFileBytes: maxBytes, onSkip: (path, reason) => reason === 'too-large' && extensions.has(extensionOf(path)) && skipped.push({ path, reason }) })) {
    if (!extensions.has(extensionOf(file.path))) continue;
    scanned++;
    const finding = await scanWebshellFile(file.absolute, rules, maxBytes);
    if (finding) findings.push(finding);
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { scanned, skipped, findings };
}
