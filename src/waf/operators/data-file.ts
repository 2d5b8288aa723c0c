import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { BulwarkError } from '../../core/errors.js';

/** Reads a rules data file (one entry a line, `#` comments and blank lines skipped) as binary strings. */
export function readDataFile(name: string, baseDir: string): string[] {
  const path = isAbsolute(name) ? name : resolve(baseDir, name);
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch (e) {
    throw new BulwarkError('Waf.FileNotFound', { path, reason: e instanceof Error ? e.message : String(e) });
  }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}
