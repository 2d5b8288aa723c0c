import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';

/**
 * Small JSON state files of the intrusion detectors (known logins, log offsets) under the agent's
 * state dir: read with a zod schema (undefined when the file does not exist yet), written
 * atomically (temporary file, then rename) so a crash never leaves half a file.
 */
export async function readStateFile<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BulwarkError('Agent.Intrusion.StateCorrupt', { file, reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BulwarkError('Agent.Intrusion.StateCorrupt', { file, reason: 'not JSON' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulwarkError('Agent.Intrusion.StateCorrupt', { file, reason: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  }
  return parsed.data;
}

export async function writeStateFile(file: string, value: unknown): Promise<void> {
  await writeAtomically(file, JSON.stringify(value));
}

/** Writes a file through a temporary sibling and a rename (mode 0600: state may name users and hosts). */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode: 0o600 });
  await rename(tmp, file);
}
