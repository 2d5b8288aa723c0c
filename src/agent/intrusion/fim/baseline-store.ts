import { gunzipSync, gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BulwarkError } from '../../../core/errors.js';
import { writeAtomically } from '../state-file.js';
import type { FileState } from './file-state.js';

/** The file-integrity baseline file in the agent's state dir. */
export const BASELINE_FILE = 'fim-baseline.jsonl.gz';

export interface Baseline {
  readonly createdAt: number;
  /** the roots the baseline covers */
  readonly roots: string[];
  readonly files: Map<string, FileState>;
}

const headerSchema = z.object({ format: z.literal('bulwark-fim'), version: z.literal(1), createdAt: z.number(), roots: z.array(z.string()) });
// one compact row per file: [path, type, sha256|target|null, mode, uid, gid, size, mtimeMs, ctimeMs, inode, note|null]
const uint = z.number().int().nonnegative();
const rowSchema = z.tuple([z.string(), z.enum(['f', 'l']), z.string().nullable(), uint, uint, uint, uint, z.number(), z.number(), uint, z.enum(['too-large', 'unreadable']).nullable()]);
type Row = z.infer<typeof rowSchema>;

function toRow(s: FileState): Row {
  return [s.path, s.type === 'file' ? 'f' : 'l', (s.type === 'file' ? s.sha256 : s.target) ?? null, s.mode, s.uid, s.gid, s.size, s.mtimeMs, s.ctimeMs, s.inode, s.note ?? null];
}

function fromRow(r: Row): FileState {
  const [path, type, value, mode, uid, gid, size, mtimeMs, ctimeMs, inode, note] = r;
  return {
    path,
    type: type === 'f' ? 'file' : 'symlink',
    ...(value !== null ? (type === 'f' ? { sha256: value } : { target: value }) : {}),
    mode,
    uid,
    gid,
    size,
    mtimeMs,
    ctimeMs,
    inode,
    ...(note !== null ? { note } : {}),
  };
}

/** Writes the baseline (gzip'd JSON lines: a header, then one row per file), atomically. */
export async function saveBaseline(stateDir: string, baseline: Baseline): Promise<void> {
  const lines = [JSON.stringify({ format: 'bulwark-fim', version: 1, createdAt: baseline.createdAt, roots: baseline.roots })];
  for (const s of baseline.files.values()) lines.push(JSON.stringify(toRow(s)));
  await writeAtomically(join(stateDir, BASELINE_FILE), gzipSync(`${lines.join('\n')}\n`));
}

/** Reads the baseline; undefined when none was taken yet. */
export async function loadBaseline(stateDir: string): Promise<Baseline | undefined> {
  const file = join(stateDir, BASELINE_FILE);
  let text: string;
  try {
    text = gunzipSync(await readFile(file)).toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BulwarkError('Agent.Intrusion.StateCorrupt', { file, reason: (e as NodeJS.ErrnoException).code ?? 'not gzip' });
  }
  const lines = text.split('\n').filter((l) => l.length > 0);
  const parse = <T>(schema: z.ZodType<T>, line: string | undefined, n: number): T => {
    let raw: unknown;
    try {
      raw = JSON.parse(line ?? '');
    } catch {
      throw new BulwarkError('Agent.Intrusion.StateCorrupt', { file, reason: `line ${n}: not JSON` });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new BulwarkError('Agent.Intrusion.StateCorrupt', { file, reason: `line ${n}: ${parsed.error.issues[0]!.message}` });
    return parsed.data;
  };
  const header = parse(headerSchema, lines[0], 1);
  const files = new Map<string, FileState>();
  for (let i = 1; i < lines.length; i++) {
    const state = fromRow(parse(rowSchema, lines[i], i + 1));
    files.set(state.path, state);
  }
  return { createdAt: header.createdAt, roots: header.roots, files };
}
