import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readFile, readlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** What the baseline records of one file. */
export interface FileState {
  readonly path: string;
  readonly type: 'file' | 'symlink';
  /** SHA-256 of the content (regular files; absent when skipped, see `note`) */
  readonly sha256?: string;
  /** link target (symlinks) */
  readonly target?: string;
  /** permission bits and special bits (setuid, setgid, sticky) */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly inode: number;
  /** why there is no hash: `too-large` or `unreadable` */
  readonly note?: 'too-large' | 'unreadable';
}

/** The attributes compared between baseline and now, in the order changes are reported. */
export const COMPARED: ReadonlyArray<keyof FileState> = ['type', 'sha256', 'target', 'mode', 'uid', 'gid', 'size', 'mtimeMs'];

/** Files up to this size are read in one call; larger ones are streamed. */
const ONE_READ_BYTES = 1024 * 1024;

/** SHA-256 of a file: small files in one read, larger ones streamed (bounded memory whatever the size). */
export async function sha256File(path: string, size = Infinity): Promise<string> {
  const hash = createHash('sha256');
  if (size <= ONE_READ_BYTES) return hash.update(await readFile(path)).digest('hex');
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface ReadStateOptions {
  readonly maxFileBytes: number;
  /** the baseline's record: its hash is reused when size, mtime, ctime and inode are unchanged */
  readonly previous?: FileState;
  readonly rehashUnchanged?: boolean;
}

/** The state of one path now; undefined when it is gone or is neither a regular file nor a symlink. */
export async function readFileState(path: string, options: ReadStateOptions, known?: Stats): Promise<FileState | undefined> {
  let info: Stats;
  try {
    info = known ?? (await lstat(path));
  } catch {
    return undefined;
  }
  const base = { path, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid, size: info.size, mtimeMs: Math.trunc(info.mtimeMs), ctimeMs: Math.trunc(info.ctimeMs), inode: info.ino };
  if (info.isSymbolicLink()) {
    const target = await readlink(path).catch(() => undefined);
    return target === undefined ? undefined : { ...base, type: 'symlink', target };
  }
  if (!info.isFile()) return undefined;
  if (info.size > options.maxFileBytes) return { ...base, type: 'file', note: 'too-large' };
  const p = options.previous;
  if (!options.rehashUnchanged && p?.sha256 && p.type === 'file' && p.size === base.size && p.mtimeMs === base.mtimeMs && p.ctimeMs === base.ctimeMs && p.inode === base.inode) {
    return { ...base, type: 'file', sha256: p.sha256 };
  }
  try {
    return { ...base, type: 'file', sha256: await sha256File(path, info.size) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { ...base, type: 'file', note: 'unreadable' };
  }
}
