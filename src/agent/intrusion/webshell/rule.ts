import RE2 from 're2';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BulwarkError } from '../../../core/errors.js';
import type { Severity } from '../alert.js';
import { conditionNeeds, parseCondition, type Condition } from './condition.js';

/** File extensions scanned when a rule names none (server-side script types). */
export const WEB_SCRIPT_EXTENSIONS = ['php', 'php3', 'php4', 'php5', 'php7', 'phtml', 'pht', 'phar', 'inc', 'jsp', 'jspx', 'jspf', 'asp', 'aspx', 'ashx', 'asmx', 'asa', 'cer', 'cfm'];

const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,80}$/, 'lower-case letters, digits, dots and dashes'),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    /** MITRE ATT&CK technique (default: T1505.003, web shell) */
    technique: z
      .string()
      .regex(/^T\d{4}(?:\.\d{3})?$/)
      .default('T1505.003'),
    extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/, 'an extension without the dot, lower-case')).min(1).optional(),
    /** literal substrings (case-insensitive unless caseSensitive) */
    strings: z.array(z.string().min(1).max(1000)).max(200).default([]),
    /** RE2 regular expressions (linear time; no look-around or back-references) */
    regexes: z.array(z.string().min(1).max(2000)).max(100).default([]),
    /** RE2 regular expressions that veto the rule when any matches */
    exclude: z.array(z.string().min(1).max(2000)).max(50).default([]),
    condition: z.string().default('any'),
    /** met when a run of base64/hex characters of at least minLength has this Shannon entropy (bits per char) */
    entropy: z.object({ min: z.number().min(0).max(8), minLength: z.number().int().min(16).max(1_000_000).default(256) }).optional(),
    /** the rule looks only at files up to this size (e.g. one-line uploaders) */
    maxFileBytes: z.number().int().positive().optional(),
    caseSensitive: z.boolean().default(false),
  })
  .strict();

const fileSchema = z.object({ version: z.literal(1), rules: z.array(ruleSchema).min(1) }).strict();

export interface WebshellRule {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly severity: Severity;
  readonly technique: string;
  readonly extensions: ReadonlySet<string>;
  /** lower-cased unless caseSensitive */
  readonly strings: readonly string[];
  readonly regexes: readonly RE2[];
  readonly exclude: readonly RE2[];
  /** the regexes' and exclusions' sources as one RE2.Set takes them (`(?i)` when not case-sensitive) */
  readonly setSources: { readonly regexes: readonly string[]; readonly exclude: readonly string[] };
  readonly condition: Condition;
  readonly entropy?: { readonly min: number; readonly minLength: number };
  readonly maxFileBytes?: number;
  readonly caseSensitive: boolean;
}

function invalid(source: string, field: string, reason: string): BulwarkError {
  return new BulwarkError('Agent.Intrusion.InvalidRules', { source, field, reason });
}

function compile(source: string, field: string, pattern: string, caseSensitive: boolean): RE2 {
  try {
    return new RE2(pattern, caseSensitive ? '' : 'i');
  } catch (e) {
    throw invalid(source, field, `not an RE2 regex (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Parses and compiles webshell rules from YAML text; every error names the field. */
export function loadWebshellRules(text: string, source: string): WebshellRule[] {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw invalid(source, '(yaml)', e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(source, issue.path.join('.') || '(root)', issue.message);
  }
  const seen = new Set<string>();
  return parsed.data.rules.map((r, i) => {
    const at = `rules.${i}`;
    if (seen.has(r.id)) throw invalid(source, `${at}.id`, `duplicate rule id "${r.id}"`);
    seen.add(r.id);
    let condition: Condition;
    try {
      condition = parseCondition(r.condition);
    } catch (e) {
      throw invalid(source, `${at}.condition`, (e as Error).message);
    }
    const needs = conditionNeeds(condition);
    if (needs.sets.has('strings') && r.strings.length === 0) throw invalid(source, `${at}.condition`, 'reads strings but the rule has none');
    if (needs.sets.has('regexes') && r.regexes.length === 0) throw invalid(source, `${at}.condition`, 'reads regexes but the rule has none');
    if (needs.sets.has('them') && r.strings.length + r.regexes.length === 0) throw invalid(source, `${at}.condition`, 'the rule has no strings or regexes');
    if (needs.entropy !== (r.entropy !== undefined)) throw invalid(source, `${at}.entropy`, needs.entropy ? 'the condition reads entropy but the rule sets no threshold' : 'set, but the condition never reads it');
    return {
      id: r.id,
      name: r.name,
      ...(r.description !== undefined ? { description: r.description } : {}),
      severity: r.severity,
      technique: r.technique,
      extensions: new Set(r.extensions ?? WEB_SCRIPT_EXTENSIONS),
      strings: r.caseSensitive ? r.strings : r.strings.map((s) => s.toLowerCase()),
      regexes: r.regexes.map((p, j) => compile(source, `${at}.regexes.${j}`, p, r.caseSensitive)),
      exclude: r.exclude.map((p, j) => compile(source, `${at}.exclude.${j}`, p, r.caseSensitive)),
      setSources: { regexes: r.regexes.map((p) => (r.caseSensitive ? p : `(?i)${p}`)), exclude: r.exclude.map((p) => (r.caseSensitive ? p : `(?i)${p}`)) },
      condition,
      ...(r.entropy ? { entropy: r.entropy } : {}),
      ...(r.maxFileBytes !== undefined ? { maxFileBytes: r.maxFileBytes } : {}),
      caseSensitive: r.caseSensitive,
    };
  });
}
