import { isShellOrInterpreter } from './names.js';
import { baseName } from './process-info.js';
import type { ProcessRule } from './rule.js';

/** A shell or script interpreter whose stdin or stdout is a TCP/UDP socket: a reverse (or bind) shell. */
export const reverseShellRule: ProcessRule = {
  id: 'bulwark.process.reverse-shell',
  name: 'Shell with network socket as stdin/stdout',
  severity: 'critical',
  technique: { id: 'T1059.004', name: 'Command and Scripting Interpreter: Unix Shell' },
  match(p, ctx) {
    if (!isShellOrInterpreter(p.name) && !isShellOrInterpreter(baseName(p.argv[0]))) return undefined;
    const socket = ctx.sockets.inetSocket(p.pid, p.stdio[0]) ?? ctx.sockets.inetSocket(p.pid, p.stdio[1]);
    if (!socket) return undefined;
    const peer = socket.remotePort === 0 ? 'a listening socket' : `${socket.remoteAddress}:${socket.remotePort}`;
    return {
      message: `${p.name} (pid ${p.pid}) has its standard input/output on a ${socket.transport.toUpperCase()} socket connected to ${peer}`,
      fields: {
        source: { ip: socket.localAddress, port: socket.localPort },
        ...(socket.remotePort === 0 ? {} : { destination: { ip: socket.remoteAddress, port: socket.remotePort } }),
        network: { transport: socket.transport },
      },
    };
  },
};
