import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Errors that mean "not there (for us)": the collector records nothing instead of failing. */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'ESRCH', 'EINVAL']);

function isAbsent(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && ABSENT.has(String((e as { code: unknown }).code));
}

/** Contents of a text file, or undefined when it is missing or unreadable. */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (isAbsent(e)) return undefined;
    throw e;
  }
}

/** Names in a directory (sorted), or [] when it is missing or unreadable. */
export function listDir(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch (e) {
    if (isAbsent(e)) return [];
    throw e;
  }
}

/** Target of a symbolic link, or undefined. */
export function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch (e) {
    if (isAbsent(e)) return undefined;
    throw e;
  }
}

/** Non-empty lines without `#` comments (whole-line comments only). */
export function contentLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#')) out.push(line);
  }
  return out;
}

/** Parses `KEY=value` files (os-release): optional single or double quotes, backslash escapes. */
export function parseEnvFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of contentLines(text)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\(["\\$`])/g, '$1');
    }
    out.set(line.slice(0, eq).trim(), value);
  }
  return out;
}
