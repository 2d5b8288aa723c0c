import { existsSync } from 'node:fs';
import { readSockets, type NetSocket } from '../../collectors/net-sockets.js';
import { socketInode } from '../../collectors/proc.js';
import { readLink } from '../../collectors/read.js';

/**
 * Finds the TCP/UDP socket behind an fd link in the process's own network namespace
 * (/proc/<pid>/net), reading each namespace's tables once. Unix sockets are not found.
 */
export class SocketLookup {
  private readonly tables = new Map<string, Map<number, NetSocket>>();

  constructor(private readonly procDir: string) {}

  inetSocket(pid: number, fdTarget: string | undefined): NetSocket | undefined {
    const inode = socketInode(fdTarget);
    if (inode === undefined) return undefined;
    const own = `${this.procDir}/${pid}/net`;
    const netDir = existsSync(own) ? own : `${this.procDir}/net`;
    const key = readLink(`${this.procDir}/${pid}/ns/net`) ?? netDir;
    let table = this.tables.get(key);
    if (!table) {
      table = new Map(readSockets(netDir).map((s) => [s.inode, s]));
      this.tables.set(key, table);
    }
    return table.get(inode);
  }
}
