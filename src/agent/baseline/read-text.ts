import { readFileSync, statSync } from 'node:fs';
import type { EvalContext } from './context.js';

/** Files larger than this are not read (a policy reads configuration files, not data). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Reads a regular file as UTF-8 text (procfs files report size 0 and are read to the end), or says why not. */
export function readText(real: string): { text: string } | { error: string } {
  try {
    const st = statSync(real);
    if (!st.isFile()) return { error: 'not a regular file' };
    if (st.size > MAX_FILE_BYTES) return { error: `larger than ${MAX_FILE_BYTES} bytes` };
    const text = readFileSync(real, 'utf8');
    return text.length > MAX_FILE_BYTES ? { error: `larger than ${MAX_FILE_BYTES} bytes` } : { text };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
}

/** Files up to this size are kept for the rest of the scan. */
const CACHED_FILE_BYTES = 256 * 1024;

/** `readText`, remembering small files (and failures) for the rest of the scan in `ctx`. */
export function readTextOnce(ctx: EvalContext, real: string): { text: string } | { error: string } {
  ctx.files ??= new Map();
  const known = ctx.files.get(real);
  if (known) return known;
  const read = readText(real);
  if (!('text' in read) || read.text.length <= CACHED_FILE_BYTES) ctx.files.set(real, read);
  return read;
}
