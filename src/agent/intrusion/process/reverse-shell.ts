import { isShellOrInterpreter, NETWORK_RELAYS } from './names.js';
import { baseName, type ProcessInfo } from './process-info.js';
import type { ProcessFinding, ProcessRule, RuleContext } from './rule.js';

/** `nc host port | sh`, `cat f | sh -i | nc host port > f`: the shell's stdin or stdout is a pipe to a connected network tool. */
function pipedToNetworkTool(p: ProcessInfo, ctx: RuleContext): ProcessFinding | undefined {
  for (const fd of [0, 1] as const) {
    for (const peer of ctx.pipes.peers(p, p.stdio[fd])) {
      // curl and wget are not relays: `curl … | sh` is an installer
      if (!NETWORK_RELAYS.has(peer.name) && !NETWORK_RELAYS.has(baseName(peer.argv[0]))) continue;
      const socket = ctx.pipes.connectedSockets(peer)[0];
      if (!socket) continue;
      return {
        message: `${p.name} (pid ${p.pid}) has its standard ${fd === 0 ? 'input' : 'output'} piped to ${peer.name} (pid ${peer.pid}), connected to ${socket.remoteAddress}:${socket.remotePort}`,
        fields: { source: { ip: socket.localAddress, port: socket.localPort }, destination: { ip: socket.remoteAddress, port: socket.remotePort }, network: { transport: socket.transport }, bulwark: { relay: { pid: peer.pid, name: peer.name, command_line: peer.commandLine } } },
      };
    }
  }
  return undefined;
}

/** A shell or script interpreter whose stdin or stdout is a TCP/UDP socket: a reverse (or bind) shell. */
export const reverseShellRule: ProcessRule = {
  id: 'bulwark.process.reverse-shell',
  name: 'Shell with network socket as stdin/stdout',
  severity: 'critical',
  technique: { id: 'T1059.004', name: 'Command and Scripting Interpreter: Unix Shell' },
  match(p, ctx) {
    if (!isShellOrInterpreter(p.name) && !isShellOrInterpreter(baseName(p.argv[0]))) return undefined;
    const socket = ctx.sockets.inetSocket(p.pid, p.stdio[0]) ?? ctx.sockets.inetSocket(p.pid, p.stdio[1]);
    if (!socket) return pipedToNetworkTool(p, ctx);
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
