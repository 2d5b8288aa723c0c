import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, chown, copyFile, constants, lstat, mkdir, readdir, readFile, realpath, rename, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { responseRecord, type ResponseRecord } from './record.js';

/** One quarantined file, as recorded in its manifest entry (`<id>.json` beside `<id>.bin`). */
export const quarantineEntrySchema = z.object({
  id: z.string().regex(/^q-[a-z0-9]+-[a-f0-9]{8}$/),
  originalPath: z.string().min(1),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  size: z.number().int().nonnegative(),
  /** permission bits (e.g. 0o755 as 493) */
  mode: z.number().int().nonnegative(),
  uid: z.number().int().nonnegative(),
  gid: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  quarantinedAt: z.iso.datetime(),
});
export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;

export function quarantineDir(stateDir: string): string {
  return join(stateDir, 'quarantine');
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** rename, or copy + unlink across file systems. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    await copyFile(from, to, constants.COPYFILE_EXCL);
    await unlink(from);
  }
}

async function openQuarantine(stateDir: string): Promise<string> {
  const dir = quarantineDir(stateDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  return dir;
}

function failed(path: string, e: unknown): BulwarkError {
  return e instanceof BulwarkError ? e : new BulwarkError('Agent.Respond.QuarantineFailed', { path, reason: (e as Error).message });
}

/**
 * Moves a regular file into `<stateDir>/quarantine` (0700), strips every permission (0000) and
 * records its SHA-256, original path, mode, owner and mtime in a manifest entry written first,
 * so what is needed to restore it is never lost.
 */
export async function quarantineFile(path: string, stateDir: string, now = new Date()): Promise<ResponseRecord> {
  const original = resolve(path);
  const dir = await openQuarantine(stateDir);
  if (original === dir || original.startsWith(dir + sep)) throw new BulwarkError('Agent.Respond.QuarantineFailed', { path: original, reason: 'it is already in the quarantine' });
  // the agent's own state (its credentials, action log, manifests) stays out of reach of a queued action,
  // also through a symbolic link in the path's folders
  const state = await realpath(stateDir);
  const real = join(await realpath(dirname(original)).catch(() => dirname(original)), basename(original));
  if (real === state || real.startsWith(state + sep)) throw new BulwarkError('Agent.Respond.QuarantineFailed', { path: original, reason: "it is in the agent's state folder" });
  const st = await lstat(original).catch((e: unknown) => {
    throw failed(original, e);
  });
  if (!st.isFile()) throw new BulwarkError('Agent.Respond.QuarantineFailed', { path: original, reason: st.isSymbolicLink() ? 'it is a symbolic link' : 'it is not a regular file' });
  const sha256 = await sha256File(original);
  const id = `q-${now.getTime().toString(36)}-${randomBytes(4).toString('hex')}`;
  const entry: QuarantineEntry = { id, originalPath: original, sha256, size: st.size, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtimeMs: st.mtimeMs, quarantinedAt: now.toISOString() };
  const manifest = join(dir, `${id}.json`);
  const stored = join(dir, `${id}.bin`);
  await writeFile(manifest, `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await move(original, stored);
  } catch (e) {
    await rm(manifest, { force: true });
    throw failed(original, e);
  }
  await chmod(stored, 0o000);
  return responseRecord({ action: 'quarantine', target: original, outcome: 'done', details: { quarantineId: id, sha256, size: st.size, mode: `0${entry.mode.toString(8)}`, uid: st.uid, gid: st.gid }, undo: { action: 'restore', target: id } }, now);
}

async function readEntry(stateDir: string, id: string): Promise<QuarantineEntry> {
  if (!/^q-[a-z0-9]+-[a-f0-9]{8}$/.test(id)) throw new BulwarkError('Agent.Respond.QuarantineNotFound', { id });
  const text = await readFile(join(quarantineDir(stateDir), `${id}.json`), 'utf8').catch(() => {
    throw new BulwarkError('Agent.Respond.QuarantineNotFound', { id });
  });
  const parsed = quarantineEntrySchema.safeParse(JSON.parse(text));
  if (!parsed.success || parsed.data.id !== id) throw new BulwarkError('Agent.InvalidState', { file: `${id}.json`, reason: parsed.success ? 'id mismatch' : (parsed.error.issues[0]?.message ?? 'invalid') });
  return parsed.data;
}

/**
 * Puts a quarantined file back where it was, with its mode, owner and mtime, after checking its
 * SHA-256. Never overwrites: if something now exists at the original path, nothing is changed.
 */
export async function restoreQuarantined(id: string, stateDir: string): Promise<ResponseRecord> {
  const entry = await readEntry(stateDir, id);
  const dir = quarantineDir(stateDir);
  const stored = join(dir, `${id}.bin`);
  const existing = await lstat(entry.originalPath).catch(() => undefined);
  if (existing) throw new BulwarkError('Agent.Respond.RestoreConflict', { path: entry.originalPath, reason: 'a file exists there now (move it away first)' });
  await chmod(stored, 0o600).catch(() => {
    throw new BulwarkError('Agent.Respond.QuarantineNotFound', { id });
  });
  if ((await sha256File(stored)) !== entry.sha256) {
    await chmod(stored, 0o000);
    throw new BulwarkError('Agent.Respond.QuarantineTampered', { path: entry.originalPath, id });
  }
  await mkdir(dirname(entry.originalPath), { recursive: true });
  await move(stored, entry.originalPath);
  await chmod(entry.originalPath, entry.mode);
  // Only root may give a file away; others keep it as their own.
  if (process.getuid?.() === 0) await chown(entry.originalPath, entry.uid, entry.gid);
  await utimes(entry.originalPath, new Date(), new Date(entry.mtimeMs));
  await rm(join(dir, `${id}.json`), { force: true });
  return responseRecord({ action: 'restore', target: id, outcome: 'done', details: { path: entry.originalPath, sha256: entry.sha256 }, undo: { action: 'quarantine', target: entry.originalPath } });
}

/** The files in quarantine now. */
export async function listQuarantine(stateDir: string): Promise<QuarantineEntry[]> {
  const names = await readdir(quarantineDir(stateDir)).catch(() => [] as string[]);
  const out: QuarantineEntry[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) out.push(await readEntry(stateDir, name.slice(0, -5)));
  return out;
}
