import { listDir, readLink, readText } from './read.js';

/** Fields of /proc/<pid>/stat the agent uses. */
export interface ProcStat {
  pid: number;
  /** `comm` (at most 15 characters) */
  name: string;
  state: string;
  ppid: number;
  /** user + system CPU time in clock ticks */
  cpuTicks: number;
  startTicks: number;
  rssPages: number;
}

/** Page size assumed for RSS (x86-64, arm64 with 4K pages). */
export const PAGE_SIZE = 4096;
/** USER_HZ: /proc times are in 1/100 s on every Linux ABI. */
export const CLOCK_TICKS = 100;

/** Numeric entries of `<procDir>` (the process ids). */
export function listPids(procDir: string): number[] {
  const out: number[] = [];
  for (const name of listDir(procDir)) {
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57 && /^\d+$/.test(name)) out.push(Number(name));
  }
  return out.sort((a, b) => a - b);
}

/** Parses one /proc/<pid>/stat line; `comm` may hold spaces and parentheses, so fields follow the last `)`. */
export function parseStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const f = text.slice(close + 2).trim().split(' ');
  // after comm: state(3) ppid(4) … utime(14) stime(15) … starttime(22) vsize(23) rss(24)
  if (f.length < 22) return undefined;
  const n = (i: number) => Number(f[i - 3]) || 0;
  return { pid: Number(text.slice(0, open).trim()), name: text.slice(open + 1, close), state: f[0] as string, ppid: n(4), cpuTicks: n(14) + n(15), startTicks: n(22), rssPages: n(24) };
}

export function readStat(procDir: string, pid: number): ProcStat | undefined {
  const text = readText(`${procDir}/${pid}/stat`);
  return text === undefined ? undefined : parseStat(text);
}

/** Arguments from /proc/<pid>/cmdline (NUL-separated); [] for kernel threads. */
export function readArgv(procDir: string, pid: number): string[] {
  const text = readText(`${procDir}/${pid}/cmdline`);
  if (!text) return [];
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Real uid from /proc/<pid>/status. */
export function readUid(procDir: string, pid: number): number | null {
  const text = readText(`${procDir}/${pid}/status`);
  const m = text === undefined ? null : /^Uid:\s+(\d+)/m.exec(text);
  return m ? Number(m[1]) : null;
}

/** Target of /proc/<pid>/exe (` (deleted)` suffix kept), or null when unreadable (kernel threads, other users). */
export function readExe(procDir: string, pid: number): string | null {
  return readLink(`${procDir}/${pid}/exe`) ?? null;
}

/** Socket inode of an fd link target `socket:[12345]`, or undefined. */
export function socketInode(target: string | undefined): number | undefined {
  if (target === undefined || !target.startsWith('socket:[')) return undefined;
  return Number(target.slice(8, -1));
}

/** Socket inodes held open by each process: calls `found(inode, pid)` until it returns true (stop). */
export function scanSocketFds(procDir: string, found: (inode: number, pid: number) => boolean): void {
  for (const pid of listPids(procDir)) {
    const fdDir = `${procDir}/${pid}/fd`;
    for (const fd of listDir(fdDir)) {
      const inode = socketInode(readLink(`${fdDir}/${fd}`));
      if (inode !== undefined && found(inode, pid)) return;
    }
  }
}
