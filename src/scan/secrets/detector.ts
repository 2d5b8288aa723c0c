import { createHash } from 'node:crypto';
import type RE2 from 're2';
import { AhoCorasick } from './aho-corasick.js';
import type { AllowlistConfig, RuleConfig, RulesConfig } from './config.js';
import { shannonEntropy } from './entropy.js';
import { compileGoRegex } from './go-regex.js';

/** Where a piece of content was found: a file path and, in git history, the commit that introduced it. */
export interface FragmentContext {
  path: string;
  commit?: string;
}

/** A match of a `required` rule next to a composite finding. */
export interface RequiredMatch {
  ruleId: string;
  secret: string;
  line: number;
  column: number;
}

/** A finding with the full secret, in memory only: output masks it (see output.ts). */
export interface RawFinding {
  ruleId: string;
  description: string;
  tags: string[];
  path: string;
  commit?: string;
  line: number;
  column: number;
  endLine: number;
  secret: string;
  entropy: number;
  required?: RequiredMatch[];
  /** AccessKey ids only: fingerprints of 30-character secret candidates in the same content (see leakFingerprint). */
  fingerprints?: string[];
}

/** What a server compares with an AccessKey's real secret; the secret itself never leaves the machine. */
export function leakFingerprint(accessKeyId: string, secret: string): string {
  return createHash('sha256').update(`bulwark-leak-v1\0${accessKeyId}\0${secret}`).digest('hex');
}

/** Alibaba-format AccessKey ids (Bulwark issues the same shapes). */
export const ACCESS_KEY_ID = /^(?:LTAI[A-Za-z0-9]{12,30}|STS\.[A-Za-z0-9]{16,64})$/;
const SECRET_CANDIDATE = /(?:^|[^A-Za-z0-9+/_-])([A-Za-z0-9]{30})(?=[^A-Za-z0-9+/_-]|$)/g;
const MAX_CANDIDATES = 64;

interface CompiledAllowlist {
  condition: 'OR' | 'AND';
  commits: string[];
  paths: RE2[];
  regexTarget: 'secret' | 'match' | 'line';
  regexes: RE2[];
  stopwords: string[];
  targetRules: Set<string>;
}

interface CompiledRule {
  config: RuleConfig;
  regex?: RE2;
  path?: RE2;
  allowlists: CompiledAllowlist[];
}

/** One regex match before context checks. */
interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secretStart: number;
  secret: string;
  match: string;
  line: number;
  column: number;
  endLine: number;
  entropy: number;
}

function compileAllowlist(a: AllowlistConfig, field: string): CompiledAllowlist {
  return {
    condition: a.condition,
    commits: a.commits.map((c) => c.toLowerCase()),
    paths: a.paths.map((p, i) => compileGoRegex(p, `${field}.paths[${i}]`)),
    regexTarget: a.regexTarget,
    regexes: a.regexes.map((r, i) => compileGoRegex(r, `${field}.regexes[${i}]`)),
    stopwords: a.stopwords,
    targetRules: new Set(a.targetRules),
  };
}

const NUL_SNIFF = 8000;

/** True when the content looks binary (a NUL byte early on, like git's heuristic). */
export function looksBinary(content: Uint8Array): boolean {
  return content.subarray(0, NUL_SNIFF).indexOf(0) >= 0;
}

/** Line starts of a buffer, built once per content and searched by bisection. */
class Lines {
  private starts: number[] | undefined;
  constructor(private readonly content: Buffer) {}

  private all(): number[] {
    if (!this.starts) {
      const starts = [0];
      let i = this.content.indexOf(10);
      while (i >= 0) {
        starts.push(i + 1);
        i = this.content.indexOf(10, i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  /** 1-based line of a byte offset. */
  lineOf(offset: number): number {
    const s = this.all();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  startOf(line: number): number {
    return this.all()[line - 1] ?? 0;
  }

  /** The full text of the lines covering [start, end). */
  text(start: number, end: number): string {
    const first = this.startOf(this.lineOf(start));
    let last = this.content.indexOf(10, Math.max(end - 1, first));
    if (last < 0) last = this.content.length;
    return this.content.toString('utf8', first, last);
  }
}

/**
 * Runs a rule set over content: keyword pre-filter (Aho–Corasick), RE2 regexes (linear time),
 * secret group, entropy, allowlists, composite (`required`) rules.
 */
export class SecretDetector {
  private readonly rules: CompiledRule[];
  private readonly byId = new Map<string, CompiledRule>();
  private readonly global: CompiledAllowlist[];
  private readonly keywords: AhoCorasick;
  /** For each keyword index, the rules that list it. */
  private readonly keywordRules: CompiledRule[][];
  private readonly alwaysRun: CompiledRule[];

  constructor(config: RulesConfig) {
    this.global = config.allowlists.map((a, i) => compileAllowlist(a, `allowlists[${i}]`));
    this.rules = config.rules.map((r, i) => {
      const field = `rules[${i}] (${r.id})`;
      const compiled: CompiledRule = {
        config: r,
        ...(r.regex !== undefined ? { regex: compileGoRegex(r.regex, `${field}.regex`, 'g') } : {}),
        ...(r.path !== undefined ? { path: compileGoRegex(r.path, `${field}.path`) } : {}),
        allowlists: r.allowlists.map((a, j) => compileAllowlist(a, `${field}.allowlists[${j}]`)),
      };
      this.byId.set(r.id, compiled);
      return compiled;
    });
    const keywordList: string[] = [];
    const keywordIndex = new Map<string, number>();
    this.keywordRules = [];
    this.alwaysRun = [];
    for (const rule of this.rules) {
      if (rule.config.skipReport) continue;
      if (rule.config.keywords.length === 0) {
        this.alwaysRun.push(rule);
        continue;
      }
      for (const k of rule.config.keywords) {
        let index = keywordIndex.get(k);
        if (index === undefined) {
          index = keywordList.length;
          keywordList.push(k);
          keywordIndex.set(k, index);
          this.keywordRules.push([]);
        }
        this.keywordRules[index]!.push(rule);
      }
    }
    this.keywords = new AhoCorasick(keywordList);
  }

  get ruleCount(): number {
    return this.rules.length;
  }

  private pathAllowed(a: CompiledAllowlist, path: string): boolean {
    return a.paths.some((p) => p.test(path));
  }

  private commitAllowed(a: CompiledAllowlist, commit: string | undefined): boolean {
    if (!commit) return false;
    const c = commit.toLowerCase();
    return a.commits.some((x) => x.length >= 7 && c.startsWith(x));
  }

  /** gitleaks' semantics: OR — any check allows; AND — every configured check must allow. */
  private allowed(a: CompiledAllowlist, candidate: Candidate, ctx: FragmentContext, lines: Lines, content: Buffer): boolean {
    const target = () => (a.regexTarget === 'match' ? candidate.match : a.regexTarget === 'line' ? lines.text(candidate.start, candidate.end) : candidate.secret);
    void content;
    const checks: Array<() => boolean> = [];
    if (a.commits.length > 0) checks.push(() => this.commitAllowed(a, ctx.commit));
    if (a.paths.length > 0) checks.push(() => this.pathAllowed(a, ctx.path));
    if (a.regexes.length > 0) checks.push(() => {
      const t = target();
      return a.regexes.some((r) => r.test(t));
    });
    if (a.stopwords.length > 0) checks.push(() => {
      const s = candidate.secret.toLowerCase();
      return a.stopwords.some((w) => s.includes(w));
    });
    if (checks.length === 0) return false;
    return a.condition === 'AND' ? checks.every((c) => c()) : checks.some((c) => c());
  }

  private isAllowed(candidate: Candidate, ctx: FragmentContext, lines: Lines, content: Buffer): boolean {
    const id = candidate.rule.config.id;
    for (const a of this.global) {
      if (a.targetRules.size > 0 && !a.targetRules.has(id)) continue;
      if (this.allowed(a, candidate, ctx, lines, content)) return true;
    }
    return candidate.rule.allowlists.some((a) => this.allowed(a, candidate, ctx, lines, content));
  }

  /** All regex matches of one rule (before allowlists), with secret, position and entropy. */
  private candidates(rule: CompiledRule, content: Buffer, lines: Lines): Candidate[] {
    const regex = rule.regex!;
    const out: Candidate[] = [];
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(content as unknown as string)) !== null) {
      const groups = m as unknown as Array<Buffer | undefined>;
      const whole = groups[0]!;
      const start = m.index;
      const end = start + whole.length;
      if (whole.length === 0) regex.lastIndex = end + 1;
      let secretBuf: Buffer = whole;
      const g = rule.config.secretGroup;
      if (g > 0) {
        secretBuf = groups[g] ?? Buffer.alloc(0);
      } else {
        for (let i = 1; i < groups.length; i++) {
          const v = groups[i];
          if (v && v.length > 0) {
            secretBuf = v;
            break;
          }
        }
      }
      if (secretBuf.length === 0 && whole.length === 0) continue;
      const rel = secretBuf === whole ? 0 : Math.max(whole.indexOf(secretBuf), 0);
      const secretStart = start + rel;
      const secret = secretBuf.toString('utf8');
      const entropy = shannonEntropy(secret);
      if (rule.config.entropy > 0 && entropy <= rule.config.entropy) continue;
      const line = lines.lineOf(secretStart);
      out.push({
        rule,
        start,
        end,
        secretStart,
        secret,
        match: whole.toString('utf8'),
        line,
        column: secretStart - lines.startOf(line) + 1,
        endLine: lines.lineOf(Math.max(end - 1, start)),
        entropy,
      });
    }
    return out;
  }

  /** Rules whose keywords occur (or that have none), in rule order. */
  private activeRules(content: Buffer): CompiledRule[] {
    const active = new Set<CompiledRule>(this.alwaysRun);
    if (this.keywordRules.length > 0) {
      for (const k of this.keywords.search(content)) for (const r of this.keywordRules[k]!) active.add(r);
    }
    return this.rules.filter((r) => active.has(r));
  }

  /**
   * Scans one content once for all the places it appears (a file, or a git blob under several
   * commits and paths); findings are per place, after that place's path/commit allowlists.
   */
  detect(content: Buffer, contexts: readonly FragmentContext[]): RawFinding[] {
    if (contexts.length === 0 || looksBinary(content)) return [];
    // Drop places a global path/commit allowlist covers entirely.
    const places = contexts.filter(
      (ctx) => !this.global.some((a) => a.targetRules.size === 0 && a.condition === 'OR' && (this.pathAllowed(a, ctx.path) || this.commitAllowed(a, ctx.commit))),
    );
    if (places.length === 0) return [];
    const lines = new Lines(content);
    const findings: RawFinding[] = [];
    const auxCache = new Map<string, Candidate[]>();
    const aux = (id: string) => {
      let list = auxCache.get(id);
      if (!list) {
        const rule = this.byId.get(id);
        list = rule?.regex ? this.candidates(rule, content, lines) : [];
        auxCache.set(id, list);
      }
      return list;
    };
    for (const rule of this.activeRules(content)) {
      const { config } = rule;
      const where = rule.path ? places.filter((p) => rule.path!.test(p.path)) : places;
      if (where.length === 0) continue;
      if (!rule.regex) {
        for (const ctx of where) findings.push({ ruleId: config.id, description: config.description, tags: config.tags, path: ctx.path, ...(ctx.commit ? { commit: ctx.commit } : {}), line: 0, column: 0, endLine: 0, secret: '', entropy: 0 });
        continue;
      }
      for (const c of this.candidates(rule, content, lines)) {
        for (const ctx of where) {
          if (this.isAllowed(c, ctx, lines, content)) continue;
          let required: RequiredMatch[] | undefined;
          if (config.required.length > 0) {
            required = [];
            let ok = true;
            for (const req of config.required) {
              const near = aux(req.id).find(
                (a) =>
                  a.secretStart !== c.secretStart &&
                  (req.withinLines === undefined || Math.abs(a.line - c.line) <= req.withinLines) &&
                  (req.withinColumns === undefined || Math.abs(a.column - c.column) <= req.withinColumns) &&
                  !this.isAllowed(a, ctx, lines, content),
              );
              if (!near) {
                ok = false;
                break;
              }
              required.push({ ruleId: req.id, secret: near.secret, line: near.line, column: near.column });
            }
            if (!ok) continue;
          }
          findings.push({
            ruleId: config.id,
            description: config.description,
            tags: config.tags,
            path: ctx.path,
            ...(ctx.commit ? { commit: ctx.commit } : {}),
            line: c.line,
            column: c.column,
            endLine: c.endLine,
            secret: c.secret,
            entropy: Math.round(c.entropy * 1000) / 1000,
            ...(required ? { required } : {}),
            ...(ACCESS_KEY_ID.test(c.secret) ? { fingerprints: this.fingerprints(c.secret, c.line, content, lines, required) } : {}),
          });
        }
      }
    }
    return dropCoveredByComposite(findings);
  }

  /** Fingerprints of the secrets next to an AccessKey id: the paired one first, then nearest lines. */
  private fingerprints(accessKeyId: string, line: number, content: Buffer, lines: Lines, required: RequiredMatch[] | undefined): string[] {
    const found: Array<{ secret: string; distance: number }> = (required ?? []).map((r) => ({ secret: r.secret, distance: -1 }));
    const text = content.toString('latin1');
    SECRET_CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SECRET_CANDIDATE.exec(text)) !== null) {
      const secret = m[1]!;
      found.push({ secret, distance: Math.abs(lines.lineOf(m.index + m[0].indexOf(secret)) - line) });
    }
    found.sort((a, b) => a.distance - b.distance);
    const seen = new Set<string>();
    const out: string[] = [];
    for (const f of found) {
      if (seen.has(f.secret)) continue;
      seen.add(f.secret);
      out.push(leakFingerprint(accessKeyId, f.secret));
      if (out.length >= MAX_CANDIDATES) break;
    }
    return out;
  }
}

/** A composite finding (with `required`) replaces plain findings of the same secret at the same place. */
function dropCoveredByComposite(findings: RawFinding[]): RawFinding[] {
  const composite = new Set(findings.filter((f) => f.required).map((f) => `${f.path}\0${f.commit ?? ''}\0${f.line}\0${f.column}\0${f.secret}`));
  if (composite.size === 0) return findings;
  return findings.filter((f) => f.required || !composite.has(`${f.path}\0${f.commit ?? ''}\0${f.line}\0${f.column}\0${f.secret}`));
}

/** A path test for walkers: true when a global path allowlist (OR, for every rule) covers the path. */
export function globalPathFilter(config: RulesConfig): (path: string) => boolean {
  const lists = config.allowlists.filter((a) => a.condition === 'OR' && a.targetRules.length === 0 && a.paths.length > 0);
  const regexes = lists.flatMap((a, i) => a.paths.map((p, j) => compileGoRegex(p, `allowlists[${i}].paths[${j}]`)));
  return (path) => regexes.some((r) => r.test(path));
}
