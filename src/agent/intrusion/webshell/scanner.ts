import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
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
const ENCODED_CHAR = /[A-Za-z0-9+/=_-]/;
const ENTROPY_SAMPLE = 64 * 1024;

/** Highest Shannon entropy among runs of base64/hex characters at least `minLength` long (0: none). */
export function longestRunEntropy(content: string, minLength: number): number {
  let best = 0;
  let start = -1;
  for (let i = 0; i <= content.length; i++) {
    const encoded = i < content.length && ENCODED_CHAR.test(content[i]!);
    if (encoded && start < 0) start = i;
    if (!encoded && start >= 0) {
      if (i - start >= minLength) best = Math.max(best, shannonEntropy(content.slice(start, Math.min(i, start + ENTROPY_SAMPLE))));
      start = -1;
    }
  }
  return best;
}

/** Runs the rules over one file's content (`extension` without the dot, lower-case). */
export function matchContent(content: string, extension: string, size: number, rules: readonly WebshellRule[]): RuleMatch[] {
  let lower: string | undefined;
  const entropyByLength = new Map<number, number>();
  const out: RuleMatch[] = [];
  for (const rule of rules) {
    if (!rule.extensions.has(extension)) continue;
    if (rule.maxFileBytes !== undefined && size > rule.maxFileBytes) continue;
    const haystack = rule.caseSensitive ? content : (lower ??= content.toLowerCase());
    const strings = rule.strings.filter((s) => haystack.includes(s));
    const regexes: string[] = [];
    for (const re of rule.regexes) {
      const m = re.exec(content);
      if (m) regexes.push(m[0].slice(0, 120));
    }
    let entropy: number | undefined;
    if (rule.entropy) {
      const { minLength } = rule.entropy;
      if (!entropyByLength.has(minLength)) entropyByLength.set(minLength, longestRunEntropy(content, minLength));
      entropy = entropyByLength.get(minLength)!;
    }
    const hit = evaluateCondition(rule.condition, {
      strings: strings.length,
      regexes: regexes.length,
      stringsTotal: rule.strings.length,
      regexesTotal: rule.regexes.length,
      entropy: rule.entropy !== undefined && entropy! >= rule.entropy.min,
    });
    if (!hit || rule.exclude.some((re) => re.test(content))) continue;
    out.push({ rule, strings, regexes, ...(entropy !== undefined ? { entropy: Math.round(entropy * 100) / 100 } : {}) });
  }
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
  const matches = matchContent(data.toString('latin1'), ext, data.length, rules);
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
