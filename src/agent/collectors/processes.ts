import type { Collector } from './collector.js';
import type { HostProcess } from './inventory.js';
import { listPids, PAGE_SIZE, readArgv, readExe, readStat, readUid } from './proc.js';

const MAX_COMMAND_LINE = 8192;

/** One process from /proc/<pid> (stat, cmdline, exe, status), or undefined when it has exited. */
export function readProcess(procDir: string, pid: number): HostProcess | undefined {
  const stat = readStat(procDir, pid);
  if (!stat) return undefined;
  return {
    pid,
    ppid: stat.ppid,
    name: stat.name,
    state: stat.state,
    uid: readUid(procDir, pid),
    commandLine: readArgv(procDir, pid).join(' ').slice(0, MAX_COMMAND_LINE),
    executable: readExe(procDir, pid),
    rssBytes: stat.rssPages * PAGE_SIZE,
    startTicks: stat.startTicks,
  };
}

/** Running processes (kernel threads included, with an empty command line). */
export const processesCollector: Collector = {
  name: 'processes',
  sections: ['processes'],
  collect(ctx) {
    const procDir = ctx.at('/proc');
    const processes: HostProcess[] = [];
    for (const pid of listPids(procDir)) {
      const p = readProcess(procDir, pid);
      if (p) processes.push(p);
    }
    return { processes };
  },
};
