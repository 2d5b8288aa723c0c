import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

function segmentRegex(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** Expands an Include path with `*` / `?` wildcards (any segment), sorted like Apache does. */
export function expandGlob(pattern: string, baseDir: string): string[] {
  const full = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
  if (!/[*?]/.test(full)) return [full];
  const parts = full.split(sep);
  let current = [parts[0] === '' ? sep : (parts[0] as string)];
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const next: string[] = [];
    for (const dir of current) {
      if (!/[*?]/.test(part)) { next.push(join(dir, part)); continue; }
      let names: string[];
      try { names = readdirSync(dir); } catch { continue; }
      const re = segmentRegex(part);
      for (const name of names.sort()) if (re.test(name)) next.push(join(dir, name));
    }
    current = next;
  }
  return current.filter((p) => { try { return statSync(p).isFile(); } catch { return false; } });
}
