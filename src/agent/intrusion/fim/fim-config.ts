import { z } from 'zod';
import { parseSettings } from '../settings.js';

const absolute = z.string().refine((p) => p.startsWith('/'), 'expected an absolute path');

/** File-integrity monitoring settings; every field has a default. */
export const fimConfigSchema = z.object({
  enabled: z.boolean().default(true),
  /** folders (or files) whose files are baselined */
  paths: z.array(absolute).default(['/etc', '/usr/bin', '/usr/sbin']),
  /** web roots: baselined too, and new or changed files there are scanned for webshells */
  webRoots: z.array(absolute).default([]),
  /** absolute paths (a folder excludes everything under it) or patterns with `*` (not across `/`) and `**` */
  exclude: z.array(z.string().min(1)).default(['/etc/adjtime', '/etc/ld.so.cache', '/etc/.pwd.lock', '/etc/mtab']),
  /** larger files are recorded without a hash (with a note) */
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  /** at most this many files are baselined; the rest are noted and not watched */
  maxFiles: z.number().int().positive().default(200_000),
  /** full rescan period (seconds); watching catches changes in between */
  scanIntervalSeconds: z.number().positive().default(3600),
  /** watch for changes (inotify); off: periodic scans only */
  watch: z.boolean().default(true),
  /** at most this many folders are watched (each is one inotify watch on Linux) */
  maxWatchedDirs: z.number().int().positive().default(8192),
  /** re-read files whose size, mtime, ctime and inode did not change (off: keep their hash) */
  rehashUnchanged: z.boolean().default(false),
}).strict();

export type FimConfig = z.infer<typeof fimConfigSchema>;

/** Validates the `fim` settings; errors name the field. */
export function parseFimConfig(raw: unknown): FimConfig {
  return parseSettings(fimConfigSchema, raw, 'fim');
}

/** Builds the exclusion test: exact paths and folders, or `*` / `**` patterns over the whole path. */
export function excluder(entries: readonly string[]): (path: string) => boolean {
  const prefixes: string[] = [];
  const patterns: RegExp[] = [];
  for (const e of entries) {
    if (!e.includes('*') && !e.includes('?')) {
      prefixes.push(e.replace(/\/+$/, ''));
      continue;
    }
    let re = '';
    for (let i = 0; i < e.length; i++) {
      const ch = e[i]!;
      if (ch === '*' && e[i + 1] === '*') {
        re += '.*';
        i++;
      } else if (ch === '*') re += '[^/]*';
      else if (ch === '?') re += '[^/]';
      else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    patterns.push(new RegExp(`^${re}$`));
  }
  return (path) => prefixes.some((p) => path === p || path.startsWith(`${p}/`)) || patterns.some((re) => re.test(path));
}
