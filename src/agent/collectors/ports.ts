import type { Collector } from './collector.js';
import type { ListeningPort } from './inventory.js';
import { isListening, readSockets } from './net-sockets.js';
import { readStat, scanSocketFds } from './proc.js';

/** Listening TCP/UDP sockets (/proc/net/tcp, tcp6, udp, udp6) with the process holding each one (/proc/*\/fd). */
export const portsCollector: Collector = {
  name: 'ports',
  sections: ['ports'],
  collect(ctx) {
    const procDir = ctx.at('/proc');
    const listening = readSockets(`${procDir}/net`).filter(isListening);
    const wanted = new Map(listening.map((s) => [s.inode, undefined as number | undefined]));
    let missing = wanted.size;
    if (missing > 0) {
      scanSocketFds(procDir, (inode, pid) => {
        if (wanted.has(inode) && wanted.get(inode) === undefined) {
          wanted.set(inode, pid);
          missing--;
        }
        return missing === 0;
      });
    }
    const names = new Map<number, string | null>();
    const nameOf = (pid: number) => {
      if (!names.has(pid)) names.set(pid, readStat(procDir, pid)?.name ?? null);
      return names.get(pid) ?? null;
    };
    const ports: ListeningPort[] = listening.map((s) => {
      const pid = wanted.get(s.inode) ?? null;
      return { transport: s.transport, family: s.family, address: s.localAddress, port: s.localPort, uid: s.uid, inode: s.inode, pid, process: pid === null ? null : nameOf(pid) };
    });
    ports.sort((a, b) => a.transport.localeCompare(b.transport) || a.port - b.port || a.address.localeCompare(b.address));
    return { ports };
  },
};
