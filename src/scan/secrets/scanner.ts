import { resolve } from 'node:path';
import type { Logger } from '../../core/logger.js';
import type { RulesConfig } from './config.js';
import { defaultRules } from './config.js';
import { globalPathFilter, type RawFinding } from './detector.js';
import { ScanPool } from './pool.js';
import { DEFAULT_MAX_FILE_BYTES, isGeneratedName, walkDirectory } from './walk-dir.js';
import { assertGitRepository, blobSizes, readBlobs, readGitHistory, type CommitInfo } from './walk-git.js';

export interface ScanOptions {
  /** folder, file or (with git) repository */
  path: string;
  git?: boolean;
  /** git only: scan commits not reachable from this revision */
  since?: string;
  rules?: RulesConfig;
  threads?: number;
  maxFileBytes?: number;
  logger?: Logger;
}

/** A finding with where and when it entered the code; `secret` is still in clear (output masks it). */
export interface Finding extends RawFinding {
  author?: string;
  email?: string;
  date?: string;
  message?: string;
  /** git: every commit that introduced content holding this secret at this path, oldest first */
  commits?: string[];
}

export interface ScanStats {
  mode: 'directory' | 'git';
  files: number;
  bytes: number;
  skipped: number;
  binary: number;
  commits?: number;
  rules: number;
  threads: number;
  durationMs: number;
}

export interface ScanResult {
  findings: Finding[];
  stats: ScanStats;
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

async function scanDirectory(root: string, rules: RulesConfig, pool: ScanPool, maxFileBytes: number, stats: ScanStats): Promise<Finding[]> {
  const ignored = globalPathFilter(rules);
  for await (const file of walkDirectory(root, { maxFileBytes, ignored, onSkip: () => stats.skipped++ })) {
    stats.files++;
    await pool.add({ file: file.absolute, contexts: [{ path: file.path }] }, file.size);
  }
  return pool.finish();
}

async function scanHistory(repo: string, since: string | undefined, rules: RulesConfig, pool: ScanPool, maxFileBytes: number, stats: ScanStats): Promise<Finding[]> {
  await assertGitRepository(repo);
  const history = await readGitHistory(repo, since ? { since } : {});
  stats.commits = history.commits.size;
  const ignored = globalPathFilter(rules);
  // Occurrences on ignored or generated paths are dropped before any blob is read.
  const wanted = new Map<string, { path: string; commit: string }[]>();
  for (const [sha, occurrences] of history.blobs) {
    const kept = occurrences.filter((o) => !ignored(o.path) && !isGeneratedName(o.path));
    if (kept.length > 0) wanted.set(sha, kept);
    else stats.skipped++;
  }
  const sizes = await blobSizes(repo, [...wanted.keys()]);
  const toRead: string[] = [];
  for (const sha of wanted.keys()) {
    const size = sizes.get(sha) ?? 0;
    if (size > maxFileBytes) stats.skipped++;
    else if (size > 0) toRead.push(sha);
  }
  for await (const blob of readBlobs(repo, toRead)) {
    stats.files++;
    await pool.add({ content: blob.content, contexts: wanted.get(blob.sha)! }, blob.content.length);
  }
  return mergeHistory(await pool.finish(), history.commits);
}

/**
 * One finding per secret and path across history: the commit that first introduced it, with every
 * later commit that introduced content still holding it.
 */
function mergeHistory(raw: RawFinding[], commits: Map<string, CommitInfo>): Finding[] {
  const order = (f: RawFinding) => commits.get(f.commit ?? '')?.order ?? Number.MAX_SAFE_INTEGER;
  raw.sort((a, b) => order(a) - order(b));
  const merged = new Map<string, Finding>();
  for (const f of raw) {
    const key = `${f.ruleId}\0${f.path}\0${f.secret}\0${(f.required ?? []).map((r) => r.secret).join(',')}`;
    const seen = merged.get(key);
    if (seen) {
      if (f.commit && !seen.commits!.includes(f.commit)) seen.commits!.push(f.commit);
      continue;
    }
    const info = commits.get(f.commit ?? '');
    merged.set(key, {
      ...f,
      ...(info ? { author: info.author, email: info.email, date: info.date, message: info.message } : {}),
      commits: f.commit ? [f.commit] : [],
    });
  }
  return [...merged.values()];
}

/** Scans a folder, or a git repository's whole history, with a rule set (Bulwark's defaults if none). */
export async function scanSecrets(options: ScanOptions): Promise<ScanResult> {
  const started = process.hrtime.bigint();
  const rules = options.rules ?? defaultRules();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const pool = ScanPool.create(rules, options.threads);
  const stats: ScanStats = { mode: options.git ? 'git' : 'directory', files: 0, bytes: 0, skipped: 0, binary: 0, rules: rules.rules.length, threads: pool.threads, durationMs: 0 };
  const path = resolve(options.path);
  try {
    const findings = options.git ? await scanHistory(path, options.since, rules, pool, maxFileBytes, stats) : await scanDirectory(path, rules, pool, maxFileBytes, stats);
    stats.bytes = pool.bytes;
    stats.binary = pool.binary;
    stats.durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    options.logger?.info({ mode: stats.mode, files: stats.files, bytes: stats.bytes, findings: findings.length, durationMs: Math.round(stats.durationMs) }, 'secret scan finished');
    return { findings: sortFindings(findings), stats };
  } finally {
    await pool.close();
  }
}
