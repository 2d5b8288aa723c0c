import { listPids, readArgv, readExe, readStat, readUid } from '../../collectors/proc.js';
import { readLink } from '../../collectors/read.js';

/** What the process rules look at for one process. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** `comm` */
  name: string;
  argv: string[];
  commandLine: string;
  /** /proc/<pid>/exe target (may end in ` (deleted)`), null when unreadable */
  exe: string | null;
  uid: number | null;
  cpuTicks: number;
  /** start time (clock ticks since boot): tells a reused pid apart */
  startTicks: number;
  /** link targets of fds 0, 1 and 2 (`socket:[123]`, `/dev/pts/0`, …) */
  stdio: [string | undefined, string | undefined, string | undefined];
}

const MAX_COMMAND_LINE = 8192;

export function readProcessInfo(procDir: string, pid: number): ProcessInfo | undefined {
  const stat = readStat(procDir, pid);
  if (!stat) return undefined;
  let argv = readArgv(procDir, pid);
  // A process that rewrote its title (`$0 = "…"`) shows one space-separated string.
  if (argv.length === 1 && (argv[0] as string).includes(' ')) argv = (argv[0] as string).split(/\s+/).filter(Boolean);
  const fd = (n: number) => readLink(`${procDir}/${pid}/fd/${n}`);
  return {
    pid,
    ppid: stat.ppid,
    name: stat.name,
    argv,
    commandLine: argv.join(' ').slice(0, MAX_COMMAND_LINE),
    exe: readExe(procDir, pid),
    uid: readUid(procDir, pid),
    cpuTicks: stat.cpuTicks,
    startTicks: stat.startTicks,
    stdio: [fd(0), fd(1), fd(2)],
  };
}

/** Every user-space process (kernel threads have no command line and are left out). */
export function readProcesses(procDir: string, skip: ReadonlySet<number>): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const pid of listPids(procDir)) {
    if (skip.has(pid)) continue;
    const info = readProcessInfo(procDir, pid);
    if (info && info.argv.length > 0) out.push(info);
  }
  return out;
}

/** Basename of a path or command word. */
export function baseName(path: string | undefined): string {
  if (!path) return '';
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The executable path without the kernel's ` (deleted)` marker. */
export function exePath(exe: string | null): string | null {
  return exe === null ? null : exe.endsWith(' (deleted)') ? exe.slice(0, -10) : exe;
}
