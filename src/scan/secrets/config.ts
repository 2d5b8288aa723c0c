import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { BULWARK_DEFAULT_RULES } from './default-rules.js';

/**
 * Secret-scanning rules in gitleaks' TOML format (v8.25+): rules with id, description, regex,
 * secretGroup, entropy, keywords, path, tags, allowlists (commits, paths, regexes, regexTarget,
 * stopwords, condition) and `required` (composite rules); global `[allowlist]`/`[[allowlists]]`;
 * `[extend]` with useDefault, path and disabledRules.
 */

const allowlistSchema = z.object({
  description: z.string().optional(),
  condition: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(['OR', 'AND']))
    .optional(),
  commits: z.array(z.string()).optional(),
  paths: z.array(z.string()).optional(),
  regexTarget: z.enum(['secret', 'match', 'line']).optional(),
  regexes: z.array(z.string()).optional(),
  stopwords: z.array(z.string()).optional(),
});

const globalAllowlistSchema = allowlistSchema.extend({ targetRules: z.array(z.string()).optional() });

const requiredSchema = z.object({
  id: z.string().min(1),
  withinLines: z.number().int().min(0).optional(),
  withinColumns: z.number().int().min(0).optional(),
});

const ruleSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  regex: z.string().optional(),
  secretGroup: z.number().int().min(0).optional(),
  entropy: z.number().min(0).optional(),
  keywords: z.array(z.string()).optional(),
  path: z.string().optional(),
  tags: z.array(z.string()).optional(),
  allowlist: allowlistSchema.optional(),
  allowlists: z.array(allowlistSchema).optional(),
  required: z.array(requiredSchema).optional(),
  skipReport: z.boolean().optional(),
});

const fileSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  minVersion: z.string().optional(),
  extend: z
    .object({
      useDefault: z.boolean().optional(),
      path: z.string().optional(),
      url: z.string().optional(),
      disabledRules: z.array(z.string()).optional(),
    })
    .optional(),
  allowlist: globalAllowlistSchema.optional(),
  allowlists: z.array(globalAllowlistSchema).optional(),
  rules: z.array(ruleSchema).optional(),
});

export type AllowlistConfig = {
  description?: string;
  condition: 'OR' | 'AND';
  commits: string[];
  paths: string[];
  regexTarget: 'secret' | 'match' | 'line';
  regexes: string[];
  stopwords: string[];
  /** global allowlists only: limit to these rule ids (empty: every rule) */
  targetRules: string[];
};

export interface RuleConfig {
  id: string;
  description: string;
  regex?: string;
  secretGroup: number;
  entropy: number;
  keywords: string[];
  path?: string;
  tags: string[];
  allowlists: AllowlistConfig[];
  required: Array<{ id: string; withinLines?: number; withinColumns?: number }>;
  skipReport: boolean;
}

/** A resolved rule set (extends applied): plain data, so it can be sent to worker threads. */
export interface RulesConfig {
  title: string;
  rules: RuleConfig[];
  allowlists: AllowlistConfig[];
}

function allowlistOf(raw: z.infer<typeof globalAllowlistSchema>): AllowlistConfig {
  return {
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    condition: raw.condition ?? 'OR',
    commits: raw.commits ?? [],
    paths: raw.paths ?? [],
    regexTarget: raw.regexTarget ?? 'secret',
    regexes: raw.regexes ?? [],
    stopwords: (raw.stopwords ?? []).map((s) => s.toLowerCase()),
    targetRules: raw.targetRules ?? [],
  };
}

function ruleOf(raw: z.infer<typeof ruleSchema>): RuleConfig {
  return {
    id: raw.id,
    description: raw.description ?? '',
    ...(raw.regex !== undefined ? { regex: raw.regex } : {}),
    secretGroup: raw.secretGroup ?? 0,
    entropy: raw.entropy ?? 0,
    keywords: (raw.keywords ?? []).map((k) => k.toLowerCase()),
    ...(raw.path !== undefined ? { path: raw.path } : {}),
    tags: raw.tags ?? [],
    allowlists: [...(raw.allowlist ? [raw.allowlist] : []), ...(raw.allowlists ?? [])].map(allowlistOf),
    required: raw.required ?? [],
    skipReport: raw.skipReport ?? false,
  };
}

/** Child fields win where set; lists (keywords, tags, allowlists) are joined, as gitleaks' extend does. */
function mergeRule(base: RuleConfig, child: RuleConfig): RuleConfig {
  return {
    ...base,
    ...child,
    description: child.description || base.description,
    ...(child.regex === undefined && base.regex !== undefined ? { regex: base.regex } : {}),
    ...(child.path === undefined && base.path !== undefined ? { path: base.path } : {}),
    secretGroup: child.secretGroup || base.secretGroup,
    entropy: child.entropy || base.entropy,
    keywords: [...new Set([...base.keywords, ...child.keywords])],
    tags: [...new Set([...base.tags, ...child.tags])],
    allowlists: [...base.allowlists, ...child.allowlists],
    required: child.required.length > 0 ? child.required : base.required,
  };
}

const MAX_EXTEND_DEPTH = 2;

function load(text: string, source: string, baseDir: string, depth: number): RulesConfig {
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (e) {
    throw new BulwarkError('Scan.InvalidRules', { source, field: '(toml)', reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('Scan.InvalidRules', { source, field: issue.path.join('.') || '(root)', reason: issue.message });
  }
  const file = parsed.data;
  const seen = new Set<string>();
  const rules = (file.rules ?? []).map((r, i) => {
    if (seen.has(r.id)) throw new BulwarkError('Scan.InvalidRules', { source, field: `rules[${i}].id`, reason: `duplicate rule id "${r.id}"` });
    seen.add(r.id);
    return ruleOf(r);
  });
  const allowlists = [...(file.allowlist ? [file.allowlist] : []), ...(file.allowlists ?? [])].map(allowlistOf);
  let config: RulesConfig = { title: file.title ?? source, rules, allowlists };

  const extend = file.extend;
  if (extend && (extend.useDefault || extend.path || extend.url)) {
    if (extend.url) throw new BulwarkError('Scan.InvalidRules', { source, field: 'extend.url', reason: 'rules are never fetched from the network; download the file and use extend.path' });
    if (depth >= MAX_EXTEND_DEPTH) throw new BulwarkError('Scan.InvalidRules', { source, field: 'extend', reason: `extends nest deeper than ${MAX_EXTEND_DEPTH}` });
    const base = extend.useDefault ? loadDefaultRules(depth + 1) : loadRulesFile(resolve(baseDir, extend.path!), depth + 1);
    config = extendConfig(base, config, extend.disabledRules ?? []);
  }
  // After extends: every rule has something to match, every `required` rule exists.
  const ids = new Set(config.rules.map((r) => r.id));
  config.rules.forEach((r, i) => {
    if (r.regex === undefined && r.path === undefined) throw new BulwarkError('Scan.InvalidRules', { source, field: `rules[${i}] (${r.id})`, reason: 'a rule needs a regex, a path, or both' });
    r.required.forEach((req, j) => {
      if (!ids.has(req.id)) throw new BulwarkError('Scan.InvalidRules', { source, field: `rules[${i}].required[${j}].id`, reason: `no rule "${req.id}"` });
    });
  });
  return config;
}

/** Applies `child` over `base`: rules merged by id, disabled rules dropped, allowlists joined. */
export function extendConfig(base: RulesConfig, child: RulesConfig, disabledRules: readonly string[]): RulesConfig {
  const disabled = new Set(disabledRules);
  const byId = new Map<string, RuleConfig>();
  for (const r of base.rules) if (!disabled.has(r.id)) byId.set(r.id, r);
  for (const r of child.rules) {
    const b = byId.get(r.id);
    byId.set(r.id, b ? mergeRule(b, r) : r);
  }
  return { title: child.title, rules: [...byId.values()], allowlists: [...base.allowlists, ...child.allowlists] };
}

/** Parses rules from TOML text; `source` names it in errors. */
export function parseRules(text: string, source: string, baseDir = process.cwd()): RulesConfig {
  return load(text, source, baseDir, 0);
}

function loadRulesFile(path: string, depth: number): RulesConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BulwarkError('Scan.InvalidRules', { source: path, field: '(file)', reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
  }
  return load(text, path, dirname(path), depth);
}

/** Reads a gitleaks-compatible TOML rules file (extends resolved relative to its folder). */
export function loadRules(path: string): RulesConfig {
  return loadRulesFile(path, 0);
}

function loadDefaultRules(depth: number): RulesConfig {
  return load(BULWARK_DEFAULT_RULES, 'bulwark-default-rules', process.cwd(), depth);
}

/** Bulwark's own rules (Alibaba Cloud, Bulwark, PEM keys, database URLs, common cloud and SaaS tokens). */
export function defaultRules(): RulesConfig {
  return loadDefaultRules(0);
}
